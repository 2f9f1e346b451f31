package io.muster.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.testing.Asff;
import io.muster.testing.KafkaProfile;
import io.muster.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The findings stream on a real Apache Kafka broker (127.0.0.1:9092, started by .ci/kafka/start): findings
 * published to the topic are stored and only then is the consumer group's offset committed, a message that
 * can't be read goes to the dead-letter topic with the reason in a header, a redelivered message changes
 * nothing, and the content type header selects the format.
 */
@QuarkusTest
@TestProfile(KafkaProfile.class)
@EnabledIf("io.muster.testing.Brokers#kafka")
class KafkaStreamTest {

    private static final String BROKER = "127.0.0.1:9092";

    @Inject
    TestDatabase db;

    private KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void connect() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void disconnect() {
        producer.close();
    }

    @Test
    void publishedFindingsAreStoredAndTheOffsetsCommittedOnlyAfterwards() throws Exception {
        String productArn = Asff.newProductArn();
        for (int message = 0; message < 10; message++) {
            ObjectNode[] findings = new ObjectNode[10];
            for (int i = 0; i < findings.length; i++) {
                findings[i] = Asff.finding(productArn, "k-" + message + "-" + i);
            }
            send(Asff.importBody(findings), Map.of());
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> db.findings(productArn) == 100);
        // every offset of the topic ends up committed by the consumer group: all messages were acknowledged
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("muster-test")
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                        .filter(partition -> partition.topic().equals(KafkaProfile.TOPIC))
                        .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get();
                assertThat(latest).isNotEmpty();
                latest.keySet().forEach(partition -> assertThat(committed.get(partition).offset()).isEqualTo(ends.get(partition).offset()));
            });
        }
    }

    @Test
    void aRedeliveredMessageChangesNothing() {
        String productArn = Asff.newProductArn();
        String body = Asff.importBody(Asff.finding(productArn, "twice"));
        send(body, Map.of());
        send(body, Map.of());
        String marker = Asff.newProductArn();
        send(Asff.importBody(Asff.finding(marker, "after")), Map.of());
        await().atMost(Duration.ofSeconds(60)).until(() -> db.findings(marker) == 1 && db.findings(productArn) == 1);
        assertThat(db.historyRows(productArn)).isEqualTo(1);
    }

    @Test
    void aMessageThatCannotBeReadGoesToTheDeadLetterTopicWithTheReason() {
        String body = "{\"Findings\": [ " + UUID.randomUUID();
        send(body, Map.of());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER,
                ConsumerConfig.GROUP_ID_CONFIG, "dead-letter-reader-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(KafkaProfile.DEAD_LETTER_TOPIC));
            ConsumerRecord<String, String>[] found = new ConsumerRecord[1];
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (Json.readStored(record.value()).path("Payload").asText().equals(body)) {
                        found[0] = record;
                    }
                }
                return found[0] != null;
            });
            JsonNode envelope = Json.readStored(found[0].value());
            assertThat(envelope.path("Reason").asText()).startsWith("Request body is not valid JSON or NDJSON");
            Header reason = found[0].headers().lastHeader(FindingStream.REASON_HEADER);
            assertThat(new String(reason.value(), StandardCharsets.UTF_8)).isEqualTo(envelope.path("Reason").asText());
        }
    }

    @Test
    void theContentTypeHeaderSelectsTheFormat() {
        String uid = "kafka-ocsf-" + UUID.randomUUID();
        String ocsf = "{\"class_uid\":2004,\"severity_id\":5,\"time\":1764300000000,\"metadata\":{\"version\":\"1.1.0\",\"product\":"
                + "{\"name\":\"Kafka Detector\",\"vendor_name\":\"Acme\"}},\"finding_info\":{\"uid\":\"" + uid + "\",\"title\":\"On Kafka\"},"
                + "\"cloud\":{\"provider\":\"AWS\",\"region\":\"eu-north-1\",\"account\":{\"uid\":\"777788889999\"}}}";
        send(ocsf, Map.of(StreamHeaders.CONTENT_TYPE, "application/ocsf+json"));
        String productArn = "arn:aws:securityhub:eu-north-1::product/acme/kafka-detector";
        await().atMost(Duration.ofSeconds(60)).until(() -> db.count("SELECT COUNT(*) FROM finding WHERE asff_id = ?", uid) == 1);
        assertThat(db.document(productArn, uid).path("Severity").path("Label").asText()).isEqualTo("CRITICAL");
    }

    private void send(String body, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(KafkaProfile.TOPIC, null, body.getBytes(StandardCharsets.UTF_8));
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not take the message", e);
        }
    }
}
