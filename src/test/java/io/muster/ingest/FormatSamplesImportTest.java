package io.muster.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.api.Json;
import io.muster.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every native-format document in src/test/resources/formats, and every published Security Hub export in
 * src/test/resources/samples, through /findings/import/{format} end to end: each record converts, passes
 * the ASFF checks of the import pipeline and lands with its key fields; the imperfect samples get their
 * precise per-finding refusal.
 */
@QuarkusTest
class FormatSamplesImportTest {

    private static final String ACCOUNT = "AwsAccountId=123456789012";

    @Inject
    TestDatabase db;

    @Test
    void everyNativeFormatDocumentLandsWithoutARefusal() {
        Map<String, String> documents = Map.of(
                "guardduty/findings-export.json", "guardduty", "guardduty/get-findings-cli.json", "guardduty",
                "guardduty/findings-array.json", "guardduty", "guardduty/eventbridge-dns-sample.json", "guardduty",
                "inspector2/list-findings.json", "inspector2", "inspector2/eventbridge-network-reachability.json", "inspector2",
                "trivy/image-ecr.json", "trivy", "trivy/fs-misconfig.json", "trivy",
                "sarif/codeql-javascript.sarif", "sarif", "sarif/semgrep.sarif", "sarif");
        documents.forEach((file, format) -> {
            JsonPath response = FormatImport.post(format, ACCOUNT, FormatImport.resource("/formats/" + file));
            assertThat(response.getList("FailedFindings")).as(file).isEmpty();
            assertThat(response.getInt("SuccessCount")).as(file).isPositive();
        });

        JsonNode guardDuty = db.document("arn:aws:securityhub:eu-west-1::product/aws/guardduty",
                "arn:aws:guardduty:eu-west-1:111122223333:detector/6ab6e6ee780ed494f3b7ca56acdc74df/finding/5ec6a7f3b0c2a1d48e21f7a4a9b3c201");
        assertThat(guardDuty.path("AwsAccountId").asText()).isEqualTo("111122223333");
        assertThat(guardDuty.path("Types").path(0).asText()).startsWith("TTPs/");
        JsonNode inspector = db.document("arn:aws:securityhub:us-west-2::product/aws/inspector",
                "arn:aws:inspector2:us-west-2:123456789012:finding/4b8e2f1c9a7d6e5f0a1b2c3d4e5f6a7b");
        assertThat(inspector.path("Vulnerabilities").path(0).path("Id").asText()).isNotBlank();
        assertThat(db.findings("arn:aws:securityhub:us-east-1::product/aquasecurity/aquasecurity")).isPositive();
        assertThat(db.findings("arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default")).isPositive();
    }

    @Test
    void reimportingANativeDocumentUpdatesTheSameFindings() {
        byte[] report = FormatImport.resource("/formats/trivy/image-ecr.json");
        String product = "arn:aws:securityhub:ap-south-1::product/aquasecurity/aquasecurity";
        int stored = FormatImport.post("trivy", ACCOUNT + "&Region=ap-south-1", report).getInt("SuccessCount");
        long findings = db.findings(product);
        FormatImport.post("trivy", ACCOUNT + "&Region=ap-south-1", report);
        assertThat(db.findings(product)).isEqualTo(findings).isEqualTo(stored);
    }

