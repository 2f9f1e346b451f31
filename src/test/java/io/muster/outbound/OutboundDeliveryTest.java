package io.muster.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.testing.Api;
import io.muster.testing.TestCallers;
import io.muster.testing.Asff;
import io.muster.testing.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Outbound automation end to end: findings → custom action → rule → signed webhook to a real HTTP server in
 * the test, with signatures checked by an implementation of Standard Webhooks written here (not the
 * library Muster signs with); event patterns; retries, 410, dead letters, redelivery, restarts, and two
 * dispatchers racing for the same deliveries.
 */
@QuarkusTest
class OutboundDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    OutboundDispatcher dispatcher;

    private WebhookReceiver receiver;
    private String account;
    private String product;
    private final List<String> rules = new ArrayList<>();
    private final List<String> targets = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        receiver = new WebhookReceiver();
        account = String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
        product = Asff.newProductArn();
    }

    @AfterEach
    void stop() {
        dispatcher.start();
        rules.forEach(id -> Api.request().delete("/outbound/rules/" + id).then().statusCode(200));
        targets.forEach(id -> Api.request().delete("/outbound/targets/" + id).then().statusCode(200));
        receiver.close();
    }

    @Test
    void aCustomActionReachesTheWebhookSignedAndInSecurityHubsEnvelope() throws Exception {
        JsonPath target = createTarget("/soar");
        String secret = target.getString("Secret");
        String actionArn = Api.post("/actionTargets", "{\"Id\":\"" + "E2E" + Long.toString(System.nanoTime(), 36) + "\",\"Name\":\"Isolate\","
                + "\"Description\":\"Isolate the instance\"}").statusCode(200).extract().jsonPath().getString("ActionTargetArn");
        try {
            createRule("{\"source\":[\"aws.securityhub\"],\"detail-type\":[\"Security Hub Findings - Custom Action\"],\"resources\":[\""
                    + actionArn + "\"]}", target.getString("TargetId"));
            importFindings(finding("f1", "HIGH"), finding("f2", "LOW"), finding("f3", "CRITICAL"));
            List<String> eventIds = Api.post("/actionTargets/invoke", "{\"ActionTargetArn\":\"" + actionArn + "\",\"FindingIdentifiers\":["
                    + identifier("f1") + "," + identifier("f2") + "," + identifier("f3") + "]}").statusCode(200).extract().jsonPath()
                    .getList("EventIds");

            await().atMost(WAIT).until(() -> receiver.at("/soar").size() == 3);
            Set<String> findings = new HashSet<>();
            for (WebhookReceiver.Received request : receiver.at("/soar")) {
                assertThat(request.headers().get("content-type")).startsWith("application/json");
                String id = request.headers().get("webhook-id");
                assertThat(eventIds).contains(id);
                long timestamp = Long.parseLong(request.headers().get("webhook-timestamp"));
                assertThat(Math.abs(Instant.now().getEpochSecond() - timestamp)).isLessThan(60);
                assertThat(signatures(request.headers().get("webhook-signature")))
                        .contains(expectedSignature(secret, id, timestamp, request.body()));

                JsonNode event = Json.readStored(request.body());
                assertThat(event.path("version").asText()).isEqualTo("0");
                assertThat(event.path("id").asText()).isEqualTo(id);
                assertThat(event.path("detail-type").asText()).isEqualTo("Security Hub Findings - Custom Action");
                assertThat(event.path("source").asText()).isEqualTo("aws.securityhub");
                assertThat(event.path("account").asText()).matches("\\d{12}");
                assertThat(event.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
                assertThat(event.path("region").asText()).isNotBlank();
                assertThat(event.path("resources")).hasSize(1);
                assertThat(event.path("resources").get(0).asText()).isEqualTo(actionArn);
                assertThat(event.path("detail").path("actionName").asText()).isEqualTo("Isolate");
                assertThat(event.path("detail").path("actionDescription").asText()).isEqualTo("Isolate the instance");
                assertThat(event.path("detail").path("findings")).hasSize(1);
                findings.add(event.path("detail").path("findings").get(0).path("Id").asText());
            }
            assertThat(findings).containsExactlyInAnyOrder("f1", "f2", "f3");

            String deliveryId = Api.request().get("/outbound/deliveries?EventId=" + eventIds.get(0)).then().statusCode(200).extract()
                    .jsonPath().getString("Deliveries[0].DeliveryId");
            // the receiver may have the event a moment before the dispatcher's transaction records it
            await().atMost(WAIT).until(() -> "DELIVERED".equals(Api.request().get("/outbound/deliveries/" + deliveryId).then()
                    .statusCode(200).extract().jsonPath().getString("Status")));
            JsonPath delivery = Api.request().get("/outbound/deliveries/" + deliveryId).then().statusCode(200).extract().jsonPath();
            assertThat(delivery.getInt("Attempts[0].StatusCode")).isEqualTo(200);
            assertThat(delivery.getString("Event.detail-type")).isEqualTo("Security Hub Findings - Custom Action");

            // the analyst who pressed the button follows the event by its id, without seeing the target's settings
            JsonPath followed = TestCallers.analyst().request().get("/outbound/events/" + eventIds.get(0) + "/deliveries").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(followed.getString("Deliveries[0].TargetName")).isEqualTo(target.getString("Name"));
            assertThat(followed.getString("Deliveries[0].Status")).isEqualTo("DELIVERED");
            assertThat(followed.getInt("Deliveries[0].LastStatusCode")).isEqualTo(200);
            assertThat(followed.getMap("Deliveries[0]")).doesNotContainKeys("Url", "TargetId", "Event");
            TestCallers.viewer().request().get("/outbound/events/" + eventIds.get(0) + "/deliveries").then().statusCode(403);
            assertThat(Api.request().get("/outbound/events/never-sent/deliveries").then().statusCode(200).extract().jsonPath()
                    .getList("Deliveries")).isEmpty();
        } finally {
            Api.request().delete("/actionTargets/" + actionArn).then().statusCode(200);
        }
    }

    @Test
    void eventPatternsSelectEventsAsEventBridgeDoes() {
        String imported = "\"detail-type\":[\"Security Hub Findings - Imported\"]";
        String mine = "\"ProductArn\":[\"" + product + "\"]";
        Map<String, String> patterns = Map.of(
                "/prefix", "{" + imported + ",\"detail\":{\"findings\":{" + mine + ",\"Types\":[{\"prefix\":\"TTPs/\"}]}}}",
                "/anything-but", "{" + imported + ",\"detail\":{\"findings\":{" + mine + ",\"Severity\":{\"Label\":[{\"anything-but\":"
                        + "[\"LOW\",\"INFORMATIONAL\"]}]}}}}",
                "/numeric", "{" + imported + ",\"detail\":{\"findings\":{" + mine + ",\"Severity\":{\"Normalized\":[{\"numeric\":[\">=\",90]}]}}}}",
                "/exists", "{" + imported + ",\"detail\":{\"findings\":{" + mine + ",\"Note\":{\"Text\":[{\"exists\":true}]}}}}",
                "/or", "{" + imported + ",\"detail\":{\"findings\":{" + mine + ",\"$or\":[{\"Severity\":{\"Label\":[\"LOW\"]}},"
                        + "{\"Resources\":{\"Type\":[\"AwsS3Bucket\"]}}]}}}",
                "/nested", "{" + imported + ",\"detail\":{\"findings\":{" + mine + ",\"Resources\":{\"Details\":{\"AwsS3Bucket\":{\"Owner"
                        + "Name\":[\"audit\"]}}}}}}");
        patterns.forEach((path, pattern) -> createRule(pattern, createTarget(path).getString("TargetId")));

        ObjectNode ttp = finding("ttp", "HIGH");
        ttp.putArray("Types").add("TTPs/Discovery/Recon");
        ObjectNode low = finding("low", "LOW");
        ObjectNode critical = finding("critical", "CRITICAL");
        critical.putObject("Note").put("Text", "seen").put("UpdatedBy", "alice").put("UpdatedAt", "2026-11-01T00:00:00Z");
        ObjectNode bucket = finding("bucket", "MEDIUM");
        bucket.putArray("Resources").addObject().put("Type", "AwsS3Bucket").put("Id", "arn:aws:s3:::audit-logs").putObject("Details")
                .putObject("AwsS3Bucket").put("OwnerName", "audit");
        importFindings(ttp, low, critical, bucket);

        Map<String, Set<String>> expected = Map.of("/prefix", Set.of("ttp"), "/anything-but", Set.of("ttp", "critical", "bucket"),
                "/numeric", Set.of("critical"), "/exists", Set.of("critical"), "/or", Set.of("low", "bucket"), "/nested", Set.of("bucket"));
        await().atMost(WAIT).until(() -> expected.entrySet().stream().allMatch(e -> receiver.at(e.getKey()).size() >= e.getValue().size()));
        expected.forEach((path, ids) -> assertThat(receiver.at(path).stream()
                .map(r -> Json.readStored(r.body()).path("detail").path("findings").get(0).path("Id").asText()).toList())
                .as(path).containsExactlyInAnyOrderElementsOf(ids));
    }

    @Test
    void aReceiverThatIsDownGetsEveryEventOnceItRecovers() {
        // the first three requests fail: at most three failures for one delivery, within its four attempts
        receiver.answer("/flaky", nth -> nth <= 3 ? 503 : 200);
        createRule(importedPattern(), createTarget("/flaky").getString("TargetId"));
        importFindings(finding("a", "HIGH"), finding("b", "HIGH"));
        await().atMost(WAIT).until(() -> receiver.at("/flaky").stream().map(r -> r.headers().get("webhook-id")).distinct().count() == 2
                && deliveries(targets.get(0), "DELIVERED").size() == 2);
        List<Map<String, Object>> delivered = deliveries(targets.get(0), "DELIVERED");
        int attempts = delivered.stream().mapToInt(d -> (Integer) d.get("Attempts")).sum();
        assertThat(attempts).isEqualTo(receiver.at("/flaky").size()).isEqualTo(5);
        List<Object> codes = new ArrayList<>();
        for (Map<String, Object> delivery : delivered) {
            List<Object> attemptCodes = Api.request().get("/outbound/deliveries/" + delivery.get("DeliveryId")).then().statusCode(200)
                    .extract().jsonPath().getList("Attempts.StatusCode");
            assertThat(attemptCodes).endsWith(200);
            codes.addAll(attemptCodes);
        }
        assertThat(codes).containsExactlyInAnyOrder(503, 503, 503, 200, 200);
    }

    @Test
    void aReceiverAnsweringGoneDisablesItsTarget() {
        receiver.answer("/gone", nth -> 410);
        String target = createTarget("/gone").getString("TargetId");
        createRule(importedPattern(), target);
        importFindings(finding("g", "HIGH"));
        await().atMost(WAIT).until(() -> deliveries(target, "DEAD").size() == 1);
        JsonPath state = Api.request().get("/outbound/targets/" + target).then().statusCode(200).extract().jsonPath();
        assertThat(state.getString("Status")).isEqualTo("DISABLED");
        assertThat(state.getString("StatusReason")).contains("410");
        assertThat(deliveries(target, "DEAD").get(0).get("LastStatusCode")).isEqualTo(410);
    }

    @Test
    void aDeadLetteredEventIsDeliveredWhenSentAgain() {
        receiver.answer("/broken", nth -> nth <= 4 ? 500 : 200);
        String target = createTarget("/broken").getString("TargetId");
        createRule(importedPattern(), target);
        importFindings(finding("d", "HIGH"));
        await().atMost(WAIT).until(() -> deliveries(target, "DEAD").size() == 1);
        Map<String, Object> dead = deliveries(target, "DEAD").get(0);
        assertThat(dead.get("Attempts")).isEqualTo(4);
        assertThat((String) dead.get("LastError")).contains("HTTP 500");

        Api.request().post("/outbound/deliveries/" + dead.get("DeliveryId") + "/redeliver").then().statusCode(200);
        await().atMost(WAIT).until(() -> deliveries(target, "DELIVERED").size() == 1);
        assertThat(deliveries(target, "DELIVERED").get(0).get("EventId")).isEqualTo(dead.get("EventId"));

        // any past event can be sent to any target, whatever the rules said when it was written
        String other = createTarget("/archive").getString("TargetId");
        Api.post("/outbound/events/" + dead.get("EventId") + "/deliver", "{\"TargetId\":\"" + other + "\"}").statusCode(200);
        await().atMost(WAIT).until(() -> deliveries(other, "DELIVERED").size() == 1);
        assertThat(receiver.at("/archive")).hasSize(1);
        Api.post("/outbound/events/no-such-event/deliver", "{\"TargetId\":\"" + other + "\"}").statusCode(404);
    }

    @Test
    void eventsCommittedWhileNoDispatcherRunsAreDeliveredWhenOneStarts() {
        String target = createTarget("/later").getString("TargetId");
        createRule(importedPattern(), target);
        dispatcher.stop();
        importFindings(finding("x", "HIGH"), finding("y", "HIGH"));
        assertThat(deliveries(target, "PENDING")).hasSize(2);
        assertThat(receiver.at("/later")).isEmpty();
        dispatcher.start();
        await().atMost(WAIT).until(() -> deliveries(target, "DELIVERED").size() == 2);
        assertThat(receiver.at("/later")).hasSize(2);
    }

    @Test
    void dispatchersRacingForTheSameDeliveriesNeverSendOneTwice() throws Exception {
        String target = createTarget("/race").getString("TargetId");
        createRule(importedPattern(), target);
        dispatcher.stop();
        List<ObjectNode> batch = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            batch.add(finding("r" + i, "HIGH"));
        }
        importFindings(batch.toArray(ObjectNode[]::new));
        ExecutorService racers = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                running.add(racers.submit(() -> {
                    while (dispatcher.deliverOne()) {
                        Thread.onSpinWait();
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            racers.shutdown();
        }
        List<String> ids = receiver.at("/race").stream().map(r -> r.headers().get("webhook-id")).toList();
        assertThat(ids).hasSize(60).doesNotHaveDuplicates();
        assertThat(deliveries(target, "DELIVERED")).hasSize(60).allMatch(d -> d.get("Attempts").equals(1));
    }

    @Test
    void targetsRefuseInternalAddressesAndRotatedSecretsSignBesideTheNewOne() throws Exception {
        for (String url : List.of("http://169.254.169.254/latest/meta-data", "http://10.1.2.3/hook", "http://127.0.0.2:9/hook",
                "ftp://example.com/x", "http://user:pw@127.0.0.1/x")) {
            Api.post("/outbound/targets", "{\"Name\":\"bad\",\"Url\":\"" + url + "\"}").statusCode(400)
                    .header("x-amzn-ErrorType", "InvalidInputException");
        }
        Api.post("/outbound/targets", "{\"Name\":\"bad\",\"Url\":\"" + receiver.url("/x") + "\",\"Headers\":{\"webhook-id\":\"mine\"}}")
                .statusCode(400).body("Message", containsString("webhook-id"));

        JsonPath target = createTarget("/rotated");
        String first = target.getString("Secret");
        assertThat(first).startsWith("whsec_");
        JsonPath rotated = Api.request().post("/outbound/targets/" + target.getString("TargetId") + "/rotate-secret").then()
                .statusCode(200).extract().jsonPath();
        String second = rotated.getString("Secret");
        assertThat(second).startsWith("whsec_").isNotEqualTo(first);
        assertThat(Instant.parse(rotated.getString("PreviousSecretValidUntil"))).isAfter(Instant.now().plus(Duration.ofHours(23)));
        assertThat(Api.request().get("/outbound/targets/" + target.getString("TargetId")).then().statusCode(200).extract().asString())
                .doesNotContain("whsec_");

        Api.request().post("/outbound/targets/" + target.getString("TargetId") + "/test").then().statusCode(200);
        await().atMost(WAIT).until(() -> receiver.at("/rotated").size() == 1);
        WebhookReceiver.Received test = receiver.at("/rotated").get(0);
        assertThat(Json.readStored(test.body()).path("detail-type").asText()).isEqualTo("Muster Test Event");
        long timestamp = Long.parseLong(test.headers().get("webhook-timestamp"));
        List<String> signatures = signatures(test.headers().get("webhook-signature"));
        String id = test.headers().get("webhook-id");
        assertThat(signatures).contains(expectedSignature(first, id, timestamp, test.body()), expectedSignature(second, id, timestamp, test.body()));
    }

    @Test
    void rulesRefuseBadPatternsAndUnknownTargets() {
        String target = createTarget("/r").getString("TargetId");
        Api.post("/outbound/rules", "{\"Name\":\"r\",\"EventPattern\":{\"detail\":{\"x\":[{\"numeric\":[\"><\",1]}]}},\"Targets\":[\""
                + target + "\"]}").statusCode(400).body("Message", containsString("not a valid event pattern"));
        Api.post("/outbound/rules", "{\"Name\":\"r\",\"EventPattern\":{},\"Targets\":[\"" + target + "\"]}").statusCode(400);
        Api.post("/outbound/rules", "{\"Name\":\"r\",\"EventPattern\":{\"source\":[\"aws.securityhub\"]},\"Targets\":[\"nope\"]}")
                .statusCode(404);
        Api.request().get("/outbound/deliveries?Status=LOST").then().statusCode(400).body("Message", containsString("PENDING"));
        Api.request().get("/outbound/deliveries/abc").then().statusCode(404);
    }

    private String importedPattern() {
        return "{\"detail-type\":[\"Security Hub Findings - Imported\"],\"detail\":{\"findings\":{\"ProductArn\":[\"" + product + "\"]}}}";
    }

    private JsonPath createTarget(String path) {
        JsonPath target = Api.post("/outbound/targets", "{\"Name\":\"receiver " + path + "\",\"Url\":\"" + receiver.url(path)
                + "\",\"TimeoutSeconds\":5}").statusCode(200).extract().jsonPath();
        targets.add(0, target.getString("TargetId"));
        return target;
    }

    private void createRule(String pattern, String targetId) {
        rules.add(Api.post("/outbound/rules", "{\"Name\":\"test rule\",\"EventPattern\":" + pattern + ",\"Targets\":[\"" + targetId + "\"]}")
                .statusCode(200).extract().jsonPath().getString("RuleId"));
    }

    private static List<Map<String, Object>> deliveries(String target, String status) {
        return Api.request().get("/outbound/deliveries?TargetId=" + target + "&Status=" + status).then().statusCode(200).extract()
                .jsonPath().getList("Deliveries");
    }

    private ObjectNode finding(String id, String severity) {
        ObjectNode finding = Asff.finding(product, id).put("AwsAccountId", account);
        ((ObjectNode) finding.get("Severity")).put("Label", severity);
        return finding;
    }

    private String identifier(String id) {
        return "{\"Id\":\"" + id + "\",\"ProductArn\":\"" + product + "\"}";
    }

    private void importFindings(ObjectNode... findings) {
        Api.post("/findings/import", Asff.importBody(findings)).statusCode(200).body("FailedCount", org.hamcrest.Matchers.equalTo(0));
    }

    private static List<String> signatures(String header) {
        return List.of(header.split(" "));
    }

    /** Standard Webhooks, written out: v1,base64(HMAC-SHA256(base64-decoded secret, "id.timestamp.body")). */
    private static String expectedSignature(String secret, String id, long timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }
}
