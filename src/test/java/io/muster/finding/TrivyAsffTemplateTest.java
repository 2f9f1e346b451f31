package io.muster.finding;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.api.Json;
import io.muster.testing.Sdk;
import io.muster.testing.TestDatabase;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.BatchImportFindingsResponse;
import software.amazon.awssdk.services.securityhub.model.Resource;
import software.amazon.awssdk.services.securityhub.model.ResourceDetails;
import software.amazon.awssdk.services.securityhub.model.Severity;
import software.amazon.awssdk.services.securityhub.model.SeverityLabel;

/**
 * Trivy's ASFF output ({@code trivy image --format template --template @contrib/asff.tpl}) imported the way
 * its documentation says — {@code aws securityhub batch-import-findings} in batches of 100 — at the size of
 * a real image scan: every finding is accepted, a CVE that Trivy reports in two packages of one image shares
 * one Id (Trivy's template makes the Id {@code <target>/<CVE>}) and is one finding, as in Security Hub, and
 * the next scan updates the findings in place.
 */
@QuarkusTest
class TrivyAsffTemplateTest {

    private static final String[] LABELS = {"LOW", "MEDIUM", "HIGH", "CRITICAL", "UNKNOWN"};

    @TestHTTPResource("/")
    URI endpoint;

    @Inject
    TestDatabase db;

    @Test
    void aRealSizeImageScanIsImportedInBatchesOfAHundredAndTheNextScanUpdatesIt() {
        String account = Long.toString(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
        String image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/payments/api:" + account + " (debian 12.5)";
        List<AwsSecurityFinding> scan = scan(account, image, "2026-11-30T08:00:00.123456789Z");
        Set<String> ids = new HashSet<>();
        scan.forEach(finding -> ids.add(finding.id()));
        assertThat(scan).hasSize(420);
        assertThat(ids).hasSizeLessThan(420); // the same CVE in two packages: one Id

        try (SecurityHubClient client = Sdk.securityHub(endpoint)) {
            assertThat(importInBatchesOfAHundred(client, scan)).isEqualTo(420);
            assertThat(db.count("SELECT COUNT(*) FROM finding WHERE aws_account_id = ?", account)).isEqualTo(ids.size());

            var stored = Json.readStored(db.rows("SELECT document FROM finding WHERE aws_account_id = ? ORDER BY id", account)
                    .get(0).get(0).toString());
            assertThat(stored.path("ProductArn").asText()).isEqualTo("arn:aws:securityhub:eu-west-1::product/aquasecurity/aquasecurity");
            assertThat(stored.path("Types").get(0).asText()).isEqualTo("Software and Configuration Checks/Vulnerabilities/CVE");
            assertThat(stored.path("CompanyName").asText()).isNotBlank();
            assertThat(stored.path("Resources").get(0).path("Details").path("Other").path("PkgName").asText()).startsWith("pkg-");

            List<AwsSecurityFinding> rescan = scan(account, image, "2026-12-01T08:00:00.5Z");
            assertThat(importInBatchesOfAHundred(client, rescan)).isEqualTo(420);
            assertThat(db.count("SELECT COUNT(*) FROM finding WHERE aws_account_id = ?", account)).isEqualTo(ids.size());
            assertThat(db.count("SELECT COUNT(*) FROM finding WHERE aws_account_id = ? AND document LIKE ?", account,
                    "%2026-12-01T08:00:00.5Z%")).isEqualTo(ids.size());
        }
    }

    private static int importInBatchesOfAHundred(SecurityHubClient client, List<AwsSecurityFinding> findings) {
        int accepted = 0;
        for (int from = 0; from < findings.size(); from += 100) {
            List<AwsSecurityFinding> batch = findings.subList(from, Math.min(findings.size(), from + 100));
            BatchImportFindingsResponse response = client.batchImportFindings(b -> b.findings(batch));
            assertThat(response.failedFindings()).as("refused by Muster").isEmpty();
            accepted += response.successCount();
        }
        return accepted;
    }

    /** What Trivy's ASFF template writes for a scan of one image: one finding per vulnerable package and CVE. */
    private static List<AwsSecurityFinding> scan(String account, String image, String time) {
        List<AwsSecurityFinding> findings = new ArrayList<>();
        for (int i = 0; i < 420; i++) {
            // every seventh CVE is found in two packages (libcrypto and libssl, in Trivy's own golden file)
            String cve = "CVE-2025-" + (10_000 + (i % 7 == 6 ? i - 1 : i));
            String label = LABELS[i % LABELS.length];
            String pkg = "pkg-" + (i % 120);
            findings.add(AwsSecurityFinding.builder()
                    .schemaVersion("2018-10-08")
                    .id(image + "/" + cve)
                    .productArn("arn:aws:securityhub:eu-west-1::product/aquasecurity/aquasecurity")
                    .generatorId("Trivy/" + cve)
                    .awsAccountId(account)
                    .types("Software and Configuration Checks/Vulnerabilities/CVE")
                    .createdAt(time)
                    .updatedAt(time)
                    // the template maps Trivy's UNKNOWN to INFORMATIONAL
                    .severity(Severity.builder().label(label.equals("UNKNOWN") ? SeverityLabel.INFORMATIONAL : SeverityLabel.fromValue(label))
                            .build())
                    .title("Trivy found a vulnerability to " + cve + " in container " + image + ", related to " + pkg)
                    .description(("A vulnerability in " + pkg + " allows a remote attacker to read memory. ").repeat(30).substring(0, 1021) + "..")
                    .remediation(r -> r.recommendation(rec -> rec.text("More information on this vulnerability is provided in the hyperlink")
                            .url("https://avd.aquasec.com/nvd/" + cve.toLowerCase())))
                    .productFields(Map.of("Product Name", "Trivy"))
                    .resources(Resource.builder().type("Container").id(image).partition("aws").region("eu-west-1")
                            .details(ResourceDetails.builder()
                                    .container(c -> c.imageName(image))
                                    .other(Map.of("CVE ID", cve, "CVE Title", pkg + ": out-of-bounds read", "PkgName", pkg,
                                            "Installed Package", "1.1." + i, "Patched Package", "1.1." + (i + 1),
                                            "NvdCvssScoreV3", "7.5", "NvdCvssVectorV3", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"))
                                    .build())
                            .build())
                    .recordState("ACTIVE")
                    .build());
        }
        return findings;
    }
}
