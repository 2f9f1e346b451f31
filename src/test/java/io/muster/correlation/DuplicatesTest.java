package io.muster.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.testing.Api;
import io.muster.testing.Asff;
import io.muster.testing.TestCallers;
import io.muster.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Cross-detector duplicates on real findings: Inspector's published ECR finding and a Trivy report of the
 * same image digest and CVE share a fingerprint; GetFindings can list the group or hide its duplicates;
 * each member keeps its own provider and history; a duplicate's update never undoes the analyst's
 * decision on the primary; a caller of another account sees nothing of the group.
 */
@QuarkusTest
class DuplicatesTest {

    private static final String INSPECTOR = "arn:aws:securityhub:eu-central-1::product/aws/inspector";
    private static final String TRIVY = "arn:aws:securityhub:eu-central-1::product/aquasecurity/aquasecurity";
    private static final String DIGEST = "sha256:af965ef68c78374a5f987fce98c0ddfa45801df2395bf012c50b863e65978d74";

    @Inject
    TestDatabase db;

    @Test
    void trivyAndInspectorOnTheSameImageCveAreOneGroupWithTheEarliestAsPrimary() throws IOException {
        JsonNode inspector = importInspectorSample();
        String group = Fingerprint.of(inspector);
        importTrivyReport();

        List<String> members = ids("{\"Filters\":{\"Fingerprint\":[" + eq(group) + "]}}", "ProductArn");
        assertThat(members).containsExactlyInAnyOrder(INSPECTOR, TRIVY);
        // Inspector saw it first (2023): the Trivy finding is the duplicate GetFindings can hide
        assertThat(ids("{\"Filters\":{\"Fingerprint\":[" + eq(group) + "]},\"HideDuplicates\":true}", "ProductArn"))
                .containsExactly(INSPECTOR);
        // each member stays a finding of its own product, with its own history
        assertThat(db.historyRows(TRIVY)).isPositive();
        // the group shows in every member: MusterCorrelation and RelatedFindings (added as GetFindings answers)
        var trivy = Api.getFindings("{\"Filters\":{\"Fingerprint\":[" + eq(group) + "],\"ProductArn\":[" + eq(TRIVY) + "]},\"Correlation\":true}")
                .then().statusCode(200).extract().jsonPath();
        assertThat(trivy.getString("Findings[0].MusterCorrelation.Primary.ProductArn")).isEqualTo(INSPECTOR);
        assertThat(trivy.getBoolean("Findings[0].MusterCorrelation.IsPrimary")).isFalse();
        assertThat(trivy.getInt("Findings[0].MusterCorrelation.GroupSize")).isGreaterThanOrEqualTo(2);
        assertThat(trivy.getList("Findings[0].RelatedFindings.ProductArn", String.class)).contains(INSPECTOR);
    }

    @Test
    void eachMembersPriorityCountsTheOtherDetectorAgreeing() throws IOException {
        String group = Fingerprint.of(importInspectorSample());
        importTrivyReport();
        List<List<Object>> members = db.rows("SELECT priority, document FROM finding WHERE fingerprint = ?", group);
        assertThat(members).hasSizeGreaterThanOrEqualTo(2).allSatisfy(member -> {
            int own = io.muster.priority.PriorityFormula.priority(Json.readStored((String) member.get(1)));
            assertThat(((Number) member.get(0)).intValue()).isEqualTo(io.muster.priority.PriorityFormula.withAgreement(own, 2,
                    io.muster.priority.PriorityWeights.current())).isEqualTo(own + 5);
        });
    }

    @Test
    void aGroupsPrioritiesFollowDetectorsJoiningAndLeaving() {
        String resource = "arn:aws:s3:::agreement-" + UUID.randomUUID();
        String first = Asff.newProductArn();
        String second = Asff.newProductArn();
        String third = Asff.newProductArn();
        Api.importFindings(Asff.importBody(on(first, "one", resource), on(second, "two", resource))).statusCode(200);
        assertThat(agreement(first, "one")).as("one other detector agrees").isEqualTo(5);
        assertThat(agreement(second, "two")).isEqualTo(5);

        Api.importFindings(Asff.importBody(on(third, "three", resource))).statusCode(200);
        assertThat(agreement(first, "one")).as("two others agree").isEqualTo(10);

        // the second detector's finding moves to another resource: the group shrinks, and so do the points
        Api.importFindings(Asff.importBody(on(second, "two", resource + "-elsewhere").put("UpdatedAt", "2026-06-01T00:00:00Z")))
                .statusCode(200);
        assertThat(agreement(first, "one")).isEqualTo(5);
        assertThat(agreement(third, "three")).isEqualTo(5);
        assertThat(agreement(second, "two")).as("alone again").isZero();
    }

    /** A finding's stored priority minus its own: the points for agreeing detectors. */
    private int agreement(String productArn, String id) {
        List<List<Object>> row = db.rows("SELECT priority, document FROM finding WHERE product_arn = ? AND asff_id = ?", productArn, id);
        int own = io.muster.priority.PriorityFormula.priority(Json.readStored((String) row.get(0).get(1)));
        return ((Number) row.get(0).get(0)).intValue() - own;
    }

