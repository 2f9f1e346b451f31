package io.muster.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.db.Database;
import io.muster.testing.Api;
import io.muster.testing.Asff;
import io.muster.testing.TestCallers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Action targets (Security Hub's custom actions) over REST, and pressing one: the events it writes. */
@QuarkusTest
class ActionTargetsTest {

    @Inject
    Database database;

    @Test
    void anActionTargetIsCreatedDescribedUpdatedAndDeleted() {
        String id = uniqueId();
        String arn = create(id, "Isolate", "Isolate the instance");
        assertThat(arn).matches("arn:aws:securityhub:[a-z0-9-]+:\\d{12}:action/custom/" + id);
        JsonPath described = Api.post("/actionTargets/get", "{\"ActionTargetArns\":[\"" + arn + "\"]}").statusCode(200).extract().jsonPath();
        assertThat(described.getString("ActionTargets[0].Name")).isEqualTo("Isolate");
        assertThat(described.getString("ActionTargets[0].Description")).isEqualTo("Isolate the instance");

        Api.request().body("{\"Name\":\"Quarantine\"}").patch("/actionTargets/" + arn).then().statusCode(200);
        JsonPath updated = Api.post("/actionTargets/get", "{\"ActionTargetArns\":[\"" + arn + "\"]}").statusCode(200).extract().jsonPath();
        assertThat(updated.getString("ActionTargets[0].Name")).isEqualTo("Quarantine");
        assertThat(updated.getString("ActionTargets[0].Description")).as("kept").isEqualTo("Isolate the instance");

        Api.request().delete("/actionTargets/" + arn).then().statusCode(200).body("ActionTargetArn", equalTo(arn));
        Api.post("/actionTargets/get", "{\"ActionTargetArns\":[\"" + arn + "\"]}").statusCode(404)
                .header("x-amzn-ErrorType", "ResourceNotFoundException");
        Api.request().delete("/actionTargets/" + arn).then().statusCode(404);
        Api.request().body("{\"Name\":\"x\"}").patch("/actionTargets/" + arn).then().statusCode(404);
    }

    @Test
    void idsNamesAndDescriptionsFollowSecurityHubsRules() {
        String id = uniqueId();
        String arn = create(id, "Ticket", "Open a ticket");
        try {
            Api.post("/actionTargets", body(id, "Again", "Same id")).statusCode(409)
                    .header("x-amzn-ErrorType", "ResourceConflictException").body("Message", containsString(id));
        } finally {
            Api.request().delete("/actionTargets/" + arn).then().statusCode(200);
        }
        Api.post("/actionTargets", body("has-dash", "Name", "d")).statusCode(400).body("Message", containsString("letters and digits"));
        Api.post("/actionTargets", body("A123456789012345678901", "Name", "d")).statusCode(400).body("Message", containsString("Id"));
        Api.post("/actionTargets", body(uniqueId(), "A name longer than twenty", "d")).statusCode(400).body("Message", containsString("Name"));
        Api.post("/actionTargets", "{\"Id\":\"" + uniqueId() + "\",\"Name\":\"n\"}").statusCode(400).body("Message", containsString("Description"));
        Api.post("/actionTargets", "{\"Id\":\"" + uniqueId() + "\",\"Name\":\"n\",\"Description\":\"d\",\"Colour\":1}").statusCode(400)
                .body("Message", containsString("Colour"));
    }

    @Test
    void noMoreThanFiftyActionTargets() {
        int existing = Api.post("/actionTargets/get", "{}").statusCode(200).extract().jsonPath().getList("ActionTargets").size();
        List<String> created = new ArrayList<>();
        try {
            for (int i = existing; i < ActionTargets.MAX_TARGETS; i++) {
                created.add(create(uniqueId(), "Quota " + i, "Quota test"));
            }
            Api.post("/actionTargets", body(uniqueId(), "One too many", "d")).statusCode(429)
                    .header("x-amzn-ErrorType", "LimitExceededException").body("Message", containsString("at most 50"));
        } finally {
            created.forEach(arn -> Api.request().delete("/actionTargets/" + arn).then().statusCode(200));
        }
    }

    @Test
    void invokingOnFindingsWritesOneCustomActionEventPerFindingAsSecurityHubSendsThem() throws Exception {
        String account = account();
        String product = Asff.newProductArn();
        Api.post("/findings/import", Asff.importBody(finding(product, "a", account), finding(product, "b", account), finding(product, "c", account)))
                .statusCode(200);
        String arn = create(uniqueId(), "Isolate", "Isolate the instance");
        try {
            JsonPath answer = Api.post("/actionTargets/invoke", "{\"ActionTargetArn\":\"" + arn + "\",\"FindingIdentifiers\":["
                    + identifier(product, "a") + "," + identifier(product, "b") + "," + identifier(product, "c") + "]}")
                    .statusCode(200).extract().jsonPath();
            assertThat(answer.getInt("Findings")).isEqualTo(3);
            List<String> ids = answer.getList("EventIds");
            assertThat(ids).hasSize(3).doesNotHaveDuplicates();
            List<String> seen = new ArrayList<>();
            for (String id : ids) {
                JsonNode event = event(id);
                assertThat(event.path("version").asText()).isEqualTo("0");
                assertThat(event.path("id").asText()).isEqualTo(id);
                assertThat(event.path("detail-type").asText()).isEqualTo("Security Hub Findings - Custom Action");
                assertThat(event.path("source").asText()).isEqualTo("aws.securityhub");
                assertThat(event.path("account").asText()).matches("\\d{12}");
                assertThat(event.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
                assertThat(event.path("region").asText()).isNotEmpty();
                assertThat(event.path("resources").get(0).asText()).isEqualTo(arn);
                assertThat(event.path("detail").path("actionName").asText()).isEqualTo("Isolate");
                assertThat(event.path("detail").path("actionDescription").asText()).isEqualTo("Isolate the instance");
                assertThat(event.path("detail").path("findings")).hasSize(1);
                seen.add(event.path("detail").path("findings").get(0).path("Id").asText());
            }
            assertThat(seen).containsExactlyInAnyOrder("a", "b", "c");
        } finally {
            Api.request().delete("/actionTargets/" + arn).then().statusCode(200);
        }
    }

    @Test
    void invokingOnAFilterOrAnInsightSendsWhatTheySelect() throws Exception {
        String account = account();
        String product = Asff.newProductArn();
        Api.post("/findings/import", Asff.importBody(finding(product, "x", account), finding(product, "y", account))).statusCode(200);
        String arn = create(uniqueId(), "Ticket", "Open a ticket");
        try {
            String filter = "{\"AwsAccountId\":[{\"Comparison\":\"EQUALS\",\"Value\":\"" + account + "\"}]}";
            JsonPath byFilter = Api.post("/actionTargets/invoke", "{\"ActionTargetArn\":\"" + arn + "\",\"Filters\":" + filter
                    + ",\"MaxFindings\":1}").statusCode(200).extract().jsonPath();
            assertThat(byFilter.getInt("Findings")).isEqualTo(1);

            String insight = Api.post("/insights", "{\"Name\":\"Mine\",\"Filters\":" + filter + ",\"GroupByAttribute\":\"ResourceId\"}")
                    .statusCode(200).extract().jsonPath().getString("InsightArn");
            try {
                JsonPath byInsight = Api.post("/actionTargets/invoke", "{\"ActionTargetArn\":\"" + arn + "\",\"InsightArn\":\"" + insight + "\"}")
                        .statusCode(200).extract().jsonPath();
                assertThat(byInsight.getList("EventIds")).hasSize(1);
                JsonNode event = event(byInsight.getString("EventIds[0]"));
                assertThat(event.path("detail-type").asText()).isEqualTo("Security Hub Insight Results");
                JsonNode detail = event.path("detail");
                assertThat(detail.path("insightArn").asText()).isEqualTo(insight);
                assertThat(detail.path("insightName").asText()).isEqualTo("Mine");
                assertThat(detail.path("resultType").asText()).isEqualTo("ResourceId");
                assertThat(detail.path("number of results").asText()).isEqualTo("2");
                assertThat(detail.path("insightResults").toString()).contains("{\"i-x\":1}").contains("{\"i-y\":1}");
            } finally {
                Api.request().delete("/insights/" + insight).then().statusCode(200);
            }
        } finally {
            Api.request().delete("/actionTargets/" + arn).then().statusCode(200);
        }
    }

    @Test
    void invocationsAreRefusedWithTheReasonAndSendNothing() {
        String account = account();
        String product = Asff.newProductArn();
        String other = account();
        Api.post("/findings/import", Asff.importBody(finding(product, "mine", account), finding(product, "theirs", other))).statusCode(200);
        String arn = create(uniqueId(), "Isolate", "Isolate");
        try {
            Api.post("/actionTargets/invoke", "{\"ActionTargetArn\":\"" + arn + "\"}").statusCode(400)
                    .body("Message", containsString("exactly one of FindingIdentifiers"));
            Api.post("/actionTargets/invoke", "{\"ActionTargetArn\":\"" + arn + "\",\"InsightArn\":\"x\",\"Filters\":{}}").statusCode(400);
            Api.post("/actionTargets/invoke", "{\"ActionTargetArn\":\"" + arn + "\",\"FindingIdentifiers\":[" + identifier(product, "mine")
                    + "],\"MaxFindings\":3}").statusCode(400).body("Message", containsString("MaxFindings"));
            StringBuilder many = new StringBuilder();
            for (int i = 0; i < 21; i++) {
                many.append(i == 0 ? "" : ",").append(identifier(product, "f" + i));
            }
            Api.post("/actionTargets/invoke", "{\"ActionTargetArn\":\"" + arn + "\",\"FindingIdentifiers\":[" + many + "]}").statusCode(400);
            Api.post("/actionTargets/invoke", "{\"ActionTargetArn\":\"" + arn + "x\",\"FindingIdentifiers\":[" + identifier(product, "mine") + "]}")
                    .statusCode(404).body("Message", containsString("No action target"));

            // a scoped analyst can't reach another account's finding, not even by naming it
            TestCallers.analyst(account).request().body("{\"ActionTargetArn\":\"" + arn + "\",\"FindingIdentifiers\":["
                    + identifier(product, "mine") + "," + identifier(product, "theirs") + "]}").post("/actionTargets/invoke").then()
                    .statusCode(404).body("Message", containsString("theirs"));
            JsonPath scoped = TestCallers.analyst(account).request().body("{\"ActionTargetArn\":\"" + arn + "\",\"Filters\":{\"ProductArn\":"
                    + "[{\"Comparison\":\"EQUALS\",\"Value\":\"" + product + "\"}]}}").post("/actionTargets/invoke").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(scoped.getInt("Findings")).isEqualTo(1);
            TestCallers.viewer(account).request().body("{\"ActionTargetArn\":\"" + arn + "\",\"FindingIdentifiers\":["
                    + identifier(product, "mine") + "]}").post("/actionTargets/invoke").then().statusCode(403);
        } finally {
            Api.request().delete("/actionTargets/" + arn).then().statusCode(200);
        }
    }

    private JsonNode event(String id) throws Exception {
        try (Connection connection = database.connection();
                PreparedStatement select = connection.prepareStatement("SELECT payload FROM outbox_event WHERE event_id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).as("event %s is in the outbox", id).isTrue();
                return Json.readStored(rows.getString(1));
            }
        }
    }

    static String create(String id, String name, String description) {
        return Api.post("/actionTargets", body(id, name, description)).statusCode(200).extract().jsonPath().getString("ActionTargetArn");
    }

    private static String body(String id, String name, String description) {
        return Json.write(Json.object().put("Id", id).put("Name", name).put("Description", description));
    }

    static String uniqueId() {
        return "T" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 50), 36);
    }

    private static String account() {
        return String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
    }

    private static ObjectNode finding(String product, String id, String account) {
        return Asff.finding(product, id).put("AwsAccountId", account);
    }

    private static String identifier(String product, String id) {
        return "{\"Id\":\"" + id + "\",\"ProductArn\":\"" + product + "\"}";
    }
}