    @Test
    void securityHubExportsArriveThroughTheEventBridgeFormat() {
        List<String> exports = List.of("config_many_findings.json", "config_multiple_resources.json", "config_one_finding.json",
                "config_one_finding_active.json", "config_repeated_findings.json", "issue_10956.json", "missing_account_id.json");
        for (String file : exports) {
            byte[] detail = FormatImport.resource("/samples/defectdojo/awssecurityhub/" + file);
            JsonPath response = FormatImport.post("eventbridge", detail);
            int findings = Json.readStored(new String(detail)).path("findings").size();
            List<Map<String, String>> failed = response.getList("FailedFindings");
            if (file.equals("issue_10956.json") || file.equals("missing_account_id.json")) {
                assertThat(failed).as(file).singleElement().satisfies(failure -> assertThat(failure.get("ErrorMessage")).contains("AwsAccountId"));
            } else {
                assertThat(failed).as(file).isEmpty();
                assertThat(response.getInt("SuccessCount")).as(file).isEqualTo(findings);
            }
        }
        // a finding wrapped in the event an EventBridge API destination posts (under a new Id: the sample's Id is
        // already stored from config_one_finding.json with a later UpdatedAt, which an older copy does not replace)
        com.fasterxml.jackson.databind.node.ObjectNode detail = (com.fasterxml.jackson.databind.node.ObjectNode) Json.readStored(
                new String(FormatImport.resource("/samples/defectdojo/awssecurityhub/config_one_finding_active.json")));
        com.fasterxml.jackson.databind.node.ObjectNode wrapped = (com.fasterxml.jackson.databind.node.ObjectNode) detail.path("findings").path(0);
        wrapped.put("Id", "eventbridge-" + wrapped.path("Id").asText());
        String event = "{\"version\":\"0\",\"id\":\"e-1\",\"detail-type\":\"Security Hub Findings - Imported\",\"source\":\"aws.securityhub\","
                + "\"account\":\"123456789012\",\"region\":\"us-east-1\",\"detail\":" + Json.write(detail) + "}";
        JsonPath response = FormatImport.post("eventbridge", event.getBytes());
        assertThat(response.getInt("SuccessCount")).isEqualTo(1);
        JsonNode sent = Json.readStored(event).path("detail").path("findings").path(0);
        JsonNode stored = db.document(sent.path("ProductArn").asText(), sent.path("Id").asText());
        assertThat(stored.path("Compliance").path("Status").asText()).isEqualTo("FAILED");
        assertThat(stored.path("GeneratorId")).isEqualTo(sent.path("GeneratorId"));
    }

    @Test
    void asffSamplesOnTheFormatPathGetTheSamePerFindingRefusalsAsBatchImportFindings() {
        // GuardDuty's fourth finding has 53 ProductFields: 50 from GuardDuty and 3 aws/securityhub/ keys Security Hub wrote, so it lands
        JsonPath guardDuty = FormatImport.post("asff", FormatImport.resource("/samples/defectdojo/awssecurityhub/guardduty.json"));
        assertThat(guardDuty.getInt("SuccessCount")).isEqualTo(4);
        assertThat(guardDuty.getList("FailedFindings")).isEmpty();
        // a bare array (Trivy's two secrets share the Id deploy.sh: one finding, as Security Hub keeps one)
        JsonPath trivy = FormatImport.post("asff", FormatImport.resource("/samples/trivy/secrets.asff.golden.json"));
        assertThat(trivy.getInt("SuccessCount")).isEqualTo(2);
        assertThat(db.count("SELECT COUNT(*) FROM finding WHERE asff_id = 'deploy.sh'")).isEqualTo(1);
    }

    @Test
    void theNewSecurityHubsOcsfEventsGoThroughTheOcsfMapping() {
        String uid = "v2-" + java.util.UUID.randomUUID();
        String event = "{\"version\":\"0\",\"detail-type\":\"Findings Imported V2\",\"source\":\"aws.securityhub\",\"detail\":{\"findings\":["
                + "{\"class_uid\":2004,\"severity_id\":4,\"time\":1764300000000,\"status_id\":1,\"metadata\":{\"version\":\"1.6.0\","
                + "\"product\":{\"name\":\"GuardDuty\",\"vendor_name\":\"AWS\",\"uid\":\"arn:aws:securityhub:us-east-1::product/aws/guardduty\"}},"
                + "\"finding_info\":{\"uid\":\"" + uid + "\",\"title\":\"Recon seen\"},"
                + "\"cloud\":{\"provider\":\"AWS\",\"region\":\"us-east-1\",\"account\":{\"uid\":\"123456789012\"}}}]}}";
        JsonPath response = FormatImport.post("eventbridge", event.getBytes());
        assertThat(response.getList("FailedFindings")).isEmpty();
        JsonNode stored = db.document("arn:aws:securityhub:us-east-1::product/aws/guardduty", uid);
        assertThat(stored.path("Severity").path("Label").asText()).isEqualTo("HIGH");
        assertThat(stored.path("AwsAccountId").asText()).isEqualTo("123456789012");
    }

    @Test
    void aDocumentOfAnotherFormatIsRefusedWithWhatWasExpected() {
        io.muster.testing.Api.request().body("{\"hello\":\"world\"}").post("/findings/import/eventbridge").then().statusCode(400)
                .body("Message", org.hamcrest.Matchers.containsString("detail.findings"));
        io.muster.testing.Api.request().body("{\"hello\":\"world\"}").post("/findings/import/trivy?" + ACCOUNT).then().statusCode(400)
                .body("Code", org.hamcrest.Matchers.is("InvalidInputException"));
    }
}
