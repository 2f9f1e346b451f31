package io.muster.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.api.Json;
import io.muster.testing.Api;
import io.muster.testing.Asff;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A CHANNEL target publishes routed events to the messaging channel (in memory here; RabbitMQ in production). */
@QuarkusTest
class ChannelTargetTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @Test
    void routedEventsArePublishedToTheChannelAsJson() {
        InMemorySink<String> sink = connector.sink(ChannelSender.CHANNEL);
        sink.clear();
        String product = Asff.newProductArn();
        var target = Api.post("/outbound/targets", "{\"Name\":\"bus\",\"Kind\":\"CHANNEL\"}").statusCode(200).extract().jsonPath();
        assertThat(target.getString("Channel")).isEqualTo(ChannelSender.CHANNEL);
        assertThat(target.getString("Secret")).isNull();
        String targetId = target.getString("TargetId");
        String rule = Api.post("/outbound/rules", "{\"Name\":\"to the bus\",\"Targets\":[\"" + targetId + "\"],\"EventPattern\":"
                + "{\"detail-type\":[\"Security Hub Findings - Imported\"],\"detail\":{\"findings\":{\"ProductArn\":[\"" + product + "\"]}}}}")
                .statusCode(200).extract().jsonPath().getString("RuleId");
        try {
            Api.post("/findings/import", Asff.importBody(Asff.finding(product, "c1"), Asff.finding(product, "c2"))).statusCode(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.received().size() >= 2);
            List<String> ids = sink.received().stream().map(message -> Json.readStored(message.getPayload()))
                    .map(event -> event.path("detail").path("findings").get(0).path("Id").asText()).toList();
            assertThat(ids).containsExactlyInAnyOrder("c1", "c2");
            JsonNode event = Json.readStored(sink.received().get(0).getPayload());
            assertThat(event.path("detail-type").asText()).isEqualTo("Security Hub Findings - Imported");
            // the sink may have the events a moment before the dispatcher's transaction records them
            await().atMost(Duration.ofSeconds(20)).until(() -> Api.request().get("/outbound/deliveries?TargetId=" + targetId
                    + "&Status=DELIVERED").then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("Deliveries").size() == 2);
        } finally {
            Api.request().delete("/outbound/rules/" + rule).then().statusCode(200);
            Api.request().delete("/outbound/targets/" + targetId).then().statusCode(200);
        }
    }

    @Test
    void channelTargetsTakeNoUrlAndOnlyTheConfiguredChannel() {
        Api.post("/outbound/targets", "{\"Name\":\"bus\",\"Kind\":\"CHANNEL\",\"Url\":\"http://127.0.0.1/x\"}").statusCode(400)
                .body("Message", containsString("Url and Headers are for WEBHOOK targets"));
        Api.post("/outbound/targets", "{\"Name\":\"bus\",\"Kind\":\"CHANNEL\",\"Channel\":\"elsewhere\"}").statusCode(400)
                .body("Message", containsString("muster-events"));
    }
}
