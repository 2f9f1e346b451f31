package io.muster.product;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.hub.RegionalClients;
import io.muster.testing.TestCallers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFindingFilters;
import software.amazon.awssdk.services.securityhub.model.BatchImportFindingsResponse;
import software.amazon.awssdk.services.securityhub.model.ComplianceStatus;
import software.amazon.awssdk.services.securityhub.model.RecordState;
import software.amazon.awssdk.services.securityhub.model.StringFilter;
import software.amazon.awssdk.services.securityhub.model.StringFilterComparison;

/**
 * Prowler's own Security Hub integration (prowler/providers/aws/lib/security_hub/security_hub.py), replayed with the
 * AWS SDK against a Prowler-shaped ASFF output built here from Prowler's real check metadata (CheckID, CheckType,
 * Severity, ResourceType of the releases before October 2025, whose CheckType values such as {@code ["IAM"]} are
 * single namespaces): hundreds of findings across 17 Regions.
 *
 * <p>Per Region Prowler calls DescribeHub, looks for its product subscription in ListEnabledProductsForImport and
 * sends its findings in batches of 100; on the next run it sends what it still reports, then pages GetFindings
 * filtered on ProductName "Prowler", RecordState ACTIVE, AwsAccountId and Region, and re-imports every finding it no
 * longer reports with RecordState ARCHIVED.
 *
 * <p>Prowler does all this with one identity — here, as a user would set it up, one PRODUCER key scoped to the
 * account: it may describe the hub, list subscriptions, import and read its findings back.
 */
@QuarkusTest
class ProwlerIntegrationTest {

    static final List<String> REGIONS = List.of("us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "eu-west-1", "eu-west-2",
            "eu-west-3", "eu-central-1", "eu-north-1", "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1",
            "ap-southeast-2", "sa-east-1");
    private static final String INTEGRATION = "prowler/prowler";
    private static final DateTimeFormatter PROWLER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /** A Prowler check: its metadata as Prowler's .metadata.json files had it. */
    record Check(String id, String severity, String resourceType, String title, List<String> checkType) {
    }

    static Check check(String id, String severity, String resourceType, String title, String... checkType) {
        return new Check(id, severity, resourceType, title, List.of(checkType));
    }

