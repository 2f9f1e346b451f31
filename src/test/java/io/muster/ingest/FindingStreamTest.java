package io.muster.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.testing.Asff;
import io.muster.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The findings stream on the in-memory connector (the embedded default): messages are imported in the
 * format their content type names, acknowledged only once their findings are committed, refused messages
 * and refused findings go to the dead-letter channel with the reason, and a redelivered message is harmless.
 */
@QuarkusTest
class FindingStreamTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    TestDatabase db;

    private InMemorySink<String> deadLetters;

    @BeforeEach
    void clearDeadLetters() {
        deadLetters = connector.sink(FindingStream.DEAD_LETTER_CHANNEL);
        deadLetters.clear();
    }

    @Test
    void aMessageIsAcknowledgedOnlyAfterItsFindingsAreCommitted() {
        String productArn = Asff.newProductArn();
        AtomicLong storedWhenAcked = new AtomicLong(-1);
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<byte[]> message = Message.of(Asff.importBody(Asff.finding(productArn, "a"), Asff.finding(productArn, "b")).getBytes())
                .withAck(() -> {
                    storedWhenAcked.set(db.findings(productArn));
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                });
        connector.source(FindingStream.CHANNEL).send(message);
        await().atMost(Duration.ofSeconds(20)).until(acked::isDone);
        assertThat(storedWhenAcked.get()).isEqualTo(2);
        assertThat(deadLetters.received()).isEmpty();
    }

    @Test
    void aRedeliveredMessageChangesNothing() {
        String productArn = Asff.newProductArn();
        String body = Asff.importBody(Asff.finding(productArn, "again"));
        send(body, Map.of());
        send(body, Map.of());
        assertThat(db.findings(productArn)).isEqualTo(1);
        assertThat(db.historyRows(productArn)).isEqualTo(1);
        assertThat(deadLetters.received()).isEmpty();
    }

    @Test
    void aMessageThatIsNotJsonGoesToTheDeadLetterChannelWithTheReason() {
        send("{\"Findings\": [", Map.of());
        JsonNode envelope = Json.readStored(deadLetters.received().get(0).getPayload());
        assertThat(envelope.path("Reason").asText()).startsWith("Request body is not valid JSON or NDJSON");
        assertThat(envelope.path("Payload").asText()).isEqualTo("{\"Findings\": [");
        assertThat(envelope.path("Format").asText()).isEqualTo("asff");
    }

    @Test
    void refusedFindingsGoToTheDeadLetterChannelAndTheValidOnesAreStored() {
        String productArn = Asff.newProductArn();
        ObjectNode broken = Asff.finding(productArn, "broken");
        broken.remove("AwsAccountId");
        send(Asff.importBody(Asff.finding(productArn, "good"), broken), Map.of());
        assertThat(db.findings(productArn)).isEqualTo(1);
        JsonNode envelope = Json.readStored(deadLetters.received().get(0).getPayload());
        assertThat(envelope.path("Reason").asText()).isEqualTo("1 of 2 findings were refused (the others were stored)");
        assertThat(envelope.path("FailedFindings").path(0).path("Id").asText()).isEqualTo("broken");
        assertThat(envelope.path("FailedFindings").path(0).path("ErrorMessage").asText()).contains("AwsAccountId");
    }

    @Test
    void theContentTypeNamesTheFormatAndHeadersGiveTheAccount() {
        String ocsf = """
                {"class_uid":2004,"severity_id":4,"time":1764300000000,"metadata":{"version":"1.1.0","product":{"name":"Stream Detector","vendor_name":"Acme"}},
                 "finding_info":{"uid":"stream-ocsf-1","title":"Detected on the stream"}}""";
        send(ocsf, Map.of(StreamHeaders.CONTENT_TYPE, "application/ocsf+json", StreamHeaders.ACCOUNT, "444455556666",
                StreamHeaders.REGION, "ap-southeast-2"));
        JsonNode stored = db.document("arn:aws:securityhub:ap-southeast-2::product/acme/stream-detector", "stream-ocsf-1");
        assertThat(stored.path("AwsAccountId").asText()).isEqualTo("444455556666");
        assertThat(stored.path("Severity").path("Label").asText()).isEqualTo("HIGH");

        send("[]", Map.of(StreamHeaders.CONTENT_TYPE, "application/vnd.muster.nessus+json"));
        assertThat(Json.readStored(deadLetters.received().get(0).getPayload()).path("Reason").asText())
                .startsWith("Unknown format 'nessus'");
    }

    /** Sends one message and waits until the stream has acknowledged it. */
    private void send(String body, Map<String, String> headers) {
        AtomicInteger acks = new AtomicInteger();
        Message<byte[]> message = Message.of(body.getBytes()).addMetadata(new StreamHeaders(headers)).withAck(() -> {
            acks.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        });
        connector.source(FindingStream.CHANNEL).send(message);
        await().atMost(Duration.ofSeconds(20)).until(() -> acks.get() == 1);
    }
}
