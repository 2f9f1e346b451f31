package io.muster.hub;

import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.SeverityLabel;

/** Minimal valid findings as SDK objects, for the tests that import through the SDK. */
public final class SdkFindings {

    private SdkFindings() {
    }

    public static AwsSecurityFinding minimal(String productArn, String id, String account) {
        return AwsSecurityFinding.builder().schemaVersion("2018-10-08").id(id).productArn(productArn).generatorId("muster-hub-test")
                .awsAccountId(account).types("Software and Configuration Checks/Vulnerabilities/CVE").createdAt("2026-01-01T00:00:00Z")
                .updatedAt("2026-01-01T00:00:00Z").severity(s -> s.label(SeverityLabel.MEDIUM)).title("Finding " + id)
                .description("A finding made by a hub test").resources(r -> r.type("AwsEc2Instance").id("i-" + id)).build();
    }
}