    /** Real checks of Prowler's AWS provider (metadata before the CheckType rework of October 2025). */
    static final List<Check> CHECKS = List.of(
            check("autoscaling_group_multiple_az", "medium", "AwsAutoScalingAutoScalingGroup", "EC2 Auto Scaling Group should use multiple Availability Zones"),
            check("awslambda_function_inside_vpc", "low", "AwsLambdaFunction", "Ensure AWS Lambda Functions Are Deployed Inside a VPC"),
            check("apigateway_restapi_public", "medium", "AwsApiGatewayRestApi", "Check if API Gateway endpoint is public or private.", "Infrastructure Security"),
            check("apigateway_restapi_waf_acl_attached", "medium", "AwsApiGatewayRestApi", "Check if API Gateway Stage has a WAF ACL attached.", "Infrastructure Security"),
            check("acm_certificates_transparency_logs_enabled", "medium", "AwsCertificateManagerCertificate",
                    "ACM certificate is imported or has Certificate Transparency logging enabled", "Software and Configuration Checks/AWS Security Best Practices"),
            check("apigateway_restapi_tracing_enabled", "low", "AwsApiGatewayStage", "Check if AWS X-Ray tracing is enabled for API Gateway REST API stages.",
                    "Software and Configuration Checks/AWS Security Best Practices"),
            check("appstream_fleet_session_disconnect_timeout", "medium", "Other", "Ensure session disconnect timeout is set to 5 minutes or less.",
                    "Software and Configuration Checks", "Industry and Regulatory Standards", "CIS AWS Foundations Benchmark"),
            check("cloudwatch_log_group_kms_encryption_enabled", "medium", "Other", "Check if CloudWatch log groups are protected by AWS KMS.", "Data Protection"),
            check("dlm_ebs_snapshot_lifecycle_policy_exists", "medium", "Other", "Ensure EBS Snapshot lifecycle policies are defined.", "Data Protection"),
            check("cloudwatch_changes_to_network_acls_alarm_configured", "medium", "AwsCloudWatchAlarm",
                    "Ensure a log metric filter and alarm exist for changes to Network Access Control Lists (NACL).",
                    "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark"),
            check("cloudfront_distributions_s3_origin_non_existent_bucket", "high", "AwsCloudFrontDistribution",
                    "CloudFront distributions should not point to non-existent S3 origins without static website hosting.",
                    "Software and Configuration Checks/Industry and Regulatory Standards/NIST 800-53 Controls"),
            check("cloudtrail_s3_dataevents_read_enabled", "low", "AwsCloudTrailTrail",
                    "Check if S3 buckets have Object-level logging for read events is enabled in CloudTrail.", "Logging and Monitoring"),
            check("accessanalyzer_enabled", "low", "Other", "Check if IAM Access Analyzer is enabled", "IAM"),
            check("accessanalyzer_enabled_without_findings", "low", "Other", "Check if IAM Access Analyzer is enabled without findings", "IAM"),
            check("ec2_ebs_volume_protected_by_backup_plan", "low", "AwsEc2Volume", "Amazon EBS volumes should be protected by a backup plan.",
                    "Software and Configuration Checks, AWS Security Best Practices"),
            check("autoscaling_group_capacity_rebalance_enabled", "medium", "AwsAutoScalingAutoScalingGroup",
                    "Check if Amazon EC2 Auto Scaling groups have capacity rebalance enabled.", "Resilience"),
            check("backup_plans_exist", "low", "AwsBackupBackupPlan", "Ensure that there is at least one AWS Backup plan", "Recover", "Resilience", "Backup"),
            check("codebuild_project_s3_logs_encrypted", "low", "AwsCodeBuildProject", "Ensure S3 Logs for CodeBuild Projects are encrypted at rest.",
                    "Effects/Data Exposure"),
            check("iam_inline_policy_no_full_access_to_kms", "medium", "AwsIamPolicy",
                    "Ensure IAM inline policies that allow full \"kms:*\" privileges are not created", "Software and Configuration Checks"),
            check("appsync_field_level_logging_enabled", "medium", "AwsAppSyncGraphQLApi", "AWS AppSync API has field-level logging set to ALL or ERROR",
                    "Software and Configuration Checks/AWS Security Best Practices",
                    "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices"),
            check("ecr_registry_scan_images_on_push_enabled", "medium", "Other", "Check if ECR Registry has scan on push enabled", "Identify",
                    "Vulnerability, patch, and version management"),
            check("efs_not_publicly_accessible", "medium", "AwsEfsFileSystem", "Check if EFS have policies which allow access to any client within the VPC",
                    "Protect", "Data protection"),
            check("acm_certificates_expiration_check", "high", "AwsCertificateManagerCertificate",
                    "ACM certificate expires in more than the configured threshold of days", "Software and Configuration Checks/AWS Security Best Practices",
                    "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices", "Effects/Denial of Service"),
            check("codebuild_project_no_secrets_in_variables", "critical", "AwsCodeBuildProject",
                    "Ensure CodeBuild projects do not contain secrets on plaintext environment variables", "Security Best Practices"),
            check("efs_encryption_at_rest_enabled", "medium", "AwsEfsFileSystem", "Check if EFS protects sensitive data with encryption at rest", "Protect",
                    "Data protection", "Encryption of data at rest"));

    @TestHTTPResource("/")
    URI endpoint;

