package io.muster.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The findings stream and its dead-letter channel on the Kafka broker at 127.0.0.1:9092. */
public class KafkaProfile implements QuarkusTestProfile {

    public static final String TOPIC = "muster-findings-test";
    public static final String DEAD_LETTER_TOPIC = "muster-findings-dead-letter-test";

    @Override
    public Map<String, String> getConfigOverrides() {
        // %test. keys: the default test profile's %test. keys would win over plain ones
        return Map.of("%test.kafka.bootstrap.servers", "127.0.0.1:9092",
                "%test.mp.messaging.incoming.muster-findings.connector", "smallrye-kafka",
                "%test.mp.messaging.incoming.muster-findings.topic", TOPIC,
                "%test.mp.messaging.incoming.muster-findings.group.id", "muster-test",
                "%test.mp.messaging.outgoing.muster-findings-dead-letter.connector", "smallrye-kafka",
                "%test.mp.messaging.outgoing.muster-findings-dead-letter.topic", DEAD_LETTER_TOPIC);
    }
}
