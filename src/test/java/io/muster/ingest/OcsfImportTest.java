package io.muster.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.testing.Api;
import io.muster.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * OCSF findings through /findings/import/ocsf: Prowler's published OCSF files (src/test/resources/samples)
 * land with the key fields mapped, their deliberate imperfections get a precise per-finding refusal or the
 * documented leniency, and hand-written events cover the other classes and the edge cases.
 */
@QuarkusTest
class OcsfImportTest {

    private static final String PROWLER = "arn:aws:securityhub:us-east-1::product/prowler/prowler";

    @Inject
    TestDatabase db;

    @Test
    void prowlerOcsfFindingsLandWithTheirKeyFieldsMapped() {
        JsonPath response = FormatImport.post("ocsf", FormatImport.resource("/samples/defectdojo/aws_prowler_v3plus/many_vuln.ocsf.json"));
        assertThat(response.getInt("SuccessCount")).isEqualTo(3);
        assertThat(response.getList("FailedFindings")).isEmpty();

        JsonNode stored = db.document(PROWLER, "prowler-aws-iam_role_administratoraccess_policy_permissive_trust_relationship-123456789012-us-east-1-myAdministratorExecutionRole");
        assertThat(stored.path("AwsAccountId").asText()).isEqualTo("123456789012");
        assertThat(stored.path("Region").asText()).isEqualTo("us-east-1");
        assertThat(stored.path("GeneratorId").asText()).isEqualTo("prowler-iam_role_administratoraccess_policy_permissive_trust_relationship");
        assertThat(stored.path("ProductName").asText()).isEqualTo("Prowler");
        assertThat(stored.path("Severity").path("Label").asText()).isEqualTo("HIGH");
        assertThat(stored.path("Severity").path("Original").asText()).isEqualTo("High");
        assertThat(stored.path("CreatedAt").asText()).isEqualTo("2024-06-03T14:15:19.382Z");
        assertThat(stored.path("Resources").path(0).path("Type").asText()).isEqualTo("AwsIamRole");
        assertThat(stored.path("Resources").path(0).path("Id").asText()).isEqualTo("arn:aws:iam::123456789012:role/myAdministratorExecutionRole");
        assertThat(stored.path("Compliance").path("Status").asText()).isEqualTo("FAILED");
        assertThat(stored.path("Remediation").path("Recommendation").path("Url").asText())
                .isEqualTo("https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege");
        assertThat(stored.path("ProductFields").path("ocsf/unmapped.notes").asText()).isEqualTo("CAF Security Epic: IAM");
        // status "New" with status_id 3: status_id wins (documented)
        assertThat(stored.path("Workflow").path("Status").asText()).isEqualTo("SUPPRESSED");

        JsonNode withFrameworks = db.document(PROWLER, "prowler-aws-iam_role_cross_account_readonlyaccess_policy-123456789012-us-east-1-AuditRole");
        assertThat(withFrameworks.path("Compliance").path("RelatedRequirements").toString())
                .contains("MITRE-ATTACK T1078").contains("AWS-Foundational-Technical-Review IAM-0012");
    }

    @Test
    void theSameProwlerRecordsInTheLaterLayoutUpdateTheSameFindings() {
        FormatImport.post("ocsf", FormatImport.resource("/samples/defectdojo/aws_prowler_v3plus/many_vuln.ocsf.json"));
        long before = db.findings(PROWLER);
        JsonPath response = FormatImport.post("ocsf", FormatImport.resource("/samples/defectdojo/aws_prowler_v3plus/many_vuln_after_4_5_0.ocsf.json"));
        assertThat(response.getInt("SuccessCount")).isEqualTo(3);
        assertThat(db.findings(PROWLER)).isEqualTo(before);
    }

    @Test
    void placeholderAccountsAreRefusedOneByOneNamingTheField() {
        JsonPath response = FormatImport.post("ocsf", FormatImport.resource("/samples/defectdojo/prowler/example_output_aws.ocsf.json"));
        assertThat(response.getInt("SuccessCount")).isZero();
        List<Map<String, String>> failed = response.getList("FailedFindings");
        assertThat(failed).hasSize(3).allSatisfy(failure -> {
            assertThat(failure.get("Id")).isEqualTo("<finding_uid>");
            assertThat(failure.get("ErrorCode")).isEqualTo("InvalidInput");
            assertThat(failure.get("ErrorMessage")).contains("cloud.account.uid: '<account_uid>' is not an AWS account id");
        });
    }