    @Test
    void prowlersSecurityHubIntegrationSendsEveryRegionsFindingsAndArchivesExactlyWhatItNoLongerReports() {
        String account = RegionalClients.newAccount();
        TestCallers.TestCaller user = RegionalClients.adminOf(account);
        TestCallers.TestCaller prowler = TestCallers.producer(List.of(account), List.of());
        TestCallers.TestCaller prowlerReader = prowler;
        Instant firstRun = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Instant secondRun = firstRun.plus(1, ChronoUnit.HOURS);

        Map<String, List<AwsSecurityFinding>> output = new LinkedHashMap<>();
        int total = 0;
        for (int r = 0; r < REGIONS.size(); r++) {
            String region = REGIONS.get(r);
            List<AwsSecurityFinding> findings = new ArrayList<>();
            int count = region.equals("us-east-1") ? 160 : 18 + r;
            for (int i = 0; i < count; i++) {
                findings.add(prowlerFinding(CHECKS.get((i + r) % CHECKS.size()), account, region, i, firstRun));
            }
            output.put(region, findings);
            total += count;
        }
        assertThat(total).isGreaterThan(500);
        assertThat(output.values().stream().flatMap(List::stream).filter(f -> f.types().equals(List.of("IAM")))).isNotEmpty();

        // The user enables the integration in each Region, as Prowler's documentation says (aws securityhub
        // enable-import-findings-for-product --region <region> --product-arn arn:aws:securityhub:<region>::product/prowler/prowler).
        for (String region : REGIONS) {
            try (SecurityHubClient console = RegionalClients.client(endpoint, user, region)) {
                console.enableImportFindingsForProduct(b -> b.productArn("arn:aws:securityhub:" + region + "::product/" + INTEGRATION));
            }
        }

        // First run: every finding accepted.
        int sent = 0;
        for (String region : REGIONS) {
            try (SecurityHubClient client = RegionalClients.client(endpoint, prowler, region)) {
                assertThat(integrationEnabled(client, account, region)).as("Prowler's check in %s", region).isTrue();
                sent += sendInBatches(client, output.get(region));
            }
        }
        assertThat(sent).isEqualTo(total);

        // Second run: Prowler no longer reports every seventh finding of each Region.
        Map<String, Set<String>> dropped = new HashMap<>();
        Map<String, Set<String>> kept = new HashMap<>();
        int archived = 0;
        for (String region : REGIONS) {
            List<AwsSecurityFinding> current = new ArrayList<>();
            Set<String> gone = new HashSet<>();
            List<AwsSecurityFinding> previous = output.get(region);
            for (int i = 0; i < previous.size(); i++) {
                if (i % 7 == 3) {
                    gone.add(previous.get(i).id());
                } else {
                    current.add(previous.get(i).toBuilder().updatedAt(PROWLER_TIME.format(secondRun)).build());
                }
            }
            dropped.put(region, gone);
            kept.put(region, ids(current));
            try (SecurityHubClient client = RegionalClients.client(endpoint, prowler, region);
                    SecurityHubClient reader = RegionalClients.client(endpoint, prowlerReader, region)) {
                assertThat(integrationEnabled(client, account, region)).isTrue();
                assertThat(sendInBatches(client, current)).isEqualTo(current.size());
                archived += archivePreviousFindings(client, reader, account, region, ids(current), secondRun);
            }
        }
        assertThat(archived).isEqualTo(dropped.values().stream().mapToInt(Set::size).sum());

        try (SecurityHubClient reader = RegionalClients.client(endpoint, prowlerReader, "us-east-1")) {
            for (String region : REGIONS) {
                assertThat(ids(findings(reader, account, region, RecordState.ARCHIVED))).as("archived in %s", region).isEqualTo(dropped.get(region));
                assertThat(ids(findings(reader, account, region, RecordState.ACTIVE))).as("active in %s", region).isEqualTo(kept.get(region));
            }
        }
    }

    /** DescribeHub, then Prowler's test: its subscription ARN somewhere in the first ListEnabledProductsForImport answer. */
    private static boolean integrationEnabled(SecurityHubClient client, String account, String region) {
        client.describeHub(b -> { });
        String subscription = "arn:aws:securityhub:" + region + ":" + account + ":product-subscription/" + INTEGRATION;
        return client.listEnabledProductsForImport(b -> { }).productSubscriptions().contains(subscription);
    }

    /** Prowler's _send_findings_in_batches: chunks of 100, the success counts summed. */
    private static int sendInBatches(SecurityHubClient client, List<AwsSecurityFinding> findings) {
        int success = 0;
        for (int from = 0; from < findings.size(); from += 100) {
            List<AwsSecurityFinding> batch = findings.subList(from, Math.min(from + 100, findings.size()));
            BatchImportFindingsResponse answer = client.batchImportFindings(b -> b.findings(batch));
            assertThat(answer.failedFindings()).as("refused findings").isEmpty();
            success += answer.successCount();
        }
        return success;
    }

