package io.muster.compliance;

import static io.muster.testing.Asff.importBody;
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
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Control status and scores as Security Hub defines them, read fresh after every import. Each test works
 * in an account of its own and reads statuses for that account, so tests never see each other's findings.
 */
@QuarkusTest
class ControlStatusTest {

    static final String CIS_120 = "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0";
    static final String CIS_140 = "arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/1.4.0";
    static final String EXAMPLE = "arn:aws:securityhub:us-east-1::standards/muster-example/v/1.0.0";

    @Inject
    ScoreSnapshots snapshots;

    @Inject
    Database database;

    private String product;
    private String account;

    @BeforeEach
    void freshAccount() {
        product = Asff.newProductArn();
        account = String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
    }

    @Test
    void securityHubControlsLegacyCisRulesAndProwlerChecksCountForTheSameControl() {
        importFindings(
                consolidated("consolidated", "IAM.3", "PASSED"),
                check("legacy", "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/1.4", "PASSED"),
                check("prowler-check", "prowler-iam_rotate_access_key_90_days", "PASSED"));
        ObjectNode prowler = check("prowler-requirements", "prowler-some_other_check", "PASSED");
        ((ObjectNode) prowler.get("Compliance")).putArray("RelatedRequirements").add("CIS-1.4 1.14");
        importFindings(prowler);

        assertThat(control(CIS_120, "CIS.1.4")).containsEntry("Status", "PASSED").containsEntry("PassedFindings", 3);
        assertThat(control(CIS_140, "1.14")).containsEntry("Status", "PASSED").containsEntry("PassedFindings", 3);
        assertThat(control(CIS_120, "CIS.1.5")).containsEntry("Status", "NO_DATA");
    }

    @Test
    void oneFailedFindingFailsAControlAndSuppressedOrArchivedFindingsAreIgnored() {
        importFindings(check("pass", "security-control/IAM.4", "PASSED"), check("fail", "security-control/IAM.4", "FAILED"));
        assertThat(control(CIS_120, "CIS.1.12")).containsEntry("Status", "FAILED").containsEntry("FailedFindings", 1)
                .containsEntry("FailingResources", 1);

        Api.patch("/findings/batchupdate", "{\"FindingIdentifiers\":[{\"Id\":\"fail\",\"ProductArn\":\"" + product + "\"}],"
                + "\"Workflow\":{\"Status\":\"SUPPRESSED\"}}").statusCode(200).body("ProcessedFindings.size()", equalTo(1));
        assertThat(control(CIS_120, "CIS.1.12")).as("suppressed findings are ignored").containsEntry("Status", "PASSED");

        importFindings(check("fail-again", "security-control/IAM.4", "FAILED"));
        assertThat(control(CIS_120, "CIS.1.12")).containsEntry("Status", "FAILED");
        importFindings(check("fail-again", "security-control/IAM.4", "FAILED").put("RecordState", "ARCHIVED")
                .put("UpdatedAt", "2026-01-02T00:00:00Z"));
        assertThat(control(CIS_120, "CIS.1.12")).as("archived findings are ignored").containsEntry("Status", "PASSED");

        importFindings(check("pass", "security-control/IAM.4", "PASSED").put("RecordState", "ARCHIVED")
                .put("UpdatedAt", "2026-01-02T00:00:00Z"));
        assertThat(control(CIS_120, "CIS.1.12")).as("nothing left counts: no data").containsEntry("Status", "NO_DATA");
    }

    @Test
    void warningAndNotAvailableMakeAControlUnknownUnlessSomethingFailed() {
        importFindings(check("ok", "security-control/IAM.9", "PASSED"), check("warn", "security-control/IAM.9", "WARNING"));
        assertThat(control(CIS_120, "CIS.1.13")).containsEntry("Status", "UNKNOWN").containsEntry("UnknownFindings", 1);
        importFindings(check("na", "security-control/IAM.6", "NOT_AVAILABLE"));
        assertThat(control(CIS_120, "CIS.1.14")).containsEntry("Status", "UNKNOWN");
        importFindings(check("bad", "security-control/IAM.9", "FAILED"));
        assertThat(control(CIS_120, "CIS.1.13")).containsEntry("Status", "FAILED");
    }

    @Test
    void aFailingImportLowersTheScoreOnTheVeryNextRead() {
        importFindings(check("a", "security-control/IAM.4", "PASSED"), check("b", "security-control/IAM.9", "PASSED"));
        assertThat(standardScore(CIS_120)).containsEntry("Score", 100);

        importFindings(check("c", "security-control/IAM.6", "FAILED"));

        Map<String, Object> score = standardScore(CIS_120);
        assertThat(score).containsEntry("Score", 67);
        assertThat(score.get("ControlsByStatus")).isEqualTo(Map.of("PASSED", 2, "FAILED", 1, "UNKNOWN", 0, "NO_DATA", 40,
                "DISABLED", 0));
    }

