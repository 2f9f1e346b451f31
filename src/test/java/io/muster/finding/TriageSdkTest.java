package io.muster.finding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.muster.testing.Asff;
import io.muster.testing.Sdk;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AutomationRulesAction;
import software.amazon.awssdk.services.securityhub.model.AutomationRulesActionType;
import software.amazon.awssdk.services.securityhub.model.AutomationRulesConfig;
import software.amazon.awssdk.services.securityhub.model.AutomationRulesFindingFilters;
import software.amazon.awssdk.services.securityhub.model.AutomationRulesMetadata;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFindingFilters;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFindingIdentifier;
import software.amazon.awssdk.services.securityhub.model.BooleanFilter;
import software.amazon.awssdk.services.securityhub.model.DateFilter;
import software.amazon.awssdk.services.securityhub.model.DateRangeUnit;
import software.amazon.awssdk.services.securityhub.model.FindingHistoryRecord;
import software.amazon.awssdk.services.securityhub.model.FindingHistoryUpdateSourceType;
import software.amazon.awssdk.services.securityhub.model.InvalidInputException;
import software.amazon.awssdk.services.securityhub.model.IpFilter;
import software.amazon.awssdk.services.securityhub.model.MapFilter;
import software.amazon.awssdk.services.securityhub.model.MapFilterComparison;
import software.amazon.awssdk.services.securityhub.model.Network;
import software.amazon.awssdk.services.securityhub.model.NumberFilter;
import software.amazon.awssdk.services.securityhub.model.RecordState;
import software.amazon.awssdk.services.securityhub.model.Resource;
import software.amazon.awssdk.services.securityhub.model.RuleStatus;
import software.amazon.awssdk.services.securityhub.model.Severity;
import software.amazon.awssdk.services.securityhub.model.SeverityLabel;
import software.amazon.awssdk.services.securityhub.model.StringFilter;
import software.amazon.awssdk.services.securityhub.model.StringFilterComparison;
import software.amazon.awssdk.services.securityhub.model.Vulnerability;
import software.amazon.awssdk.services.securityhub.model.WorkflowStatus;

/**
 * The triage loop driven end to end by the AWS SDK for Java v2: every filter family, BatchUpdateFindings
 * followed by a re-import, UpdateFindings, GetFindingHistory and the automation rule operations.
 */
@QuarkusTest
class TriageSdkTest {

    private static final Consumer<AwsSecurityFinding.Builder> AS_IS = b -> { };

    @TestHTTPResource("/")
    URI endpoint;

    private SecurityHubClient client;
    private final List<String> rules = new ArrayList<>();

    @BeforeEach
    void connect() {
        client = Sdk.securityHub(endpoint);
    }

    @AfterEach
    void cleanUp() {
        if (!rules.isEmpty()) {
            client.batchDeleteAutomationRules(b -> b.automationRulesArns(rules));
        }
        client.close();
    }