    /** Prowler's archive_previous_findings for one Region. */
    private static int archivePreviousFindings(SecurityHubClient client, SecurityHubClient reader, String account, String region,
            Set<String> currentIds, Instant now) {
        List<AwsSecurityFinding> toArchive = new ArrayList<>();
        reader.getFindingsPaginator(b -> b.filters(prowlerFilter(account, region, RecordState.ACTIVE)).maxResults(100)).forEach(page -> {
            for (AwsSecurityFinding finding : page.findings()) {
                if (!currentIds.contains(finding.id())) {
                    toArchive.add(finding.toBuilder().recordState(RecordState.ARCHIVED).updatedAt(PROWLER_TIME.format(now)).build());
                }
            }
        });
        return sendInBatches(client, toArchive);
    }

    private static List<AwsSecurityFinding> findings(SecurityHubClient reader, String account, String region, RecordState state) {
        List<AwsSecurityFinding> found = new ArrayList<>();
        reader.getFindingsPaginator(b -> b.filters(prowlerFilter(account, region, state)).maxResults(100)).forEach(page -> found.addAll(page.findings()));
        return found;
    }

    private static AwsSecurityFindingFilters prowlerFilter(String account, String region, RecordState state) {
        return AwsSecurityFindingFilters.builder().productName(equalTo("Prowler")).recordState(equalTo(state.toString()))
                .awsAccountId(equalTo(account)).region(equalTo(region)).build();
    }

    private static StringFilter equalTo(String value) {
        return StringFilter.builder().value(value).comparison(StringFilterComparison.EQUALS).build();
    }

    /** One finding as Prowler's ASFF output writes it (prowler/lib/outputs/asff/asff.py). */
    static AwsSecurityFinding prowlerFinding(Check check, String account, String region, int n, Instant at) {
        String resource = check.resourceType().equals("Other") ? "arn:aws:" + check.id().split("_")[0] + ":" + region + ":" + account + ":resource/" + n
                : "arn:aws:" + check.id().split("_")[0] + ":" + region + ":" + account + ":" + check.resourceType().toLowerCase() + "/res-" + n;
        String timestamp = PROWLER_TIME.format(at);
        boolean fail = n % 3 != 0;
        List<String> types = check.checkType().isEmpty() ? List.of("Software and Configuration Checks") : check.checkType();
        return AwsSecurityFinding.builder()
                .schemaVersion("2018-10-08")
                .id("prowler-" + check.id() + "-" + account + "-" + region + "-" + sha512Prefix(resource))
                .productArn("arn:aws:securityhub:" + region + "::product/prowler/prowler")
                .recordState(RecordState.ACTIVE)
                .productFields(Map.of("ProviderName", "Prowler", "ProviderVersion", "5.12.0", "ProwlerResourceName", resource))
                .generatorId("prowler-" + check.id())
                .awsAccountId(account)
                .types(types)
                .firstObservedAt(timestamp).updatedAt(timestamp).createdAt(timestamp)
                .severity(s -> s.label(check.severity().toUpperCase()))
                .title(check.title())
                .description((fail ? "FAIL: " : "PASS: ") + check.title() + " for " + resource + ".")
                .resources(r -> r.id(resource).type(check.resourceType()).partition("aws").region(region))
                .compliance(c -> c.status(fail ? ComplianceStatus.FAILED : ComplianceStatus.PASSED)
                        .associatedStandards(s -> s.standardsId("CIS-1.4"), s -> s.standardsId("AWS-Foundational-Security-Best-Practices"))
                        .relatedRequirements("CIS-1.4 1.20", "AWS-Foundational-Security-Best-Practices " + check.id().split("_")[0]))
                .remediation(m -> m.recommendation(rec -> rec.text("Follow the remediation of " + check.id())
                        .url("https://hub.prowler.com/check/" + check.id())))
                .build();
    }

    /** Prowler's hash_sha512: the first 9 hex digits of the SHA-512 of the resource's UID. */
    static String sha512Prefix(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 9);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> ids(List<AwsSecurityFinding> findings) {
        Set<String> ids = new HashSet<>();
        findings.forEach(finding -> ids.add(finding.id()));
        return ids;
    }
}