    /** The README's worked example: the plain and the severity-weighted score of the example standard. */
    @Test
    void scoresFollowTheWorkedExample() {
        Api.post("/standards/register", "{\"StandardsSubscriptionRequests\":[{\"StandardsArn\":\"" + EXAMPLE + "\"}]}").statusCode(200);
        String ex6 = "arn:aws:securityhub:us-east-1:000000000000:control/muster-example/v/1.0.0/EX.6";
        Api.patch("/standards/control/" + ex6, "{\"ControlStatus\":\"DISABLED\",\"DisabledReason\":\"Not used here\"}").statusCode(200);
        try {
            ObjectNode byRequirement = check("ex2", "tool-two", "FAILED");
            ((ObjectNode) byRequirement.get("Compliance")).putArray("RelatedRequirements").add("Muster Example v1.0.0/2");
            ObjectNode byFilter = check("ex3", "tool-three", "PASSED");
            byFilter.putObject("ProductFields").put("example/check", "three");
            importFindings(check("ex1", "muster-example/v/1.0.0/EX.1", "PASSED"), byRequirement, byFilter,
                    check("ex4", "muster-example/v/1.0.0/EX.4", "WARNING"), check("ex6", "muster-example/v/1.0.0/EX.6", "PASSED"));

            Map<String, Object> score = standardScore(EXAMPLE);
            // 2 passed of 4 controls with data (EX.5 has none, EX.6 is disabled) = 50 %;
            // weighted: (CRITICAL 10 + MEDIUM 3) / (10 + HIGH 7 + 3 + LOW 1) = 13 / 21 = 62 %
            assertThat(score).containsEntry("Score", 50).containsEntry("WeightedScore", 62);
            assertThat(score.get("ControlsByStatus")).isEqualTo(Map.of("PASSED", 2, "FAILED", 1, "UNKNOWN", 1, "NO_DATA", 1,
                    "DISABLED", 1));
            assertThat(control(EXAMPLE, "EX.6")).containsEntry("Status", "DISABLED").containsEntry("DisabledReason", "Not used here");
        } finally {
            Api.patch("/standards/control/" + ex6, "{\"ControlStatus\":\"ENABLED\"}").statusCode(200);
        }
    }

    @Test
    void aScopedCallerSeesOnlyItsAccountsStatusesAndFindings() {
        String other = String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
        importFindings(check("mine", "security-control/IAM.4", "PASSED"));
        importFindings(check("theirs", "security-control/IAM.4", "FAILED").put("AwsAccountId", other));
        var analyst = TestCallers.analyst(account);

        JsonPath overall = analyst.request().get("/compliance/controls?StandardsArn=" + CIS_120).then().statusCode(200)
                .extract().jsonPath();
        assertThat(overall.getString("Controls.find { it.ControlId == 'CIS.1.12' }.Status")).isEqualTo("PASSED");
        JsonPath theirs = analyst.request().get("/compliance/controls?StandardsArn=" + CIS_120 + "&AwsAccountId=" + other)
                .then().statusCode(200).extract().jsonPath();
        assertThat(theirs.getString("Controls.find { it.ControlId == 'CIS.1.12' }.Status")).isEqualTo("NO_DATA");

        List<String> findings = analyst.request().get("/compliance/findings?StandardsArn=" + CIS_120 + "&ControlId=CIS.1.12")
                .then().statusCode(200).extract().jsonPath().getList("Findings.AwsAccountId");
        assertThat(findings).isNotEmpty().containsOnly(account);
        assertThat(analyst.request().get("/compliance/findings?StandardsArn=" + CIS_120 + "&ControlId=CIS.1.12&AwsAccountId=" + other)
                .then().statusCode(200).extract().jsonPath().getList("Findings")).isEmpty();

        String link = Api.request().get("/compliance/controls?StandardsArn=" + CIS_120 + "&AwsAccountId=" + other).then()
                .statusCode(200).extract().jsonPath().getString("Controls.find { it.ControlId == 'CIS.1.12' }.FindingsUrl");
        assertThat(link).endsWith("&AwsAccountId=" + other);
        assertThat(Api.request().urlEncodingEnabled(false).get(link).then().statusCode(200).extract().jsonPath().getList("Findings.Id"))
                .containsExactly("theirs");
        analyst.request().get("/compliance/scores/history?StandardsArn=" + CIS_120).then().statusCode(403);
    }

    @Test
    void theFindingsBehindAControlArePagedNewestFirst() {
        importFindings(check("f1", "security-control/IAM.1", "FAILED"), check("f2", "security-control/IAM.1", "FAILED"),
                check("f3", "security-control/IAM.1", "PASSED"));
        String base = "/compliance/findings?StandardsArn=" + CIS_120 + "&ControlId=CIS.1.22&Status=FAILED&MaxResults=1";
        JsonPath first = TestCallers.analyst(account).request().get(base).then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("Findings.Id")).containsExactly("f2");
        JsonPath second = TestCallers.analyst(account).request().get(base + "&NextToken=" + first.getString("NextToken"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("Findings.Id")).containsExactly("f1");
        assertThat(second.getString("NextToken")).isNull();
        Api.request().get("/compliance/findings?StandardsArn=" + CIS_120 + "&ControlId=CIS.9.9").then().statusCode(404)
                .body("Message", containsString("has no control 'CIS.9.9'"));
    }

