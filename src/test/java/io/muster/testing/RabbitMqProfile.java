package io.muster.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Outbound channel targets, the findings stream and its dead letters on the RabbitMQ broker at
 * 127.0.0.1:5672 (guest/guest). Muster declares the exchanges, the findings queue and the dead-letter queue
 * {@link #DEAD_LETTER_QUEUE}; a test that reads events binds its own queue to {@link #EVENTS_EXCHANGE}.
 */
public class RabbitMqProfile implements QuarkusTestProfile {

    public static final String EVENTS_EXCHANGE = "muster-events-test";
    public static final String FINDINGS_EXCHANGE = "muster-findings-test";
    public static final String FINDINGS_QUEUE = "muster-findings-test";
    public static final String DEAD_LETTER_EXCHANGE = "muster-findings-dead-letter-test";
    public static final String DEAD_LETTER_QUEUE = "muster-findings-dead-letter-test";

    @Override
    public Map<String, String> getConfigOverrides() {
        // %test. keys: the default test profile's %test. keys would win over plain ones
        return Map.ofEntries(Map.entry("%test.rabbitmq-host", "127.0.0.1"), Map.entry("%test.rabbitmq-port", "5672"),
                Map.entry("%test.rabbitmq-username", "guest"), Map.entry("%test.rabbitmq-password", "guest"),
                Map.entry("%test.mp.messaging.outgoing.muster-events.connector", "smallrye-rabbitmq"),
                Map.entry("%test.mp.messaging.outgoing.muster-events.exchange.name", EVENTS_EXCHANGE),
                Map.entry("%test.mp.messaging.incoming.muster-findings.connector", "smallrye-rabbitmq"),
                Map.entry("%test.mp.messaging.incoming.muster-findings.exchange.name", FINDINGS_EXCHANGE),
                Map.entry("%test.mp.messaging.incoming.muster-findings.queue.name", FINDINGS_QUEUE),
                Map.entry("%test.mp.messaging.outgoing.muster-findings-dead-letter.connector", "smallrye-rabbitmq"),
                Map.entry("%test.mp.messaging.outgoing.muster-findings-dead-letter.exchange.name", DEAD_LETTER_EXCHANGE),
                Map.entry("%test.muster.ingest.dead-letter-queue", DEAD_LETTER_QUEUE));
    }
}
