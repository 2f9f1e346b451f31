package io.muster.insight;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.auth.AccessScope;
import io.muster.testing.Api;
import io.muster.testing.Asff;
import io.muster.testing.TestCallers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each of the 32 managed insights over one prepared data set, in an account of its own: the insight's
 * top group and its count, and that archived, suppressed and (for the last-week insight) old findings
 * are left out. The data set: every finding below is ACTIVE and NEW unless said otherwise.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagedInsightsTest {

    private static final String BEST_PRACTICES = "Software and Configuration Checks/Industry and Regulatory Standards/AWS Security Best Practices";
    private static final String CIS_RULE = "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/1.1";

    @Inject
    ManagedInsights managed;

    @Inject
    InsightResults insightResults;

    @Inject
    ManagedInsightCounts counts;

    private final String account = String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
    private final String product = Asff.newProductArn();
    private final String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    private final List<ObjectNode> findings = new ArrayList<>();
    private int next;

    private boolean prepared;

    /** Once for the class (instances live per class), after Quarkus has started. */
    @BeforeEach
    void prepare() {
        if (prepared) {
            return;
        }
        prepared = true;
        for (int i = 0; i < 3; i++) {
            ec2("i-recon", "TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort", "ami-recon").put("Id", "recon-" + i);
        }
        for (int i = 0; i < 3; i++) {
            ((ObjectNode) findings.get(i).get("Severity")).put("Label", "CRITICAL");
            findings.get(i).putArray("ThreatIntelIndicators").addObject().put("Type", "IPV4_ADDRESS").put("Value", "198.51.100.7");
        }
        ec2("i-cve", "Software and Configuration Checks/Vulnerabilities/CVE", "ami-cve");
        ec2("i-cve", "Software and Configuration Checks/Vulnerabilities/CVE", "ami-cve");
        ec2("i-odd", "Unusual Behaviors/VM/Backdoor:EC2-XORDDOS", null);
        ec2("i-open", "Software and Configuration Checks/AWS Security Best Practices/Network Reachability - Recognized port reachable from the Internet", null);
        ec2("i-open", "Software and Configuration Checks/AWS Security Best Practices/Network Reachability - Unrecognized port reachable from the Internet", null);
        ec2("i-std", "Software and Configuration Checks/Industry and Regulatory Standards/CIS Host Hardening Benchmarks", null);
        resource("AwsS3Bucket", "arn:aws:s3:::open-bucket", "Effects/Data Exposure/Policy:S3-BucketAnonymousAccessGranted");
        resource("AwsS3Bucket", "arn:aws:s3:::open-bucket", "Effects/Data Exposure/Policy:S3-BucketPublicAccessGranted");
        resource("AwsS3Bucket", "arn:aws:s3:::bp-bucket", BEST_PRACTICES);
        resource("AwsS3Bucket", "arn:aws:s3:::pii-bucket", "Sensitive Data Identifications/PII/SSN");
        ObjectNode key = resource("AwsIamAccessKey", "AKIALEAKED", "Sensitive Data Identifications/Passwords/AWSCredentials");
        ((ObjectNode) key.get("Resources").get(0)).putObject("Details").putObject("AwsIamAccessKey").put("PrincipalName", "leaky")
                .put("UserName", "leaky-user");
        resource("AwsIamRole", "role-exfil", "Effects/Data Exfiltration/Trojan:EC2-DNSDataExfiltration");
        ec2("i-miner", "TTPs/Command and Control/CryptoCurrency:EC2-BitcoinTool.B", null);
        resource("AwsLambdaFunction", "fn-consume", "Effects/Resource Consumption/UnauthorizedAccess:Lambda-Anomalous");
        for (int i = 0; i < 2; i++) {
            ObjectNode user = resource("AwsIamUser", "user-unauth", "Unusual Behaviors/User/UnauthorizedAccess:IAMUser-ConsoleLogin");
            ((ObjectNode) user.get("Resources").get(0)).putObject("Details").putObject("AwsIamUser").put("UserName", "mallory");
        }
        for (int i = 0; i < 2; i++) {
            ObjectNode cis = resource("AwsAccount", "AWS::::Account:" + account, "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark");
            cis.put("GeneratorId", CIS_RULE).put("UpdatedAt", now).putObject("Compliance").put("Status", "FAILED");
        }
        ObjectNode control = resource("AwsEc2SecurityGroup", "sg-open", "Software and Configuration Checks/Industry and Regulatory Standards");
        control.put("GeneratorId", "security-control/EC2.19").put("UpdatedAt", now).putObject("Compliance").put("Status", "FAILED");
        // 22 findings so far, all counted by the insights that keep to active findings

        // left out everywhere: archived ones (created ten days ago, so the last-week insight leaves them out too) …
        for (int i = 0; i < 4; i++) {
            ObjectNode archived = ec2("i-recon", "TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort", "ami-recon");
            archived.put("RecordState", "ARCHIVED").put("CreatedAt", Instant.now().minus(10, ChronoUnit.DAYS).toString());
            archived.putArray("ThreatIntelIndicators").addObject().put("Type", "IPV4_ADDRESS").put("Value", "203.0.113.9");
        }
        // … and suppressed ones, which only the last-week insight (no workflow filter) counts
        List<ObjectNode> suppressed = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ObjectNode one = ec2("i-recon", "TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort", "ami-recon");
            one.putArray("ThreatIntelIndicators").addObject().put("Type", "IPV4_ADDRESS").put("Value", "198.51.100.7");
            suppressed.add(one);
        }
        Api.post("/findings/import", Asff.importBody(findings.toArray(ObjectNode[]::new))).statusCode(200);
        workflow(suppressed, "SUPPRESSED");
        workflow(List.of(findings.get(0)), "NOTIFIED");
    }

    @ParameterizedTest(name = "insight {0} groups by {1}: top {2} × {3}")
    @CsvSource(delimiter = '|', textBlock = """
            1  | ResourceId                           | i-recon                 | 3
            3  | ResourceAwsEc2InstanceImageId        | ami-recon               | 3
            6  | ResourceId                           | arn:aws:s3:::bp-bucket  | 1
            7  | ResourceId                           | role-exfil              | 1
            8  | ResourceId                           | fn-consume              | 1
            9  | ResourceAwsIamAccessKeyPrincipalName | leaky                   | 1
            10 | ResourceId                           | arn:aws:s3:::open-bucket | 2
            11 | ResourceId                           | arn:aws:s3:::bp-bucket  | 1
            12 | ResourceId                           | arn:aws:s3:::pii-bucket | 1
            13 | ResourceId                           | AKIALEAKED              | 1
            14 | ResourceId                           | i-recon                 | 3
            16 | ResourceId                           | i-cve                   | 2
            17 | ResourceId                           | i-odd                   | 1
            18 | ResourceId                           | i-open                  | 2
            19 | ResourceId                           | i-open                  | 2
            21 | ResourceId                           | i-open                  | 2
            22 | ResourceId                           | i-recon                 | 3
            23 | ResourceId                           | i-odd                   | 1
            24 | ResourceId                           | i-miner                 | 1
            25 | ResourceId                           | user-unauth             | 2
            26 | ThreatIntelIndicatorValue            | 198.51.100.7            | 5
            27 | AwsAccountId                         | {account}               | 22
            28 | ProductName                          | {productName}           | 22
            29 | SeverityLabel                        | HIGH                    | 19
            30 | ResourceId                           | arn:aws:s3:::open-bucket | 2
            31 | ResourceId                           | i-recon                 | 3
            32 | ResourceAwsEc2InstanceImageId        | ami-recon               | 3
            33 | ResourceAwsIamAccessKeyUserName      | leaky-user              | 1
            34 | ResourceId                           | AWS::::Account:{account} | 2
            35 | ProductArn                           | {product}               | 22
            36 | ResourceId                           | AWS::::Account:{account} | 2
            37 | ResourceAwsIamUserUserName           | mallory                 | 2
            """)
    void managedInsightAnswersItsTopGroup(int number, String groupBy, String top, long count) {
        JsonPath results = answer(ManagedInsights.ARN_PREFIX + number);
        assertThat(results.getString("InsightResults.GroupByAttribute")).isEqualTo(groupBy);
        List<Map<String, Object>> values = results.getList("InsightResults.ResultValues");
        assertThat(values).isNotEmpty();
        String expected = top.replace("{account}", account).replace("{product}", product)
                .replace("{productName}", product.substring(product.lastIndexOf('/') + 1));
        assertThat(values.get(0)).containsEntry("GroupByAttributeValue", expected)
                .containsEntry("Count", (int) count);
    }

    @ParameterizedTest(name = "insight {0} also has {1} × {2}")
    @CsvSource(delimiter = '|', textBlock = """
            19 | i-std                  | 1
            23 | role-exfil             | 1
            25 | fn-consume             | 1
            29 | CRITICAL               | 3
            30 | arn:aws:s3:::pii-bucket | 1
            36 | sg-open                | 1
            14 | i-miner                | 1
            """)
    void managedInsightCountsTheOtherGroupsToo(int number, String value, long count) {
        List<Map<String, Object>> values = answer(ManagedInsights.ARN_PREFIX + number).getList("InsightResults.ResultValues");
        assertThat(values).contains(Map.of("GroupByAttributeValue", value, "Count", (int) count));
    }

    @ParameterizedTest(name = "insight {0} leaves out {1}")
    @CsvSource(delimiter = '|', textBlock = """
            26 | 203.0.113.9
            22 | i-odd
            """)
    void managedInsightsLeaveOutWhatTheirFiltersExclude(int number, String value) {
        List<String> values = answer(ManagedInsights.ARN_PREFIX + number).getList("InsightResults.ResultValues.GroupByAttributeValue");
        assertThat(values).doesNotContain(value);
    }

    @Test
    void countsKeptByEveryWriteEqualGroupingTheFindingsNow() {
        Instant now = Instant.now();
        for (Insight insight : managed.all()) {
            for (AccessScope scope : List.of(AccessScope.UNRESTRICTED, new AccessScope(Set.of(account), Set.of()))) {
                List<InsightResults.Group> computed = insightResults.computed(insight, scope, now);
                assertThat(counts.results(insight, scope).orElse(computed)).as(insight.arn() + " for " + scope).isEqualTo(computed);
            }
        }
        assertThat(counts.results(managed.byArn(ManagedInsights.ARN_PREFIX + "1").orElseThrow(), AccessScope.UNRESTRICTED))
                .as("insight 1 is counted").isPresent();
        assertThat(counts.results(managed.byArn(ManagedInsights.ARN_PREFIX + "26").orElseThrow(), AccessScope.UNRESTRICTED))
                .as("insight 26 (the last week) is computed when asked").isEmpty();
    }

    private JsonPath answer(String arn) {
        return TestCallers.viewer(account).request().get("/insights/results/" + arn).then().statusCode(200).extract().jsonPath();
    }

    private ObjectNode ec2(String id, String type, String imageId) {
        ObjectNode finding = resource("AwsEc2Instance", id, type);
        if (imageId != null) {
            ((ObjectNode) finding.get("Resources").get(0)).putObject("Details").putObject("AwsEc2Instance").put("ImageId", imageId);
        }
        return finding;
    }

    private ObjectNode resource(String type, String id, String findingType) {
        ObjectNode finding = Asff.finding(product, "f-" + next++);
        finding.put("AwsAccountId", account).put("CreatedAt", now).put("UpdatedAt", now);
        ((ArrayNode) finding.get("Types")).removeAll().add(findingType);
        ((ArrayNode) finding.get("Resources")).removeAll().addObject().put("Type", type).put("Id", id);
        findings.add(finding);
        return finding;
    }

    private void workflow(List<ObjectNode> targets, String status) {
        ObjectNode body = io.muster.api.Json.object();
        ArrayNode identifiers = body.putArray("FindingIdentifiers");
        targets.forEach(f -> identifiers.addObject().put("Id", f.get("Id").asText()).put("ProductArn", product));
        body.putObject("Workflow").put("Status", status);
        Api.request().body(io.muster.api.Json.write(body)).patch("/findings/batchupdate").then().statusCode(200);
    }
}