    private static ObjectNode on(String productArn, String id, String resource) {
        var finding = Asff.finding(productArn, id);
        finding.putObject("Severity").put("Label", "HIGH");
        ((ObjectNode) finding.get("Resources").get(0)).put("Type", "AwsS3Bucket").put("Id", resource);
        return finding;
    }

    @Test
    void aDuplicatesUpdateNeverUndoesTheAnalystsDecisionOnThePrimary() throws IOException {
        JsonNode inspector = importInspectorSample();
        String group = Fingerprint.of(inspector);
        importTrivyReport();
        Api.patch("/findings/batchupdate", "{\"FindingIdentifiers\":[{\"Id\":\"" + inspector.path("Id").asText() + "\",\"ProductArn\":\""
                + INSPECTOR + "\"}],\"Workflow\":{\"Status\":\"SUPPRESSED\"},\"Note\":{\"Text\":\"accepted risk\",\"UpdatedBy\":\"analyst\"}}")
                .statusCode(200);
        importTrivyReport(); // the duplicate is reported again, later and as CRITICAL
        JsonNode primary = db.document(INSPECTOR, inspector.path("Id").asText());
        assertThat(primary.path("Workflow").path("Status").asText()).isEqualTo("SUPPRESSED");
        assertThat(primary.path("Severity").path("Label").asText()).isEqualTo(inspector.path("Severity").path("Label").asText());
        assertThat(ids("{\"Filters\":{\"Fingerprint\":[" + eq(group) + "]},\"HideDuplicates\":true}", "ProductArn"))
                .containsExactly(INSPECTOR);
    }

    @Test
    void theFingerprintIsStableAcrossReimportsAndIdChanges() throws IOException {
        JsonNode inspector = importInspectorSample();
        String group = Fingerprint.of(inspector);
        ObjectNode renamed = ((ObjectNode) inspector).deepCopy();
        renamed.put("Id", inspector.path("Id").asText() + "-renamed-by-the-detector").put("Title", "Another title")
                .put("UpdatedAt", "2026-11-28T00:00:00Z");
        Api.importFindings(Json.write(Json.object().set("Findings", Json.MAPPER.createArrayNode().add(renamed)))).statusCode(200);
        assertThat(db.count("SELECT COUNT(*) FROM finding WHERE fingerprint = ? AND product_arn = ?", group, INSPECTOR)).isEqualTo(2);
    }

    @Test
    void aCallerOfAnotherAccountSeesNothingOfTheGroup() throws IOException {
        String group = Fingerprint.of(importInspectorSample());
        importTrivyReport();
        assertThat(TestCallers.viewer("210987654321").request().body("{\"Filters\":{\"Fingerprint\":[" + eq(group) + "]},\"HideDuplicates\":true}")
                .post("/findings").then().statusCode(200).extract().jsonPath().getList("Findings")).isEmpty();
    }

    private JsonNode importInspectorSample() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/samples/defectdojo/awssecurityhub/inspector_ecr.json")) {
            ArrayNode findings = (ArrayNode) Json.MAPPER.readTree(in).get("Findings");
            JsonNode first = findings.get(0);
            Api.importFindings(Json.write(Json.object().set("Findings", Json.MAPPER.createArrayNode().add(first)))).statusCode(200);
            return first;
        }
    }

    private static void importTrivyReport() {
        String report = """
                {"SchemaVersion":2,"CreatedAt":"%s","ArtifactName":"123456789012.dkr.ecr.eu-central-1.amazonaws.com/repo-os:1.0",
                 "ArtifactType":"container_image","Metadata":{"RepoDigests":["123456789012.dkr.ecr.eu-central-1.amazonaws.com/repo-os@%s"]},
                 "Results":[{"Target":"repo-os:1.0 (alpine 3.17.3)","Class":"os-pkgs","Type":"alpine","Vulnerabilities":[
                   {"VulnerabilityID":"CVE-2023-2650","PkgID":"libssl3@3.0.8-r3","PkgName":"libssl3","InstalledVersion":"3.0.8-r3",
                    "FixedVersion":"3.0.9-r0","Severity":"CRITICAL","Title":"openssl: Possible DoS translating ASN.1 object identifiers",
                    "Description":"Processing some specially crafted ASN.1 object identifiers may be very slow."}]}]}"""
                .formatted(java.time.Instant.now().toString(), DIGEST);
        Api.request().body(report).post("/findings/import/trivy?AwsAccountId=123456789012&Region=eu-central-1").then().statusCode(200)
                .body("FailedCount", org.hamcrest.Matchers.is(0));
    }

    private static List<String> ids(String request, String member) {
        return Api.getFindings(request).then().statusCode(200).extract().jsonPath().getList("Findings." + member);
    }

    private static String eq(String value) {
        return "{\"Value\":\"" + value + "\",\"Comparison\":\"EQUALS\"}";
    }
}