    @Test
    void otherCloudsNeedAnAccountToBeFiledUnderAndKeepTheirOwn() {
        byte[] azure = FormatImport.resource("/samples/defectdojo/prowler/example_output_azure.ocsf.json");
        List<Map<String, String>> failed = FormatImport.post("ocsf", azure).getList("FailedFindings");
        assertThat(failed).hasSize(3).allSatisfy(failure -> assertThat(failure.get("ErrorMessage"))
                .contains("cloud.account.uid").contains("azure account, not an AWS account").contains("AwsAccountId=<12 digits>"));

        JsonPath filed = FormatImport.post("ocsf", "AwsAccountId=210987654321&Region=eu-west-1", azure);
        assertThat(filed.getInt("SuccessCount")).isEqualTo(3);
        // the three anonymised records share one finding_info.uid: one finding, the first kept (equal UpdatedAt)
        String productArn = "arn:aws:securityhub:eu-west-1::product/prowler/prowler";
        assertThat(db.findings(productArn)).isEqualTo(1);
        JsonNode stored = db.document(productArn, "<finding_uid>");
        assertThat(stored.path("AwsAccountId").asText()).isEqualTo("210987654321");
        assertThat(stored.path("Region").asText()).isEqualTo("eu-west-1");
        assertThat(stored.path("ProductFields").path("ocsf/cloud.account.uid").asText()).isEqualTo("<subscription_uid>");
        assertThat(stored.path("ProductFields").path("ocsf/cloud.provider").asText()).isEqualTo("azure");
    }

    @Test
    void kubernetesFindingsWithoutACloudObjectAndEpochSecondsLand() {
        JsonPath response = FormatImport.post("ocsf", "AwsAccountId=210987654322",
                FormatImport.resource("/samples/defectdojo/prowler/example_output_kubernetes.ocsf.json"));
        assertThat(response.getInt("SuccessCount")).isEqualTo(4);
        JsonNode stored = db.document("arn:aws:securityhub:us-east-1::product/prowler/prowler", "<finding_uid>");
        assertThat(stored.path("AwsAccountId").asText()).isEqualTo("210987654322");
        // finding_info.created_time is epoch seconds (1739539623 …), read as seconds rather than January 1970
        assertThat(stored.path("CreatedAt").asText()).startsWith("2025-02-1");
    }

    @Test
    void anEmptyReportStoresNothingAndRefusesNothing() {
        JsonPath response = FormatImport.post("ocsf", FormatImport.resource("/samples/defectdojo/prowler/prowler_zero_vul.json"));
        assertThat(response.getInt("SuccessCount")).isZero();
        assertThat(response.getList("FailedFindings")).isEmpty();
    }