    @Test
    void everyFilterFamilyWorksThroughTheSdk() {
        String product = Asff.newProductArn();
        importFindings(
                finding(product, "web", b -> b
                        .network(Network.builder().sourceIpV4("203.0.113.7").destinationIpV6("2001:db8::10").destinationPort(443).build())
                        .resources(Resource.builder().type("AwsEc2Instance").id("i-web").tags(Map.of("env", "prod")).build())
                        .vulnerabilities(Vulnerability.builder().id("CVE-2026-0001").exploitAvailable("YES").build())
                        .confidence(80)
                        .sample(true)),
                finding(product, "db", b -> b
                        .network(Network.builder().sourceIpV4("10.1.2.3").destinationIpV6("2001:db9::1").destinationPort(5432).build())
                        .resources(Resource.builder().type("AwsRdsDbInstance").id("db-1").tags(Map.of("env", "dev")).build())
                        .confidence(20)));

        assertThat(ids(product, f -> f.networkSourceIpV4(IpFilter.builder().cidr("203.0.113.0/24").build()))).containsExactly("web");
        assertThat(ids(product, f -> f.networkDestinationIpV6(IpFilter.builder().cidr("2001:db9::/32").build()))).containsExactly("db");
        assertThat(ids(product, f -> f.resourceTags(MapFilter.builder().key("env").value("prod")
                .comparison(MapFilterComparison.EQUALS).build()))).containsExactly("web");
        assertThat(ids(product, f -> f.networkDestinationPort(NumberFilter.builder().gte(1000.0).build()))).containsExactly("db");
        assertThat(ids(product, f -> f.confidence(NumberFilter.builder().gte(50.0).build()))).containsExactly("web");
        assertThat(ids(product, f -> f.sample(BooleanFilter.builder().value(true).build()))).containsExactly("web");
        assertThat(ids(product, f -> f.vulnerabilitiesExploitAvailable(string("YES", StringFilterComparison.EQUALS))))
                .containsExactly("web");
        assertThat(ids(product, f -> f.resourceType(string("AwsRds", StringFilterComparison.PREFIX_NOT_EQUALS))))
                .containsExactly("web");
        assertThat(ids(product, f -> f.updatedAt(DateFilter.builder().start("2026-01-01T00:00:00Z").end("2026-01-02T00:00:00Z").build())))
                .containsExactlyInAnyOrder("web", "db");
        assertThat(ids(product, f -> f.updatedAt(DateFilter.builder().dateRange(r -> r.value(1).unit(DateRangeUnit.DAYS)).build())))
                .isEmpty();

        assertThatThrownBy(() -> client.getFindings(b -> b.filters(f -> f
                .networkSourceIpV4(IpFilter.builder().cidr("2001:db8::/32").build()))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("NetworkSourceIpV4");
    }

    @Test
    void anAnalystsDecisionSurvivesAReimportAndHistoryShowsBothSources() {
        String product = Asff.newProductArn();
        importFindings(finding(product, "f", AS_IS));
        AwsSecurityFindingIdentifier identifier = AwsSecurityFindingIdentifier.builder().productArn(product).id("f").build();

        var update = client.batchUpdateFindings(b -> b.findingIdentifiers(identifier)
                .severity(s -> s.label(SeverityLabel.CRITICAL))
                .workflow(w -> w.status(WorkflowStatus.NOTIFIED))
                .note(n -> n.text("paging the owner").updatedBy("alice")));
        assertThat(update.processedFindings()).containsExactly(identifier);

        importFindings(finding(product, "f", b -> b.updatedAt("2026-01-03T00:00:00Z")
                .severity(Severity.builder().label(SeverityLabel.LOW).build())));

        AwsSecurityFinding stored = single(product, "f");
        assertThat(stored.severity().label()).isEqualTo(SeverityLabel.CRITICAL);
        assertThat(stored.workflow().status()).isEqualTo(WorkflowStatus.NOTIFIED);
        assertThat(stored.findingProviderFields().severity().label()).isEqualTo(SeverityLabel.LOW);

        List<FindingHistoryRecord> records = new ArrayList<>();
        client.getFindingHistoryPaginator(b -> b.findingIdentifier(identifier).maxResults(1)).forEach(page -> records.addAll(page.records()));
        assertThat(records).extracting(r -> r.updateSource().type()).containsExactly(
                FindingHistoryUpdateSourceType.BATCH_IMPORT_FINDINGS,
                FindingHistoryUpdateSourceType.BATCH_UPDATE_FINDINGS,
                FindingHistoryUpdateSourceType.BATCH_IMPORT_FINDINGS);
        assertThat(records.get(0).findingCreated()).isTrue();
        assertThat(records.get(1).updates()).extracting(u -> u.updatedField()).contains("Severity.Label", "Workflow.Status", "Note");
        List<String> reimported = records.get(2).updates().stream().map(u -> u.updatedField()).toList();
        assertThat(reimported).anyMatch(field -> field.startsWith("FindingProviderFields.Severity"))
                .noneMatch(field -> field.startsWith("Workflow") || field.startsWith("Severity"));
        assertThat(records.get(2).updateTime()).isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void updateFindingsArchivesAndAnnotatesByFilter() {
        String product = Asff.newProductArn();
        importFindings(finding(product, "a", AS_IS), finding(product, "b", AS_IS),
                finding(product, "c", b -> b.severity(Severity.builder().label(SeverityLabel.LOW).build())));

        client.updateFindings(b -> b.filters(f -> f.productArn(string(product, StringFilterComparison.EQUALS))
                        .severityLabel(string("HIGH", StringFilterComparison.EQUALS)))
                .recordState(RecordState.ARCHIVED)
                .note(n -> n.text("accepted risk").updatedBy("bob")));

        assertThat(ids(product, f -> f.recordState(string("ARCHIVED", StringFilterComparison.EQUALS)))).containsExactlyInAnyOrder("a", "b");
        assertThat(single(product, "a").note().text()).isEqualTo("accepted risk");
        assertThat(single(product, "c").recordState()).isEqualTo(RecordState.ACTIVE);
    }

    @Test
    void automationRulesAreManagedAndAppliedThroughTheSdk() {
        String product = Asff.newProductArn();
        var created = client.createAutomationRule(b -> b.ruleName("suppress dev").description("Dev accounts are noise")
                .ruleOrder(3).isTerminal(false).ruleStatus(RuleStatus.ENABLED)
                .criteria(AutomationRulesFindingFilters.builder()
                        .productArn(string(product, StringFilterComparison.EQUALS))
                        .resourceTags(MapFilter.builder().key("env").value("dev").comparison(MapFilterComparison.EQUALS).build())
                        .build())
                .actions(AutomationRulesAction.builder().type(AutomationRulesActionType.FINDING_FIELDS_UPDATE)
                        .findingFieldsUpdate(u -> u.workflow(w -> w.status(WorkflowStatus.SUPPRESSED))
                                .userDefinedFields(Map.of("suppressedBy", "rule")))
                        .build()));
        String arn = created.ruleArn();
        rules.add(arn);
        assertThat(arn).matches("arn:aws:securityhub:[a-z0-9-]+:\\d{12}:automation-rule/[0-9a-f-]{36}");

        List<AutomationRulesMetadata> listed = new ArrayList<>();
        String next = null;
        do {
            String token = next;
            var page = client.listAutomationRules(b -> b.maxResults(1).nextToken(token));
            listed.addAll(page.automationRulesMetadata());
            next = page.nextToken();
        } while (next != null);
        assertThat(listed).extracting(AutomationRulesMetadata::ruleArn).contains(arn);

        importFindings(
                finding(product, "dev", b -> b.resources(Resource.builder().type("AwsEc2Instance").id("i-dev").tags(Map.of("env", "dev")).build())),
                finding(product, "prod", b -> b.resources(Resource.builder().type("AwsEc2Instance").id("i-prod").tags(Map.of("env", "prod")).build())));
        assertThat(single(product, "dev").workflow().status()).isEqualTo(WorkflowStatus.SUPPRESSED);
        assertThat(single(product, "dev").userDefinedFields()).containsEntry("suppressedBy", "rule");
        assertThat(single(product, "prod").workflow().status()).isEqualTo(WorkflowStatus.NEW);

        var updated = client.batchUpdateAutomationRules(b -> b.updateAutomationRulesRequestItems(
                i -> i.ruleArn(arn).ruleStatus(RuleStatus.DISABLED).ruleName("suppress dev (paused)")));
        assertThat(updated.processedAutomationRules()).containsExactly(arn);
        AutomationRulesConfig config = client.batchGetAutomationRules(b -> b.automationRulesArns(arn, arn + "-missing")).rules().get(0);
        assertThat(config.ruleStatus()).isEqualTo(RuleStatus.DISABLED);
        assertThat(config.ruleName()).isEqualTo("suppress dev (paused)");
        assertThat(config.criteria().resourceTags()).hasSize(1);
        assertThat(config.actions().get(0).findingFieldsUpdate().workflow().status()).isEqualTo(WorkflowStatus.SUPPRESSED);
        assertThat(config.updatedAt()).isAfterOrEqualTo(config.createdAt());
        var missing = client.batchGetAutomationRules(b -> b.automationRulesArns(arn + "-missing")).unprocessedAutomationRules();
        assertThat(missing).singleElement().satisfies(u -> assertThat(u.errorCode()).isEqualTo(404));

        var deleted = client.batchDeleteAutomationRules(b -> b.automationRulesArns(arn));
        assertThat(deleted.processedAutomationRules()).containsExactly(arn);
        rules.clear();
    }

    private void importFindings(AwsSecurityFinding... findings) {
        var response = client.batchImportFindings(b -> b.findings(findings));
        assertThat(response.failedFindings()).isEmpty();
    }

    private static AwsSecurityFinding finding(String product, String id, Consumer<AwsSecurityFinding.Builder> customise) {
        AwsSecurityFinding.Builder builder = AwsSecurityFinding.builder()
                .schemaVersion("2018-10-08")
                .id(id)
                .productArn(product)
                .generatorId("triage-sdk-test")
                .awsAccountId(Asff.ACCOUNT)
                .types("Software and Configuration Checks/Vulnerabilities/CVE")
                .createdAt("2026-01-01T00:00:00Z")
                .updatedAt("2026-01-01T00:00:00Z")
                .severity(Severity.builder().label(SeverityLabel.HIGH).build())
                .title("Finding " + id)
                .description("Imported through the AWS SDK")
                .resources(Resource.builder().type("AwsEc2Instance").id("i-" + id).build());
        customise.accept(builder);
        return builder.build();
    }

    private List<String> ids(String product, Consumer<AwsSecurityFindingFilters.Builder> filters) {
        AwsSecurityFindingFilters.Builder builder = AwsSecurityFindingFilters.builder()
                .productArn(string(product, StringFilterComparison.EQUALS));
        filters.accept(builder);
        return client.getFindings(b -> b.filters(builder.build())).findings().stream().map(AwsSecurityFinding::id).toList();
    }

    private AwsSecurityFinding single(String product, String id) {
        return client.getFindings(b -> b.filters(f -> f.productArn(string(product, StringFilterComparison.EQUALS))
                .id(string(id, StringFilterComparison.EQUALS)))).findings().get(0);
    }

    private static StringFilter string(String value, StringFilterComparison comparison) {
        return StringFilter.builder().value(value).comparison(comparison).build();
    }
}
