package io.muster.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.testing.Asff;
import io.muster.testing.Brokers;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The packaged application consuming a Kafka topic, killed (SIGKILL) in the middle of a backlog: the next
 * process, on the same PostgreSQL database and consumer group, picks up every message whose offset was not
 * committed; in the end every finding is stored exactly once — redelivered messages change nothing. Needs
 * the Kafka broker (.ci/kafka/start) and the PostgreSQL on 127.0.0.1:5432; runs with failsafe after packaging.
 */
class StreamAfterKillIT {

    private static final int MESSAGES = 300;
    private static final int FINDINGS_PER_MESSAGE = 10;
    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String DATABASE = "muster_stream_it";

    @Test
    void aConsumerKilledMidStreamLosesNothingAndStoresNothingTwice() throws Exception {
        Assumptions.assumeTrue(Brokers.kafka(), "no Kafka broker on 127.0.0.1:9092");
        Assumptions.assumeTrue(postgresAnswers() || Boolean.getBoolean("test.brokers.required"), "no PostgreSQL on 127.0.0.1:5432");
        try (Connection admin = DriverManager.getConnection(ADMIN_URL, "postgres", ""); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        String topic = "muster-findings-it-" + UUID.randomUUID();
        String productArn = Asff.newProductArn();
        publishBacklog(topic, productArn);
        Path logs = Files.createTempDirectory("muster-stream-it");

        Process first = start(topic, logs.resolve("first.log"));
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() -> stored(productArn) >= 300);
        } finally {
            first.destroyForcibly().waitFor();
        }
        long atKill = stored(productArn);
        assertThat(atKill).as("killed in the middle of the backlog").isLessThan(MESSAGES * FINDINGS_PER_MESSAGE);
        System.out.printf("StreamAfterKillIT: killed with %d of %d findings stored%n", atKill, MESSAGES * FINDINGS_PER_MESSAGE);

        Process second = start(topic, logs.resolve("second.log"));
        try {
            await().atMost(Duration.ofSeconds(180)).until(() -> stored(productArn) == MESSAGES * FINDINGS_PER_MESSAGE);
            Thread.sleep(3000); // let any redelivered message finish: it must change nothing
            assertThat(stored(productArn)).isEqualTo(MESSAGES * FINDINGS_PER_MESSAGE);
            assertThat(count("SELECT COUNT(*) FROM finding_history h JOIN finding f ON f.id = h.finding_id WHERE f.product_arn = ?", productArn))
                    .as("one history record per finding: no message was applied twice")
                    .isEqualTo(MESSAGES * FINDINGS_PER_MESSAGE);
        } finally {
            second.destroy();
            second.waitFor();
        }
    }

    private static void publishBacklog(String topic, String productArn) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
            for (int message = 0; message < MESSAGES; message++) {
                ObjectNode[] findings = new ObjectNode[FINDINGS_PER_MESSAGE];
                for (int i = 0; i < FINDINGS_PER_MESSAGE; i++) {
                    findings[i] = Asff.finding(productArn, "m" + message + "-f" + i);
                }
                producer.send(new ProducerRecord<>(topic, Asff.importBody(findings).getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private static Process start(String topic, Path log) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of("java", "-Xmx512m",
                "-Dquarkus.http.port=" + port,
                "-Dmuster.db.url=jdbc:postgresql://127.0.0.1:5432/" + DATABASE,
                "-Dmuster.db.username=postgres",
                "-Dmuster.ingest.concurrency=2",
                "-Dkafka.bootstrap.servers=127.0.0.1:9092",
                "-Dmp.messaging.incoming.muster-findings.connector=smallrye-kafka",
                "-Dmp.messaging.incoming.muster-findings.topic=" + topic,
                "-Dmp.messaging.incoming.muster-findings.group.id=" + topic,
                "-Dmp.messaging.outgoing.muster-findings-dead-letter.connector=smallrye-kafka",
                "-Dmp.messaging.outgoing.muster-findings-dead-letter.topic=" + topic + "-dead-letter",
                "-Dquarkus.log.level=WARN",
                "-jar", "target/quarkus-app/quarkus-run.jar"));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("MUSTER_DATA_DIR", log.getParent().toString());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return builder.start();
    }

    private static long stored(String productArn) throws SQLException {
        return count("SELECT COUNT(*) FROM finding WHERE product_arn = ?", productArn);
    }

    private static long count(String sql, String parameter) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + DATABASE, "postgres", "");
                var statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException notYetMigrated) {
            if (notYetMigrated.getMessage().contains("does not exist")) {
                return 0;
            }
            throw notYetMigrated;
        }
    }

    private static boolean postgresAnswers() {
        try (Connection ignored = DriverManager.getConnection(ADMIN_URL, "postgres", "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
