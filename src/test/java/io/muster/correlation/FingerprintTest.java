package io.muster.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import org.junit.jupiter.api.Test;

/** The fingerprint rules, one kind of finding at a time. */
class FingerprintTest {

    private static final String IMAGE = "arn:aws:ecr:eu-central-1:123456789012:repository/repo-os/"
            + "sha256:af965ef68c78374a5f987fce98c0ddfa45801df2395bf012c50b863e65978d74";

    @Test
    void titlesTimestampsIdsAndDetectorsDoNotChangeIt() {
        ObjectNode inspector = vulnerability("arn:aws:inspector2:eu-central-1:123456789012:finding/1", IMAGE, "CVE-2023-2650");
        ObjectNode trivy = vulnerability("repo-os:latest/alpine/libssl3@3.0.8-r0/CVE-2023-2650", IMAGE, "cve-2023-2650");
        trivy.put("ProductArn", "arn:aws:securityhub:eu-central-1::product/aquasecurity/aquasecurity").put("Title", "Trivy found …")
                .put("UpdatedAt", "2026-11-28T00:00:00Z");
        assertThat(Fingerprint.of(trivy)).isEqualTo(Fingerprint.of(inspector)).hasSize(32);
    }

    @Test
    void anotherVulnerabilityResourceOrAccountIsAnotherProblem() {
        String base = Fingerprint.of(vulnerability("a", IMAGE, "CVE-2023-2650"));
        assertThat(Fingerprint.of(vulnerability("a", IMAGE, "CVE-2023-0464"))).isNotEqualTo(base);
        assertThat(Fingerprint.of(vulnerability("a", IMAGE.replace("af965e", "000000"), "CVE-2023-2650"))).isNotEqualTo(base);
        ObjectNode otherAccount = vulnerability("a", IMAGE, "CVE-2023-2650");
        otherAccount.put("AwsAccountId", "210987654321");
        assertThat(Fingerprint.of(otherAccount)).isNotEqualTo(base);
    }

    @Test
    void resourcesAreNormalised() {
        assertThat(Fingerprint.resource(IMAGE)).isEqualTo("ecr:123456789012/repo-os@sha256:af965ef68c78374a5f987fce98c0ddfa45801df2395bf012c50b863e65978d74");
        assertThat(Fingerprint.resource("arn:aws:ec2:us-east-1:123456789012:instance/i-0abc123")).isEqualTo("i-0abc123");
        assertThat(Fingerprint.resource("arn:aws:s3:::My-Bucket")).isEqualTo("arn:aws:s3:::my-bucket");
    }

    @Test
    void controlFindingsAgreeOnTheControlWhereverItIsNamed() {
        ObjectNode securityHub = control("arn:aws:securityhub:eu-west-1:123456789012:subscription/aws-foundational-security-best-practices/v/1.0.0/IAM.5/finding/1");
        securityHub.put("GeneratorId", "aws-foundational-security-best-practices/v/1.0.0/IAM.5");
        ObjectNode consolidated = control("other-id");
        consolidated.put("GeneratorId", "security-control/IAM.5");
        ObjectNode named = control("third-id");
        named.put("GeneratorId", "prowler-iam_user_mfa_enabled_console_access");
        named.putObject("Compliance").put("Status", "FAILED").put("SecurityControlId", "IAM.5");
        assertThat(Fingerprint.control(securityHub)).isEqualTo("IAM.5");
        assertThat(Fingerprint.of(consolidated)).isEqualTo(Fingerprint.of(securityHub)).isEqualTo(Fingerprint.of(named));
        ObjectNode otherRegion = control("fourth-id");
        otherRegion.put("GeneratorId", "security-control/IAM.5").put("Region", "us-east-1");
        assertThat(Fingerprint.of(otherRegion)).isNotEqualTo(Fingerprint.of(securityHub));
    }

    @Test
    void prowlerAndSecurityHubMeetOnTheCisRequirement() {
        ObjectNode securityHub = control("arn:aws:securityhub:eu-west-1:123456789012:subscription/cis-aws-foundations-benchmark/v/1.4.0/1.20/finding/1");
        securityHub.put("GeneratorId", "cis-aws-foundations-benchmark/v/1.4.0/1.20");
        ObjectNode prowler = control("prowler-aws-accessanalyzer_enabled-123456789012-eu-west-1-analyzer");
        prowler.put("GeneratorId", "prowler-accessanalyzer_enabled");
        prowler.putObject("Compliance").put("Status", "FAILED").putArray("RelatedRequirements").add("CIS-1.4 1.20").add("CIS-1.5 1.20");
        assertThat(Fingerprint.control(securityHub)).isEqualTo("CIS-1.4 1.20");
        assertThat(Fingerprint.of(prowler)).isEqualTo(Fingerprint.of(securityHub));
        ObjectNode legacyRule = control("legacy");
        legacyRule.put("GeneratorId", "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/1.1");
        assertThat(Fingerprint.control(legacyRule)).isEqualTo("CIS-1.2 1.1");
    }

    private static ObjectNode vulnerability(String id, String resource, String cve) {
        ObjectNode finding = Json.object().put("Id", id).put("AwsAccountId", "123456789012").put("Region", "eu-central-1")
                .put("ProductArn", "arn:aws:securityhub:eu-central-1::product/aws/inspector").put("Title", "CVE in an image");
        finding.putArray("Resources").addObject().put("Type", "AwsEcrContainerImage").put("Id", resource);
        finding.putArray("Vulnerabilities").addObject().put("Id", cve);
        return finding;
    }

    private static ObjectNode control(String id) {
        ObjectNode finding = Json.object().put("Id", id).put("AwsAccountId", "123456789012").put("Region", "eu-west-1");
        finding.putArray("Resources").addObject().put("Type", "AwsAccount").put("Id", "AWS::::Account:123456789012");
        return finding;
    }
}
