package io.muster.finding;

import static io.muster.testing.Asff.finding;
import static io.muster.testing.Asff.importBody;
import static io.muster.testing.Asff.newProductArn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.testing.Api;
import io.muster.testing.ScopeFixture;
import io.muster.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GetFindingHistory and the deprecated UpdateFindings. */
@QuarkusTest
class FindingHistoryTest {

    @Inject
    TestDatabase db;

    @Test
    void afterAnAnalystDecidesAReimportKeepsTheDecisionAndHistoryShowsBothSources() {
        String product = newProductArn();
        Api.importFindings(importBody(finding(product, "f"))).statusCode(200);
        ProviderAndAnalystFieldsTest.analystUpdate(product, "f", "\"Severity\":{\"Label\":\"LOW\"},\"Workflow\":{\"Status\":\"NOTIFIED\"}");
        ObjectNode reimport = finding(product, "f").put("UpdatedAt", "2026-03-01T00:00:00Z");
        reimport.putObject("Severity").put("Label", "CRITICAL");
        Api.importFindings(importBody(reimport)).statusCode(200);

        var stored = db.document(product, "f");
        assertThat(stored.path("Severity").path("Label").asText()).isEqualTo("LOW");
        assertThat(stored.path("Workflow").path("Status").asText()).isEqualTo("NOTIFIED");
        assertThat(stored.path("FindingProviderFields").path("Severity").path("Label").asText()).isEqualTo("CRITICAL");

        JsonPath history = history(product, "f", "");
        List<Map<String, Object>> records = history.getList("Records");
        assertThat(records).hasSize(3);
        assertThat(history.getBoolean("Records[0].FindingCreated")).isTrue();
        assertThat(history.getString("Records[0].UpdateSource.Type")).isEqualTo("BATCH_IMPORT_FINDINGS");
        assertThat(history.getString("Records[1].UpdateSource.Type")).isEqualTo("BATCH_UPDATE_FINDINGS");
        assertThat(history.getString("Records[1].UpdateSource.Identity")).contains("MKTESTADMIN");
        assertThat(history.getList("Records[1].Updates.UpdatedField")).contains("Severity.Label", "Workflow.Status");
        assertThat(history.getString("Records[2].UpdateSource.Type")).isEqualTo("BATCH_IMPORT_FINDINGS");
        assertThat(history.getList("Records[2].Updates.UpdatedField")).contains("FindingProviderFields.Severity.Label")
                .doesNotContain("Severity.Label");
        int severityUpdate = history.getList("Records[1].Updates.UpdatedField").indexOf("Severity.Label");
        assertThat(history.getString("Records[1].Updates[" + severityUpdate + "].OldValue")).isEqualTo("HIGH");
        assertThat(history.getString("Records[1].Updates[" + severityUpdate + "].NewValue")).isEqualTo("LOW");
    }

    @Test
    void historyPagesAndWindows() {
        String product = newProductArn();
        Api.importFindings(importBody(finding(product, "f"))).statusCode(200);
        for (int i = 1; i <= 4; i++) {
            Api.importFindings(importBody(finding(product, "f").put("UpdatedAt", "2026-0" + (i + 1) + "-01T00:00:00Z")
                    .put("Title", "v" + i))).statusCode(200);
        }
        List<Object> times = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            JsonPath page = history(product, "f", ",\"MaxResults\":2" + (token == null ? "" : ",\"NextToken\":\"" + token + "\""));
            times.addAll(page.getList("Records.UpdateTime"));
            token = page.getString("NextToken");
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(times).hasSize(5);
        assertThat(times).isSortedAccordingTo((a, b) -> a.toString().compareTo(b.toString()));

        String future = "2099-01-01T00:00:00Z";
        assertThat(history(product, "f", ",\"StartTime\":\"" + future + "\"").getList("Records")).isEmpty();
        assertThat(history(product, "f", ",\"EndTime\":\"" + future + "\"").getList("Records")).hasSize(5);
        assertThat(history(product, "missing", "").getList("Records")).isEmpty();
        Api.post("/findingHistory/get", "{\"FindingIdentifier\":{\"Id\":\"f\",\"ProductArn\":\"" + product + "\"},"
                + "\"StartTime\":\"yesterday\"}").statusCode(400).body("Message", containsString("StartTime"));
        Api.post("/findingHistory/get", "{\"FindingIdentifier\":{\"Id\":\"f\",\"ProductArn\":\"" + product + "\"},"
                + "\"NextToken\":\"bogus\"}").statusCode(400);
        Api.post("/findingHistory/get", "{}").statusCode(400).body("Message", equalTo("FindingIdentifier is required"));
    }

    @Test
    void aScopedCallerSeesNoHistoryOfAnotherAccountsFinding() {
        ScopeFixture scope = ScopeFixture.create();
        String body = "{\"FindingIdentifier\":{\"Id\":\"%s\",\"ProductArn\":\"" + scope.productArn() + "\"}}";
        assertThat(scope.viewerOfA().request().body(body.formatted(scope.findingOfB())).post("/findingHistory/get").then()
                .statusCode(200).extract().jsonPath().getList("Records")).isEmpty();
        assertThat(scope.viewerOfA().request().body(body.formatted(scope.findingOfA())).post("/findingHistory/get").then()
                .statusCode(200).extract().jsonPath().getList("Records")).hasSize(1);
    }

    @Test
    void updateFindingsSetsNoteAndRecordStateOnEveryMatchingFinding() {
        String product = newProductArn();
        ObjectNode[] findings = new ObjectNode[120];
        for (int i = 0; i < findings.length; i++) {
            findings[i] = finding(product, "u" + i).put("Title", i % 2 == 0 ? "even" : "odd");
        }
        Api.importFindings(importBody(java.util.Arrays.copyOfRange(findings, 0, 100))).statusCode(200);
        Api.importFindings(importBody(java.util.Arrays.copyOfRange(findings, 100, 120))).statusCode(200);
        Api.patch("/findings", "{\"Filters\":{\"ProductArn\":[{\"Value\":\"" + product + "\",\"Comparison\":\"EQUALS\"}],"
                + "\"Title\":[{\"Value\":\"even\",\"Comparison\":\"EQUALS\"}]},"
                + "\"Note\":{\"Text\":\"bulk archived\",\"UpdatedBy\":\"ops\"},\"RecordState\":\"ARCHIVED\"}").statusCode(200);
        assertThat(db.count("SELECT COUNT(*) FROM finding WHERE product_arn = ? AND record_state = 'ARCHIVED'", product)).isEqualTo(60);
        assertThat(db.count("SELECT COUNT(*) FROM finding WHERE product_arn = ? AND note_text = 'bulk archived'", product)).isEqualTo(60);
        assertThat(db.document(product, "u1").path("RecordState").asText()).isEqualTo("ACTIVE");
        assertThat(history(product, "u0", "").getList("Records")).hasSize(2);

        Api.patch("/findings", "{\"Filters\":{}}").statusCode(400).body("Message", containsString("Note or RecordState"));
        Api.patch("/findings", "{\"Note\":{\"Text\":\"x\",\"UpdatedBy\":\"y\"}}").statusCode(400)
                .body("Message", equalTo("Filters is required"));
        Api.patch("/findings", "{\"Filters\":{},\"RecordState\":\"DELETED\"}").statusCode(400);
    }

    private static JsonPath history(String product, String id, String extra) {
        return Api.post("/findingHistory/get", "{\"FindingIdentifier\":{\"Id\":\"" + id + "\",\"ProductArn\":\"" + product + "\"}"
                + extra + "}").statusCode(200).extract().jsonPath();
    }
}
