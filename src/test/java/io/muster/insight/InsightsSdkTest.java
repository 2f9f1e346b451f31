package io.muster.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.muster.testing.Sdk;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFindingFilters;
import software.amazon.awssdk.services.securityhub.model.Insight;
import software.amazon.awssdk.services.securityhub.model.InsightResultValue;
import software.amazon.awssdk.services.securityhub.model.InvalidInputException;
import software.amazon.awssdk.services.securityhub.model.ResourceNotFoundException;
import software.amazon.awssdk.services.securityhub.model.Severity;
import software.amazon.awssdk.services.securityhub.model.StringFilter;
import software.amazon.awssdk.services.securityhub.model.StringFilterComparison;

/** The insight operations through the AWS SDK for Java v2: if it parses them, so do the CLI and other tools. */
@QuarkusTest
class InsightsSdkTest {

    @TestHTTPResource("/")
    URI endpoint;

    private SecurityHubClient client;

    @BeforeEach
    void connect() {
        client = Sdk.securityHub(endpoint);
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void customInsightsWorkThroughTheSdkWithSlashesInTheirArns() {
        String account = String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
        String product = "arn:aws:securityhub:us-east-1:" + account + ":product/" + account + "/default";
        client.batchImportFindings(b -> b.findings(finding(product, account, "f1", "CRITICAL"), finding(product, account, "f2", "CRITICAL"),
                finding(product, account, "f3", "LOW")));
        AwsSecurityFindingFilters filters = AwsSecurityFindingFilters.builder()
                .awsAccountId(StringFilter.builder().comparison(StringFilterComparison.EQUALS).value(account).build()).build();

        String arn = client.createInsight(b -> b.name("By severity").filters(filters).groupByAttribute("SeverityLabel")).insightArn();
        assertThat(arn).contains(":insight/").contains("/custom/");
        Insight insight = client.getInsights(b -> b.insightArns(arn)).insights().get(0);
        assertThat(insight.name()).isEqualTo("By severity");
        assertThat(insight.filters().awsAccountId().get(0).value()).isEqualTo(account);

        var results = client.getInsightResults(b -> b.insightArn(arn)).insightResults();
        assertThat(results.groupByAttribute()).isEqualTo("SeverityLabel");
        assertThat(results.resultValues()).extracting(InsightResultValue::groupByAttributeValue, InsightResultValue::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CRITICAL", 2), org.assertj.core.groups.Tuple.tuple("LOW", 1));

        client.updateInsight(b -> b.insightArn(arn).name("Renamed"));
        assertThat(client.getInsights(b -> b.insightArns(arn)).insights().get(0).name()).isEqualTo("Renamed");
        assertThat(client.deleteInsight(b -> b.insightArn(arn)).insightArn()).isEqualTo(arn);
        assertThatThrownBy(() -> client.getInsightResults(b -> b.insightArn(arn))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void managedInsightsAreReadOnlyAndAnswerThroughTheSdk() {
        String managed = ManagedInsights.ARN_PREFIX + "27";
        var results = client.getInsightResults(b -> b.insightArn(managed)).insightResults();
        assertThat(results.insightArn()).isEqualTo(managed);
        assertThat(results.groupByAttribute()).isEqualTo("AwsAccountId");
        assertThat(results.resultValues()).hasSizeLessThanOrEqualTo(100);
        assertThatThrownBy(() -> client.deleteInsight(b -> b.insightArn(managed))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("managed insight");
        assertThat(client.getInsights(b -> b.insightArns(managed)).insights()).extracting(Insight::name)
                .containsExactly("Top accounts by counts of findings");
    }

    private static AwsSecurityFinding finding(String product, String account, String id, String severity) {
        return AwsSecurityFinding.builder().schemaVersion("2018-10-08").id(id).productArn(product).generatorId("sdk-test")
                .awsAccountId(account).types("Software and Configuration Checks/Vulnerabilities/CVE")
                .createdAt("2026-11-01T00:00:00Z").updatedAt("2026-11-01T00:00:00Z").severity(Severity.builder().label(severity).build())
                .title("Finding " + id).description("A finding from the SDK test")
                .resources(r -> r.type("AwsEc2Instance").id("i-" + id)).build();
    }
}
