package io.muster.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import java.util.UUID;

/** Valid ASFF findings for tests, each test under its own product so that tests never see each other's data. */
public final class Asff {

    public static final String ACCOUNT = "123456789012";
    public static final String CREATED = "2026-01-01T00:00:00Z";

    private Asff() {
    }

    /** A product ARN no other test uses. */
    public static String newProductArn() {
        return "arn:aws:securityhub:eu-west-1:" + ACCOUNT + ":product/" + ACCOUNT + "/test-" + UUID.randomUUID();
    }

    /** A minimal valid finding: the required members, a severity and a type. */
    public static ObjectNode finding(String productArn, String id) {
        ObjectNode finding = Json.object();
        finding.put("SchemaVersion", "2018-10-08");
        finding.put("Id", id);
        finding.put("ProductArn", productArn);
        finding.put("GeneratorId", "muster-test-generator");
        finding.put("AwsAccountId", ACCOUNT);
        finding.putArray("Types").add("Software and Configuration Checks/Vulnerabilities/CVE");
        finding.put("CreatedAt", CREATED);
        finding.put("UpdatedAt", CREATED);
        finding.putObject("Severity").put("Label", "HIGH");
        finding.put("Title", "Finding " + id);
        finding.put("Description", "A finding made by a test");
        finding.putArray("Resources").addObject().put("Type", "AwsEc2Instance").put("Id", "i-" + id);
        return finding;
    }

    /** {"Findings": [ … ]}. */
    public static String importBody(ObjectNode... findings) {
        ObjectNode body = Json.object();
        var list = body.putArray("Findings");
        for (ObjectNode finding : findings) {
            list.add(finding);
        }
        return Json.write(body);
    }
}