    @Test
    void complianceVulnerabilityAndLegacyClassesAreMappedFromNdjson() {
        String ndjson = String.join("\n",
                """
                {"class_uid":2003,"activity_id":1,"severity_id":4,"time":1764300000000,"status_id":1,"metadata":{"version":"1.1.0","product":{"name":"Config Checker","vendor_name":"Acme"}},"finding_info":{"uid":"cc-1","title":"S3 bucket is public"},"cloud":{"provider":"AWS","region":"eu-central-1","account":{"uid":"111122223333"}},"compliance":{"control":"S3.8","status_id":3,"requirements":["NIST.800-53.r5 AC-3"],"standards":["standards/aws-foundational-security-best-practices/v/1.0.0"],"status_code":"BUCKET_PUBLIC","status_detail":"Block public access is off"},"resources":[{"uid":"arn:aws:s3:::public-bucket","type":"AwsS3Bucket","labels":["env:prod"]}]}""".strip(),
                """
                {"class_uid":2002,"activity_id":1,"severity_id":5,"time":1764300000000,"status_id":2,"metadata":{"version":"1.3.0","product":{"name":"Scanner","vendor_name":"Acme"}},"finding_info":{"uid":"vuln-1","title":"CVE-2024-3094 in xz"},"cloud":{"provider":"AWS","account":{"uid":"111122223333"}},"vulnerabilities":[{"cve":{"uid":"CVE-2024-3094","cvss":[{"version":"3.1","base_score":10.0,"vector_string":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"}],"epss":{"score":"0.86"}},"affected_packages":[{"name":"xz","version":"5.6.0","fixed_in_version":"5.6.2","package_manager":"OS"}],"is_fix_available":true,"vendor_name":"NVD","references":["https://nvd.nist.gov/vuln/detail/CVE-2024-3094"]}]}""".strip(),
                """
                {"class_uid":2001,"activity_id":3,"severity_id":2,"time":1764300000000,"state_id":4,"metadata":{"version":"1.0.0","product":{"name":"Legacy","vendor_name":"Acme"}},"finding":{"uid":"legacy-1","title":"Old style finding","types":["Policy"]},"cloud":{"provider":"AWS","account":{"uid":"111122223333"}}}""".strip());
        JsonPath response = FormatImport.post("ocsf", "Region=us-west-2", ndjson.getBytes(StandardCharsets.UTF_8));
        assertThat(response.getList("FailedFindings")).isEmpty();
        assertThat(response.getInt("SuccessCount")).isEqualTo(3);

        JsonNode control = db.document("arn:aws:securityhub:eu-central-1::product/acme/config-checker", "cc-1");
        assertThat(control.path("Compliance").path("Status").asText()).isEqualTo("FAILED");
        assertThat(control.path("Compliance").path("SecurityControlId").asText()).isEqualTo("S3.8");
        assertThat(control.path("Compliance").path("StatusReasons").path(0).path("ReasonCode").asText()).isEqualTo("BUCKET_PUBLIC");
        assertThat(control.path("Types").path(0).asText()).isEqualTo("Software and Configuration Checks/Industry and Regulatory Standards");
        assertThat(control.path("Resources").path(0).path("Tags").path("env").asText()).isEqualTo("prod");
        assertThat(control.path("CreatedAt").asText()).isEqualTo("2025-11-28T03:20:00.000Z");

        JsonNode vulnerability = db.document("arn:aws:securityhub:us-west-2::product/acme/scanner", "vuln-1");
        assertThat(vulnerability.path("Severity").path("Label").asText()).isEqualTo("CRITICAL");
        assertThat(vulnerability.path("Workflow").path("Status").asText()).isEqualTo("NOTIFIED");
        JsonNode cve = vulnerability.path("Vulnerabilities").path(0);
        assertThat(cve.path("Id").asText()).isEqualTo("CVE-2024-3094");
        assertThat(cve.path("Cvss").path(0).path("BaseScore").asDouble()).isEqualTo(10.0);
        assertThat(cve.path("VulnerablePackages").path(0).path("FixedInVersion").asText()).isEqualTo("5.6.2");
        assertThat(cve.path("FixAvailable").asText()).isEqualTo("YES");
        assertThat(cve.path("EpssScore").asDouble()).isEqualTo(0.86);
        // every resource-less finding is filed against its account
        assertThat(vulnerability.path("Resources").path(0).path("Id").asText()).isEqualTo("AWS::::Account:111122223333");

        JsonNode legacy = db.document("arn:aws:securityhub:us-west-2::product/acme/legacy", "legacy-1");
        assertThat(legacy.path("RecordState").asText()).isEqualTo("ARCHIVED");
        assertThat(legacy.path("Types").path(0).asText()).isEqualTo("Software and Configuration Checks/Policy");
    }

    @Test
    void recordsThatAreNotFindingsAreRefusedAndTheRestStored() {
        String body = """
                [{"class_uid":3002,"finding_info":{"uid":"auth-1"}},
                 {"class_uid":2004,"severity_id":3,"cloud":{"provider":"AWS","account":{"uid":"111122223333"}},"finding_info":{"title":"no uid"}},
                 {"class_uid":2004,"severity_id":3,"cloud":{"provider":"AWS","account":{"uid":"111122223333"}},"finding_info":{"uid":"ok-1","title":"Fine"},"metadata":{"product":{"name":"Edge","vendor_name":"Acme"}}},
                 "not an object"]""";
        JsonPath response = FormatImport.post("ocsf", body.getBytes(StandardCharsets.UTF_8));
        assertThat(response.getInt("SuccessCount")).isEqualTo(1);
        List<String> messages = response.getList("FailedFindings.ErrorMessage");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0)).contains("class_uid: '3002'");
        assertThat(messages.get(1)).contains("finding_info.uid: required");
        assertThat(messages.get(2)).contains("must be a JSON object");
    }

    @Test
    void aBodyThatIsNotJsonOrNamesAnUnknownFormatIsRefusedWhole() {
        Api.request().body("{\"class_uid\": 2004,").post("/findings/import/ocsf").then().statusCode(400)
                .header("x-amzn-ErrorType", "InvalidInputException");
        Api.request().body("[]").post("/findings/import/nessus").then().statusCode(400)
                .body("Message", org.hamcrest.Matchers.containsString("Unknown format 'nessus'; Muster reads asff, eventbridge"));
        Api.request().body("[]").post("/findings/import/ocsf?AwsAccountId=123").then().statusCode(400)
                .body("Message", org.hamcrest.Matchers.containsString("AwsAccountId '123' must be 12 characters"));
    }
}
