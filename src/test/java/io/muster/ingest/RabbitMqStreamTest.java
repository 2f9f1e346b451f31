package io.muster.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.muster.api.Json;
import io.muster.testing.Asff;
import io.muster.testing.RabbitMqProfile;
import io.muster.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The findings stream on the RabbitMQ broker at 127.0.0.1:5672: findings published to Muster's exchange
 * are stored, the queue is drained only as they commit, unreadable messages and refused findings are kept
 * in the dead-letter queue Muster declares, with the reason, and a redelivered message changes nothing.
 */
@QuarkusTest
@TestProfile(RabbitMqProfile.class)
@EnabledIf("io.muster.testing.Brokers#rabbitMq")
class RabbitMqStreamTest {

    @Inject
    TestDatabase db;

    private Connection connection;
    private Channel channel;
    private String deadLetters;

    @BeforeEach
    void connect() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        factory.setUsername("guest");
        factory.setPassword("guest");
        connection = factory.newConnection();
        channel = connection.createChannel();
        // Muster declared this durable queue at start and bound it to the dead-letter exchange
        deadLetters = RabbitMqProfile.DEAD_LETTER_QUEUE;
        channel.queueDeclarePassive(deadLetters);
        channel.queuePurge(deadLetters);
    }

    @AfterEach
    void disconnect() throws Exception {
        channel.close();
        connection.close();
    }

    @Test
    void publishedFindingsAreStoredAndTheQueueDrained() throws Exception {
        String productArn = Asff.newProductArn();
        for (int i = 0; i < 20; i++) {
            publish(Asff.importBody(Asff.finding(productArn, "r-" + i), Asff.finding(productArn, "r-" + i + "-b")), "application/json", Map.of());
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> db.findings(productArn) == 40);
        await().atMost(Duration.ofSeconds(30)).until(() -> channel.messageCount(RabbitMqProfile.FINDINGS_QUEUE) == 0);
    }

    @Test
    void aRedeliveredMessageChangesNothing() throws Exception {
        String productArn = Asff.newProductArn();
        String body = Asff.importBody(Asff.finding(productArn, "twice"));
        publish(body, "application/json", Map.of());
        publish(body, "application/json", Map.of());
        String marker = Asff.newProductArn();
        publish(Asff.importBody(Asff.finding(marker, "after")), "application/json", Map.of());
        await().atMost(Duration.ofSeconds(60)).until(() -> db.findings(marker) == 1 && db.findings(productArn) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> db.historyRows(productArn) == 1);
    }

    @Test
    void refusedMessagesAndFindingsComeBackOnTheDeadLetterExchange() throws Exception {
        String broken = "[{\"class_uid\": 2004, " + UUID.randomUUID();
        publish(broken, "application/ocsf+json", Map.of());
        JsonNode unreadable = nextDeadLetter();
        assertThat(unreadable.path("Payload").asText()).isEqualTo(broken);
        assertThat(unreadable.path("Format").asText()).isEqualTo("ocsf");
        assertThat(unreadable.path("Reason").asText()).startsWith("Request body is not valid JSON or NDJSON");

        String productArn = Asff.newProductArn();
        var refused = Asff.finding(productArn, "no-account");
        refused.remove("AwsAccountId");
        publish(Asff.importBody(Asff.finding(productArn, "kept"), refused), "application/json", Map.of());
        JsonNode partly = nextDeadLetter();
        assertThat(partly.path("FailedFindings").path(0).path("Id").asText()).isEqualTo("no-account");
        assertThat(partly.path("FailedFindings").path(0).path("ErrorMessage").asText()).contains("AwsAccountId");
        assertThat(db.findings(productArn)).isEqualTo(1);
    }

    private JsonNode nextDeadLetter() {
        GetResponse[] got = new GetResponse[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> (got[0] = channel.basicGet(deadLetters, true)) != null);
        assertThat(got[0].getProps().getHeaders().get(FindingStream.REASON_HEADER)).isNotNull();
        return Json.readStored(new String(got[0].getBody(), StandardCharsets.UTF_8));
    }

    private void publish(String body, String contentType, Map<String, Object> headers) throws Exception {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType(contentType).headers(headers).deliveryMode(2).build();
        channel.basicPublish(RabbitMqProfile.FINDINGS_EXCHANGE, "findings", properties, body.getBytes(StandardCharsets.UTF_8));
    }
}
