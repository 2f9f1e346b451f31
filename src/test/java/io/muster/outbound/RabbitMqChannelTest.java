package io.muster.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.muster.api.Json;
import io.muster.testing.Api;
import io.muster.testing.Asff;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * A CHANNEL target against the RabbitMQ broker on 127.0.0.1:5672 (guest/guest): Muster publishes to an
 * exchange, and the test reads the events back from a queue it binds there with the RabbitMQ client.
 * Skipped when no broker answers there.
 */
@QuarkusTest
@TestProfile(RabbitMqChannelTest.RabbitMq.class)
@EnabledIf("brokerAnswers")
class RabbitMqChannelTest {

    private static final String EXCHANGE = "muster-events-test";

    public static class RabbitMq implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // %test. keys: the default test profile's %test. keys would win over plain ones
            return Map.of("%test.rabbitmq-host", "127.0.0.1", "%test.rabbitmq-port", "5672", "%test.rabbitmq-username", "guest",
                    "%test.rabbitmq-password", "guest", "%test.mp.messaging.outgoing.muster-events.connector", "smallrye-rabbitmq",
                    "%test.mp.messaging.outgoing.muster-events.exchange.name", EXCHANGE);
        }
    }

    static boolean brokerAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5672), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void routedEventsReachTheBrokerAndComeBackFromABoundQueue() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        factory.setUsername("guest");
        factory.setPassword("guest");
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            channel.exchangeDeclare(EXCHANGE, "topic", true);
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, EXCHANGE, "#");

            String product = Asff.newProductArn();
            String target = Api.post("/outbound/targets", "{\"Name\":\"rabbit\",\"Kind\":\"CHANNEL\"}").statusCode(200).extract().jsonPath()
                    .getString("TargetId");
            String rule = Api.post("/outbound/rules", "{\"Name\":\"to rabbit\",\"Targets\":[\"" + target + "\"],\"EventPattern\":"
                    + "{\"detail-type\":[\"Security Hub Findings - Imported\"],\"detail\":{\"findings\":{\"ProductArn\":[\"" + product + "\"]}}}}")
                    .statusCode(200).extract().jsonPath().getString("RuleId");
            try {
                Api.post("/findings/import", Asff.importBody(Asff.finding(product, "r1"), Asff.finding(product, "r2"))).statusCode(200);
                List<String> ids = new CopyOnWriteArrayList<>();
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    GetResponse message = channel.basicGet(queue, true);
                    if (message != null) {
                        var finding = Json.readStored(new String(message.getBody(), StandardCharsets.UTF_8)).path("detail").path("findings").path(0);
                        if (product.equals(finding.path("ProductArn").asText())) {
                            ids.add(finding.path("Id").asText());
                        }
                    }
                    return ids.size() >= 2;
                });
                assertThat(ids).containsExactlyInAnyOrder("r1", "r2");
            } finally {
                Api.request().delete("/outbound/rules/" + rule).then().statusCode(200);
                Api.request().delete("/outbound/targets/" + target).then().statusCode(200);
            }
        }
    }
}