    @Test
    void scoreHistoryRecordsChangesAndOnePointADay() {
        importFindings(check("h1", "security-control/IAM.4", "PASSED"));
        Instant now = Instant.now();
        snapshots.takeSnapshots(now);
        snapshots.takeSnapshots(now.plusSeconds(1));
        importFindings(check("h2", "security-control/IAM.9", "FAILED"));
        snapshots.takeSnapshots(now.plusSeconds(2));

        List<Integer> scores = Api.request().get("/compliance/scores/history?StandardsArn=" + CIS_120 + "&AwsAccountId=" + account
                + "&StartTime=" + now.minusSeconds(1) + "&EndTime=" + now.plusSeconds(10)).then().statusCode(200)
                .extract().jsonPath().getList("Snapshots.Score");
        assertThat(scores).as("unchanged scores are not repeated within a day").containsExactly(100, 50);
        assertThat(scoreChangedEvents()).as("one Muster Score Changed event for the account's CIS 1.2.0 score")
                .anySatisfy(event -> {
                    assertThat(event.path("source").asText()).isEqualTo("muster");
                    assertThat(event.path("resources").get(0).asText()).isEqualTo(CIS_120);
                    assertThat(event.path("detail").path("previousScore").asInt()).isEqualTo(100);
                    assertThat(event.path("detail").path("score").asInt()).isEqualTo(50);
                });

        snapshots.takeSnapshots(now.plus(1, ChronoUnit.DAYS));
        List<Integer> nextDay = Api.request().get("/compliance/scores/history?StandardsArn=" + CIS_120 + "&AwsAccountId=" + account
                + "&StartTime=" + now.minusSeconds(1) + "&EndTime=" + now.plus(2, ChronoUnit.DAYS)).then().statusCode(200)
                .extract().jsonPath().getList("Snapshots.Score");
        assertThat(nextDay).as("a point a day even without change").containsExactly(100, 50, 50);
    }

    @Test
    void recomputingFromStoredFindingsChangesNothingWhenEvaluationsAreCurrent() {
        importFindings(check("r1", "security-control/IAM.4", "FAILED"));
        Api.post("/compliance/recompute", "").statusCode(200).body("FindingsChanged", equalTo(0));
        assertThat(control(CIS_120, "CIS.1.12")).containsEntry("Status", "FAILED");
    }

    @Test
    void brokenCustomPacksAreReportedWhileTheOthersLoad() {
        JsonPath packs = Api.request().get("/compliance/packs").then().statusCode(200).extract().jsonPath();
        assertThat(packs.getList("Packs.Name")).contains("CIS AWS Foundations Benchmark v1.2.0", "Muster Example Standard v1.0.0");
        assertThat(packs.getList("Problems.Message", String.class)).containsExactlyInAnyOrder(
                "breaks standards/pack.schema.json: controls[0]: required property 'severity' not found",
                "controls[1].id: control DU.1 is defined twice");
    }

    /** The "Muster Score Changed" events about this test's account. */
    private List<JsonNode> scoreChangedEvents() {
        List<JsonNode> events = new ArrayList<>();
        try (Connection connection = database.connection(); PreparedStatement select = connection.prepareStatement(
                "SELECT payload FROM outbox_event WHERE detail_type = 'Muster Score Changed'");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                JsonNode event = Json.readStored(rows.getString(1));
                if (account.equals(event.path("detail").path("awsAccountId").asText())) {
                    events.add(event);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return events;
    }

    private void importFindings(ObjectNode... findings) {
        Api.importFindings(importBody(findings)).statusCode(200).body("FailedCount", equalTo(0));
    }

    private ObjectNode check(String id, String generatorId, String status) {
        ObjectNode finding = Asff.finding(product, id);
        finding.put("AwsAccountId", account).put("GeneratorId", generatorId);
        finding.set("Compliance", compliance(status));
        return finding;
    }

    private ObjectNode consolidated(String id, String securityControlId, String status) {
        ObjectNode finding = check(id, "security-control/" + securityControlId, status);
        ((ObjectNode) finding.get("Compliance")).put("SecurityControlId", securityControlId);
        return finding;
    }

    private static ObjectNode compliance(String status) {
        return io.muster.api.Json.object().put("Status", status);
    }

    private Map<String, Object> control(String standardsArn, String controlId) {
        return Api.request().get("/compliance/controls?StandardsArn=" + standardsArn + "&AwsAccountId=" + account).then()
                .statusCode(200).extract().jsonPath().getMap("Controls.find { it.ControlId == '" + controlId + "' }");
    }

    private Map<String, Object> standardScore(String standardsArn) {
        return Api.request().get("/compliance/scores?AwsAccountId=" + account).then().statusCode(200).extract().jsonPath()
                .getMap("Standards.find { it.StandardsArn == '" + standardsArn + "' }");
    }
}
