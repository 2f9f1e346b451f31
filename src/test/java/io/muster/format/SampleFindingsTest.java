package io.muster.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.testing.Api;
import io.muster.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Real findings published by GuardDuty, Inspector, AWS Config controls and Trivy (copies of the files in
 * src/test/resources/samples, see its README): the conforming ones land with their fields intact, the
 * imperfect ones are refused one by one with a message naming the member at fault.
 */
@QuarkusTest
class SampleFindingsTest {

    private static final List<String> FILES = List.of(
            "trivy/alpine-310.asff.golden.json",
            "trivy/secrets.asff.golden.json",
            "defectdojo/awssecurityhub/config_many_findings.json",
            "defectdojo/awssecurityhub/config_multiple_resources.json",
            "defectdojo/awssecurityhub/config_one_finding.json",
            "defectdojo/awssecurityhub/config_one_finding_active.json",
            "defectdojo/awssecurityhub/config_repeated_findings.json",
            "defectdojo/awssecurityhub/guardduty.json",
            "defectdojo/awssecurityhub/inspector_ec2_cve.json",
            "defectdojo/awssecurityhub/inspector_ec2_cve_no_vulnerabilities.json",
            "defectdojo/awssecurityhub/inspector_ec2_ghsa.json",
            "defectdojo/awssecurityhub/inspector_ecr.json",
            "defectdojo/awssecurityhub/issue_10956.json",
            "defectdojo/awssecurityhub/missing_account_id.json",
            "defectdojo/asff/many_vulns.json",
            "defectdojo/asff/one_vuln.json",
            "defectdojo/asff/guardduty/Unusual Behaviors-User-Persistence IAMUser-NetworkPermissions.json");

    /**
     * The imperfect findings in the samples, and the member each refusal must name. GuardDuty's fourth finding, with 53
     * ProductFields, is not among them: 3 of those are the aws/securityhub/ keys Security Hub wrote itself, so AWS
     * accepted the 50 GuardDuty sent, and Muster takes back what AWS returned.
     */
    private static final Map<String, String> EXPECTED_REFUSALS = Map.of(
            "defectdojo/awssecurityhub/issue_10956.json#0", "AwsAccountId",
            "defectdojo/awssecurityhub/missing_account_id.json#0", "AwsAccountId");

    @Inject
    TestDatabase db;

    @Test
    void everySampleImportsAndOnlyTheImperfectFindingsAreRefused() throws IOException {
        Map<String, ObjectNode> expected = new LinkedHashMap<>();
        int refused = 0;
        for (String file : FILES) {
            ArrayNode findings = findingsOf(file);
            var response = Api.importFindings(Json.write(Json.object().set("Findings", findings))).statusCode(200)
                    .extract().jsonPath();
            List<Map<String, String>> failed = response.getList("FailedFindings");
            int failedIndex = 0;
            for (int i = 0; i < findings.size(); i++) {
                ObjectNode finding = (ObjectNode) findings.get(i);
                String refusal = EXPECTED_REFUSALS.get(file + "#" + i);
                if (refusal != null) {
                    Map<String, String> failure = failed.get(failedIndex++);
                    assertThat(failure.get("Id")).isEqualTo(finding.path("Id").asText());
                    assertThat(failure.get("ErrorCode")).isEqualTo("InvalidInput");
                    assertThat(failure.get("ErrorMessage")).as(file + "#" + i).contains(refusal);
                    refused++;
                    continue;
                }
                String key = finding.path("ProductArn").asText() + "|" + finding.path("Id").asText();
                ObjectNode current = expected.get(key);
                if (current == null || isLater(finding, current)) {
                    expected.put(key, finding);
                }
            }
            assertThat(failed).as("refusals in %s: %s", file, failed).hasSize(failedIndex);
            assertThat(response.getInt("SuccessCount")).isEqualTo(findings.size() - failedIndex);
        }
        assertThat(refused).isEqualTo(EXPECTED_REFUSALS.size());

        for (ObjectNode sent : expected.values()) {
            JsonNode stored = db.document(sent.path("ProductArn").asText(), sent.path("Id").asText());
            for (String member : List.of("SchemaVersion", "Id", "ProductArn", "GeneratorId", "AwsAccountId", "CreatedAt",
                    "UpdatedAt", "Title", "Description", "Resources", "Compliance", "Vulnerabilities", "Remediation",
                    "Network", "Action", "Sample")) {
                assertThat(stored.get(member)).as("%s of %s", member, sent.path("Id").asText()).isEqualTo(sent.get(member));
            }
            String label = sent.path("FindingProviderFields").path("Severity").path("Label")
                    .asText(sent.path("Severity").path("Label").asText());
            assertThat(stored.path("Severity").path("Label").asText()).isEqualTo(label);
        }
    }

    private static boolean isLater(JsonNode finding, JsonNode than) {
        Instant a = AsffTime.parse(finding.path("UpdatedAt").asText()).orElseThrow().toInstant();
        Instant b = AsffTime.parse(than.path("UpdatedAt").asText()).orElseThrow().toInstant();
        return a.isAfter(b);
    }

    static ArrayNode findingsOf(String file) throws IOException {
        try (InputStream in = SampleFindingsTest.class.getResourceAsStream("/samples/" + file)) {
            JsonNode content = Json.MAPPER.readTree(in);
            if (content.isArray()) {
                return (ArrayNode) content;
            }
            return (ArrayNode) (content.has("Findings") ? content.get("Findings") : content.get("findings"));
        }
    }
}
