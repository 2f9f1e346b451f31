package io.muster.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ApiException;
import io.muster.api.Json;
import io.muster.auth.AccessScope;
import io.muster.auth.Caller;
import io.muster.auth.Role;
import io.muster.finding.ImportResult;
import io.muster.format.AsffTime;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * The findings stream: each message on {@value #CHANNEL} (a Kafka topic, a RabbitMQ queue or, by
 * default, in memory — chosen by configuration alone) is a document in the format its content type names,
 * imported through {@link FindingIngest} like an HTTP import. A message is acknowledged only after its
 * findings are committed. A message that cannot be read (not JSON, unknown format, closed scan) or whose
 * findings are refused goes to {@value #DEAD_LETTER_CHANNEL} as an envelope holding the reason, each
 * refused finding's error and the original payload — the valid findings of a partly refused message are
 * stored. A message redelivered after a crash is harmless: imports deduplicate on ProductArn and Id. While
 * the database refuses work the message is retried with backoff ({@code muster.ingest.stream-attempts}),
 * then nacked so the broker keeps it.
 */
@ApplicationScoped
public class FindingStream {

    public static final String CHANNEL = "muster-findings";
    public static final String DEAD_LETTER_CHANNEL = "muster-findings-dead-letter";
    /** The header (Kafka, RabbitMQ) that carries a dead letter's reason beside the envelope. */
    public static final String REASON_HEADER = "muster-dead-letter-reason";
    private static final Logger LOG = Logger.getLogger(FindingStream.class);

    @Inject
    FindingIngest ingest;

    @Inject
    IngestConfig config;

    @Inject
    @Channel(DEAD_LETTER_CHANNEL)
    Emitter<String> deadLetters;

    @Incoming(CHANNEL)
    @Blocking(value = "muster-ingest", ordered = false)
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> consume(Message<?> message) {
        StreamHeaders headers = StreamHeaders.of(message);
        String body = text(message.getPayload());
        IngestSummary result;
        try {
            result = importWithRetries(headers, body);
        } catch (ApiException refused) {
            deadLetter(headers, body, refused.getMessage(), List.of());
            return message.ack();
        } catch (RuntimeException failure) {
            LOG.errorf(failure, "A findings message could not be stored after %d attempts; it is left to the broker", config.streamAttempts());
            return message.nack(failure);
        }
        if (result.failedCount() > 0) {
            deadLetter(headers, body, result.failedCount() + " of " + (result.successCount() + result.failedCount())
                    + " findings were refused (the others were stored)", result.failedFindings());
        }
        return message.ack();
    }

    /** Payloads up to this many characters travel in the dead letter (a broker's default message limit is about 1 MB). */
    static final int MAX_DEAD_LETTER_PAYLOAD = 512 * 1024;

    private IngestSummary importWithRetries(StreamHeaders headers, String body) {
        Caller caller = new Caller(config.streamIdentity(), null, Role.PRODUCER, AccessScope.UNRESTRICTED);
        FindingIngest.Source source = new FindingIngest.Source(caller, headers.get(StreamHeaders.ACCOUNT), headers.get(StreamHeaders.REGION),
                headers.get(StreamHeaders.SCAN));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > ingest.maxDocumentBytes()) {
            throw ApiException.invalidInput("The message is " + bytes.length + " bytes; a findings message may be at most "
                    + ingest.maxDocumentBytes());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return ingest.ingest(headers.format(), bytes, source);
            } catch (ApiException refused) {
                throw refused;
            } catch (RuntimeException failure) {
                if (!isTransient(failure)) {
                    // not the database or the network: the same message would fail the same way after every restart
                    throw ApiException.invalidInput("The message could not be stored: " + failure.getClass().getSimpleName()
                            + (failure.getMessage() == null ? "" : ": " + failure.getMessage()));
                }
                if (attempt >= config.streamAttempts()) {
                    throw failure;
                }
                LOG.warnf("Storing a findings message failed (attempt %d of %d): %s", attempt, config.streamAttempts(), failure.getMessage());
                sleep(250L << Math.min(attempt, 6));
            }
        }
    }

    /** Sends the envelope and waits until the broker has it, so the original is acknowledged only then. */
    private void deadLetter(StreamHeaders headers, String body, String reason, List<ImportResult.FailedFinding> failed) {
        ObjectNode envelope = Json.object().put("Reason", reason).put("Format", headers.format()).put("ReceivedAt", AsffTime.format(Instant.now()));
        ArrayNode failures = envelope.putArray("FailedFindings");
        failed.forEach(finding -> failures.addObject().put("Id", finding.id()).put("ErrorCode", finding.errorCode())
                .put("ErrorMessage", finding.errorMessage()));
        ObjectNode original = envelope.putObject("Headers");
        headers.values().forEach(original::put);
        if (body.length() <= MAX_DEAD_LETTER_PAYLOAD) {
            envelope.put("Payload", body);
        } else {
            // a large document's good records are stored; the dead letter names the refused ones, it does not carry 100 MB
            envelope.put("PayloadOmitted", "The message was " + body.length() + " characters; dead letters carry payloads of at most "
                    + MAX_DEAD_LETTER_PAYLOAD + ". FailedFindings names each refused record.");
        }
        String reasonHeader = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
        RecordHeaders kafkaHeaders = new RecordHeaders();
        kafkaHeaders.add(REASON_HEADER, reasonHeader.getBytes(StandardCharsets.UTF_8));
        Metadata metadata = Metadata.of(headers,
                OutgoingKafkaRecordMetadata.builder().withHeaders(kafkaHeaders).build(),
                new OutgoingRabbitMQMetadata.Builder().withHeader(REASON_HEADER, reasonHeader).withContentType("application/json").build());
        CompletableFuture<Void> sent = new CompletableFuture<>();
        deadLetters.send(Message.of(Json.write(envelope), metadata).withAck(() -> {
            sent.complete(null);
            return CompletableFuture.completedFuture(null);
        }).withNack(failure -> {
            sent.completeExceptionally(failure);
            return CompletableFuture.completedFuture(null);
        }));
        try {
            sent.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The dead-letter channel did not take the message: " + e.getMessage(), e);
        }
        LOG.infof("A findings message went to %s: %s", DEAD_LETTER_CHANNEL, reason);
    }

    /** The payload as text, whatever type the connector gave it (bytes, text, a Vert.x buffer or JSON value). */
    static String text(Object payload) {
        if (payload instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return payload == null ? "" : payload.toString();
    }

    /** Whether a failure may pass by itself: the database or the network refused, somewhere down its causes. */
    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException || cause instanceof java.io.IOException
                    || cause instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry a findings message", e);
        }
    }
}
