package io.muster.finding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.testing.Api;
import io.muster.testing.Asff;
import io.muster.testing.TestCallers;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ExportFindings: every matching finding as NDJSON or CSV, chosen by Accept, past GetFindings' page cap. */
@QuarkusTest
class FindingExportTest {

    private String account;
    private String product;

    @BeforeEach
    void prepare() {
        account = String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
        product = Asff.newProductArn();
    }

    @Test
    void ndjsonHoldsEveryMatchingFindingOneALineBeyondAHundred() {
        ObjectNode[] findings = new ObjectNode[FindingExport.CHUNK + 20];
        for (int i = 0; i < findings.length; i++) {
            findings[i] = finding("f-" + i, i % 2 == 0 ? "HIGH" : "LOW");
        }
        for (int from = 0; from < findings.length; from += 100) {
            Api.post("/findings/import", Asff.importBody(Arrays.copyOfRange(findings, from, Math.min(findings.length, from + 100))))
                    .statusCode(200);
        }
        String body = Api.request().accept("application/x-ndjson").body(filter("")).post("/findings/export").then().statusCode(200)
                .contentType(containsString("application/x-ndjson")).extract().asString();
        List<String> lines = body.lines().toList();
        assertThat(lines).hasSize(findings.length);
        assertThat(lines.stream().map(line -> Json.readStored(line).get("Id").asText()).distinct()).hasSize(findings.length);

        String high = Api.request().accept("application/x-ndjson").body(filter(",\"SeverityLabel\":[{\"Comparison\":\"EQUALS\",\"Value\":\"HIGH\"}]"))
                .post("/findings/export").then().statusCode(200).extract().asString();
        assertThat(high.lines()).hasSize(findings.length / 2).allMatch(line -> line.contains("\"Label\":\"HIGH\""));
    }

    @Test
    void csvHasTheChosenColumnsQuotedAndSafeForSpreadsheets() {
        ObjectNode tricky = finding("tricky", "HIGH").put("Title", "=HYPERLINK(\"http://evil\"), click");
        ((ArrayNode) tricky.get("Resources")).addObject().put("Type", "AwsS3Bucket").put("Id", "arn:aws:s3:::second");
        Api.post("/findings/import", Asff.importBody(tricky, finding("plain", "LOW"))).statusCode(200);

        String csv = Api.request().accept("text/csv").body(filter("").replace("}}", "},\"Columns\":[\"Id\",\"SeverityLabel\",\"ResourceId\",\"Title\"]}"))
                .post("/findings/export").then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("findings.csv")).extract().asString();
        List<String> rows = List.of(csv.split("\r\n"));
        assertThat(rows.get(0)).isEqualTo("Id,SeverityLabel,ResourceId,Title");
        assertThat(rows.subList(1, rows.size())).containsExactlyInAnyOrder(
                "tricky,HIGH,i-tricky|arn:aws:s3:::second,\"'=HYPERLINK(\"\"http://evil\"\"), click\"",
                "plain,LOW,i-plain,Finding plain");

        String defaults = Api.request().accept("text/csv").body(filter("")).post("/findings/export").then().statusCode(200).extract().asString();
        assertThat(defaults.lines().findFirst()).hasValue("Id,ProductArn,ProductName,GeneratorId,AwsAccountId,Region,Title,SeverityLabel,"
                + "WorkflowStatus,RecordState,ComplianceStatus,ComplianceSecurityControlId,Type,ResourceType,ResourceId,CreatedAt,UpdatedAt");
        assertThat(defaults.lines()).hasSize(3);
    }

    @Test
    void aScopedCallerExportsOnlyItsAccounts() {
        String other = String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
        Api.post("/findings/import", Asff.importBody(finding("mine", "HIGH"), finding("theirs", "HIGH").put("AwsAccountId", other)))
                .statusCode(200);
        String body = "{\"Filters\":{\"ProductArn\":[{\"Comparison\":\"EQUALS\",\"Value\":\"" + product + "\"}]}}";
        String mine = TestCallers.viewer(account).request().accept("application/x-ndjson").body(body).post("/findings/export").then()
                .statusCode(200).extract().asString();
        assertThat(mine.lines()).hasSize(1).allMatch(line -> line.contains("\"AwsAccountId\":\"" + account + "\""));
    }

    @Test
    void badRequestsAreRefusedBeforeAnythingIsStreamed() {
        Api.request().accept("application/xml").body("{}").post("/findings/export").then().statusCode(400)
                .header("x-amzn-ErrorType", "InvalidInputException").body("Message", containsString("text/csv"));
        Api.request().accept("application/x-ndjson").body("{\"Columns\":[\"Id\"]}").post("/findings/export").then().statusCode(400)
                .body("Message", containsString("Columns chooses the columns of a text/csv export"));
        Api.request().accept("text/csv").body("{\"Columns\":[\"Colour\"]}").post("/findings/export").then().statusCode(400)
                .body("Message", containsString("'Colour' is not an AwsSecurityFindingFilters attribute"));
        Api.request().accept("text/csv").body("{\"Filters\":{\"Nope\":[]}}").post("/findings/export").then().statusCode(400)
                .body("Message", containsString("Nope"));
    }

    private String filter(String more) {
        return "{\"Filters\":{\"AwsAccountId\":[{\"Comparison\":\"EQUALS\",\"Value\":\"" + account + "\"}]" + more + "}}";
    }

    private ObjectNode finding(String id, String severity) {
        ObjectNode finding = Asff.finding(product, id).put("AwsAccountId", account);
        ((ObjectNode) finding.get("Severity")).put("Label", severity);
        return finding;
    }
}
