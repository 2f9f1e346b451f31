package io.muster.outbound;

import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Sends events to the messaging channel {@value #CHANNEL} (a RabbitMQ exchange in production, configured
 * under {@code mp.messaging.outgoing.muster-events}; in memory in tests), as JSON, keyed by the event's
 * first resource (the routing key) so that a finding's events stay together. A send counts as delivered
 * when the broker acknowledges it.
 */
@ApplicationScoped
public class ChannelSender {

    public static final String CHANNEL = "muster-events";

    @Inject
    @Channel(CHANNEL)
    Emitter<String> emitter;

    @ConfigProperty(name = "mp.messaging.outgoing.muster-events.enabled", defaultValue = "false")
    boolean enabled;

    /** Whether the channel is configured (an emitter on a disabled channel fails on every send). */
    public boolean available() {
        return enabled;
    }

    WebhookSender.Outcome send(OutboundTarget target, String eventId, String key, String payload) {
        long started = System.nanoTime();
        if (!enabled) {
            return new WebhookSender.Outcome(null, 0, "the channel " + CHANNEL + " is not configured (mp.messaging.outgoing."
                    + CHANNEL + ".*)", null);
        }
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        Message<String> message = Message.of(payload, Metadata.of(OutgoingRabbitMQMetadata.builder().withRoutingKey(key)
                .withMessageId(eventId).withContentType("application/json").build()), () -> {
                    acknowledged.complete(null);
                    return CompletableFuture.completedFuture(null);
                }, reason -> {
                    acknowledged.completeExceptionally(reason);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
            acknowledged.get(target.timeoutMillis(), TimeUnit.MILLISECONDS);
            return new WebhookSender.Outcome(202, (System.nanoTime() - started) / 1_000_000, null, null);
        } catch (TimeoutException e) {
            return new WebhookSender.Outcome(null, (System.nanoTime() - started) / 1_000_000,
                    "the broker did not acknowledge within " + target.timeoutMillis() + " ms", null);
        } catch (ExecutionException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            return new WebhookSender.Outcome(null, (System.nanoTime() - started) / 1_000_000, "the broker refused the message: " + cause, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new WebhookSender.Outcome(null, 0, "interrupted (Muster is stopping)", null);
        }
    }
}
