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
import io.muster.testing.RabbitMqProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * A CHANNEL target against the RabbitMQ broker on 127.0.0.1:5672 (guest/guest): Muster publishes to an
 * exchange, and the test reads the events back from a queue it binds there with the RabbitMQ client.
 * Skipped when no broker answers there.
 */
@QuarkusTest
@TestProfile(RabbitMqProfile.class)
@EnabledIf("io.muster.testing.Brokers#rabbitMq")
class RabbitMqChannelTest {

    private static final String EXCHANGE = RabbitMqProfile.EVENTS_EXCHANGE;

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
