package io.muster.ingest.convert;

import static io.muster.ingest.convert.ConverterFixtures.context;
import static io.muster.ingest.convert.ConverterFixtures.ids;
import static io.muster.ingest.convert.ConverterFixtures.load;
import static io.muster.ingest.convert.ConverterFixtures.validFindings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ApiException;
import io.muster.api.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrivyConverterTest {

    private static final String IMAGE = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/payments/api:1.4.2";
    private static final String OS_TARGET = IMAGE + " (debian 12.5)";
    private final TrivyConverter converter = new TrivyConverter();
    private final ConversionContext context = context("210987654321", "eu-central-1");

    @Test
    void formatIsTrivy() {
        assertThat(converter.format()).isEqualTo("trivy");
    }

    @Test
    void imageReportGivesOneValidFindingPerVulnerabilityAndSecret() {
        List<ObjectNode> findings = validFindings(converter.convert(load("trivy/image-ecr.json"), context));

        assertThat(findings).hasSize(5);
        ObjectNode finding = findings.get(0);
        assertThat(finding.path("Id").asText()).isEqualTo(IMAGE + "/" + OS_TARGET + "/libssl3@3.0.11-1~deb12u2/CVE-2024-2511");
        assertThat(finding.path("ProductArn").asText()).isEqualTo("arn:aws:securityhub:eu-central-1::product/aquasecurity/aquasecurity");
        assertThat(finding.path("GeneratorId").asText()).isEqualTo("Trivy/CVE-2024-2511");
        assertThat(finding.path("AwsAccountId").asText()).isEqualTo("210987654321");
        assertThat(finding.path("Region").asText()).isEqualTo("eu-central-1");
        assertThat(finding.path("Types").get(0).asText()).isEqualTo("Software and Configuration Checks/Vulnerabilities/CVE");
        assertThat(finding.path("Severity").path("Label").asText()).isEqualTo("MEDIUM");
        assertThat(finding.path("CreatedAt").asText()).isEqualTo("2024-06-11T07:27:03.512Z");
        assertThat(finding.path("UpdatedAt").asText()).isEqualTo("2024-06-11T07:27:03.512Z");

        JsonNode resource = finding.path("Resources").get(0);
        assertThat(resource.path("Type").asText()).isEqualTo("AwsEcrContainerImage");
        assertThat(resource.path("Id").asText()).isEqualTo("arn:aws:ecr:eu-west-1:123456789012:repository/payments/api/"
                + "sha256:0f3e6c8a1b2d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7");
        assertThat(resource.path("Details").path("AwsEcrContainerImage").path("RepositoryName").asText()).isEqualTo("payments/api");
        assertThat(resource.path("Details").path("AwsEcrContainerImage").path("ImageTags").get(0).asText()).isEqualTo("1.4.2");

        JsonNode vulnerability = finding.path("Vulnerabilities").get(0);
        assertThat(vulnerability.path("Id").asText()).isEqualTo("CVE-2024-2511");
        assertThat(vulnerability.path("VulnerablePackages").get(0).path("Name").asText()).isEqualTo("libssl3");
        assertThat(vulnerability.path("VulnerablePackages").get(0).path("FixedInVersion").asText()).isEqualTo("3.0.13-1~deb12u1");
        assertThat(vulnerability.path("Cvss").get(0).path("BaseScore").decimalValue()).isEqualByComparingTo("3.7");
        assertThat(vulnerability.path("Cvss").get(0).path("Source").asText()).isEqualTo("redhat");
        assertThat(vulnerability.path("FixAvailable").asText()).isEqualTo("YES");
    }

    @Test
    void theSameCveInTwoPackagesGivesTwoDistinctIds() {
        List<ObjectNode> findings = validFindings(converter.convert(load("trivy/image-ecr.json"), context));

        assertThat(findings.get(0).path("Vulnerabilities").get(0).path("Id").asText()).isEqualTo("CVE-2024-2511");
        assertThat(findings.get(1).path("Vulnerabilities").get(0).path("Id").asText()).isEqualTo("CVE-2024-2511");
        assertThat(findings.get(1).path("Id").asText()).isEqualTo(IMAGE + "/" + OS_TARGET + "/openssl@3.0.11-1~deb12u2/CVE-2024-2511");
        assertThat(findings.stream().map(f -> f.path("Id").asText()).distinct()).hasSize(findings.size());
    }

    @Test
    void vulnerabilityWithoutFixIsFixAvailableNoAndUsesNvdScore() {
        ObjectNode zlib = validFindings(converter.convert(load("trivy/image-ecr.json"), context)).get(2);

        assertThat(zlib.path("Severity").path("Label").asText()).isEqualTo("CRITICAL");
        JsonNode vulnerability = zlib.path("Vulnerabilities").get(0);
        assertThat(vulnerability.path("FixAvailable").asText()).isEqualTo("NO");
        assertThat(vulnerability.path("Cvss").get(0).path("Source").asText()).isEqualTo("nvd");
        assertThat(vulnerability.path("Cvss").get(0).path("BaseVector").asText())
                .isEqualTo("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
    }

    @Test
    void languagePackageIdIncludesItsPathInTheImage() {
        ObjectNode jackson = validFindings(converter.convert(load("trivy/image-ecr.json"), context)).get(3);

        assertThat(jackson.path("Id").asText()).isEqualTo(IMAGE + "/Java/app/api.jar/BOOT-INF/lib/jackson-databind-2.13.2.jar/"
                + "com.fasterxml.jackson.core:jackson-databind:2.13.2/CVE-2022-42003");
        assertThat(jackson.path("Vulnerabilities").get(0).path("VulnerablePackages").get(0).path("FilePath").asText())
                .isEqualTo("app/api.jar/BOOT-INF/lib/jackson-databind-2.13.2.jar");
    }

    @Test
    void secretIsASensitiveDataFindingIdentifiedByRuleAndLine() {
        ObjectNode secret = validFindings(converter.convert(load("trivy/image-ecr.json"), context)).get(4);

        assertThat(secret.path("Id").asText()).isEqualTo(IMAGE + "//app/config/.env/aws-access-key-id/4");
        assertThat(secret.path("GeneratorId").asText()).isEqualTo("Trivy/secret/aws-access-key-id");
        assertThat(secret.path("Types").get(0).asText()).isEqualTo("Sensitive Data Identifications");
        assertThat(secret.path("Severity").path("Label").asText()).isEqualTo("CRITICAL");
        assertThat(Json.write(secret)).doesNotContain("AWS_ACCESS_KEY_ID=");
    }

    @Test
    void filesystemMisconfigurationsKeepPassAndFailAsComplianceStatus() {
        List<ObjectNode> findings = validFindings(converter.convert(load("trivy/fs-misconfig.json"), context));

        assertThat(findings).hasSize(5);
        ObjectNode root = findings.get(0);
        assertThat(root.path("Id").asText()).isEqualTo("./Dockerfile/DS002");
        assertThat(root.path("GeneratorId").asText()).isEqualTo("Trivy/DS002");
        assertThat(root.path("Types").get(0).asText()).isEqualTo("Software and Configuration Checks");
        assertThat(root.path("Severity").path("Label").asText()).isEqualTo("HIGH");
        assertThat(root.path("Compliance").path("Status").asText()).isEqualTo("FAILED");
        assertThat(root.path("Remediation").path("Recommendation").path("Url").asText()).isEqualTo("https://avd.aquasec.com/misconfig/ds002");
        assertThat(root.path("Resources").get(0).path("Type").asText()).isEqualTo("Other");
        assertThat(root.path("Resources").get(0).path("Id").asText()).isEqualTo(".");
        assertThat(root.path("CreatedAt").asText()).isEqualTo("2024-06-12T14:03:55.081Z");

        ObjectNode passed = findings.get(2);
        assertThat(passed.path("Compliance").path("Status").asText()).isEqualTo("PASSED");
        assertThat(passed.path("Severity").path("Label").asText()).isEqualTo("INFORMATIONAL");
        assertThat(passed.path("Severity").path("Original").asText()).isEqualTo("MEDIUM");

        assertThat(findings.get(3).path("Id").asText()).isEqualTo("./infra/storage.tf/AVD-AWS-0086/aws_s3_bucket_public_access_block.artifacts/14");
        assertThat(findings.get(4).path("Id").asText()).isEqualTo("./infra/storage.tf/AVD-AWS-0086/aws_s3_bucket_public_access_block.logs/31");
    }

    @Test
    void reportWithoutCreatedAtUsesTheTimeItArrived() {
        ObjectNode report = (ObjectNode) load("trivy/fs-misconfig.json");
        report.remove("CreatedAt");

        ObjectNode finding = validFindings(converter.convert(report, context)).get(0);

        assertThat(finding.path("CreatedAt").asText()).isEqualTo("2025-01-15T12:00:00.000Z");
        assertThat(finding.path("UpdatedAt").asText()).isEqualTo("2025-01-15T12:00:00.000Z");
    }

    @Test
    void imageOutsideEcrIsAContainerResource() {
        ObjectNode report = (ObjectNode) load("trivy/image-ecr.json");
        report.put("ArtifactName", "ghcr.io/acme/payments-api:1.4.2");

        ObjectNode finding = validFindings(converter.convert(report, context)).get(0);

        JsonNode resource = finding.path("Resources").get(0);
        assertThat(resource.path("Type").asText()).isEqualTo("Container");
        assertThat(resource.path("Id").asText()).isEqualTo("ghcr.io/acme/payments-api:1.4.2");
        assertThat(resource.path("Details").path("Container").path("ImageId").asText())
                .isEqualTo("sha256:5b4fd1c2f0de7a27a3e6a94d1b0d7a4cf3b0d2e85c1a39ec5d3fa4c1b7e8d9f0");
    }

    @Test
    void unknownSeverityBecomesInformational() {
        ObjectNode report = (ObjectNode) load("trivy/image-ecr.json");
        ((ObjectNode) report.path("Results").get(0).path("Vulnerabilities").get(0)).put("Severity", "UNKNOWN");

        ObjectNode finding = validFindings(converter.convert(report, context)).get(0);

        assertThat(finding.path("Severity").path("Label").asText()).isEqualTo("INFORMATIONAL");
        assertThat(finding.path("Severity").path("Original").asText()).isEqualTo("UNKNOWN");
    }

    @Test
    void convertingTwiceGivesTheSameIds() {
        JsonNode report = load("trivy/image-ecr.json");

        assertThat(ids(converter.convert(report, context))).isEqualTo(ids(converter.convert(report, context)));
    }

    @Test
    void withoutAnAccountEveryRecordIsRefusedAskingForAwsAccountId() {
        List<Converted> converted = converter.convert(load("trivy/image-ecr.json"), context(null, "eu-central-1"));

        assertThat(converted).hasSize(5).allSatisfy(c -> {
            assertThat(c.isRefused()).isTrue();
            assertThat(c.problem()).startsWith("AwsAccountId:").contains("?AwsAccountId=");
        });
        assertThat(converted.get(0).sourceId()).endsWith("/libssl3@3.0.11-1~deb12u2/CVE-2024-2511");
    }

    @Test
    void vulnerabilityWithoutIdIsRefusedNamingTheField() {
        ObjectNode report = (ObjectNode) load("trivy/image-ecr.json");
        ((ObjectNode) report.path("Results").get(1).path("Vulnerabilities").get(0)).remove("VulnerabilityID");

        List<Converted> converted = converter.convert(report, context);

        assertThat(converted.get(3).isRefused()).isTrue();
        assertThat(converted.get(3).problem()).startsWith("Results[1].Vulnerabilities[0].VulnerabilityID:");
        assertThat(converted.stream().filter(Converted::isRefused)).hasSize(1);
    }

    @Test
    void documentsThatAreNotTrivyReportsAreRejected() {
        assertThatThrownBy(() -> converter.convert(Json.MAPPER.createArrayNode(), context))
                .isInstanceOf(ApiException.class).hasMessageStartingWith("trivy:");
        assertThatThrownBy(() -> converter.convert(Json.object().put("version", "2.1.0"), context))
                .isInstanceOf(ApiException.class).hasMessageContaining("not a Trivy JSON report");
        assertThatThrownBy(() -> converter.convert(Json.object().put("SchemaVersion", 1).put("ArtifactName", "x"), context))
                .isInstanceOf(ApiException.class).hasMessageContaining("SchemaVersion 1");
    }
}
