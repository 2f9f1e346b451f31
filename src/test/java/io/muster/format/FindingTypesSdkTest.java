package io.muster.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.muster.testing.Asff;
import io.muster.testing.Sdk;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AutomationRulesAction;
import software.amazon.awssdk.services.securityhub.model.AutomationRulesActionType;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFindingIdentifier;
import software.amazon.awssdk.services.securityhub.model.InvalidInputException;
import software.amazon.awssdk.services.securityhub.model.Resource;
import software.amazon.awssdk.services.securityhub.model.Severity;
import software.amazon.awssdk.services.securityhub.model.SeverityLabel;
import software.amazon.awssdk.services.securityhub.model.StringFilter;
import software.amazon.awssdk.services.securityhub.model.StringFilterComparison;

/**
 * Finding types as real producers send them — Prowler's {@code IAM} and {@code ens-op.acc.5.aws.iam.1},
 * GuardDuty's {@code Recon:EC2-PortProbeUnprotectedPort} — go through every operation that takes Types, driven
 * by the AWS SDK for Java v2: BatchImportFindings (top level and FindingProviderFields), BatchUpdateFindings and an
 * automation rule's action. Only AWS's shape rule refuses one, and the refusal names the field.
 */
@QuarkusTest
class FindingTypesSdkTest {

    private static final String BAD_TYPE = "Software and Configuration Checks/Vulnerabilities/CVE/Extra";

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
    void batchImportFindingsTakesAnyNamespaceAndRefusesOnlyAwssShapeRule() {
        String product = Asff.newProductArn();
        var response = client.batchImportFindings(b -> b.findings(
                finding(product, "prowler", List.of("IAM")),
                finding(product, "ens", List.of("ens-op.acc.5.aws.iam.1")),
                finding(product, "guardduty", List.of("TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort")),
                finding(product, "provider", null).toBuilder()
                        .findingProviderFields(f -> f.types("Recon:EC2-PortProbeUnprotectedPort")).build(),
                finding(product, "four-segments", List.of(BAD_TYPE)),
                finding(product, "empty", List.of("IAM", "")),
                finding(product, "provider-bad", null).toBuilder()
                        .findingProviderFields(f -> f.types("TTPs//Discovery")).build()));

        assertThat(response.successCount()).isEqualTo(4);
        assertThat(response.failedFindings()).extracting(f -> f.id()).containsExactly("four-segments", "empty", "provider-bad");
        assertThat(response.failedFindings()).allSatisfy(f -> assertThat(f.errorCode()).isEqualTo("InvalidInput"));
        assertThat(response.failedFindings().get(0).errorMessage()).isEqualTo(
                "Finding does not adhere to Amazon Finding Format. Types[0]: does not match " + FindingTypes.PATTERN);
        assertThat(response.failedFindings().get(1).errorMessage()).contains("Types[1]: does not match " + FindingTypes.PATTERN)
                .doesNotContain("Types[0]");
        assertThat(response.failedFindings().get(2).errorMessage())
                .contains("FindingProviderFields.Types[0]: does not match " + FindingTypes.PATTERN);
        assertThat(stored(product, "prowler").types()).containsExactly("IAM");
        assertThat(stored(product, "ens").findingProviderFields().types()).containsExactly("ens-op.acc.5.aws.iam.1");
        assertThat(stored(product, "provider").types()).containsExactly("Recon:EC2-PortProbeUnprotectedPort");
    }

    @Test
    void batchUpdateFindingsTakesAnyNamespaceAndNamesTheBadEntry() {
        String product = Asff.newProductArn();
        client.batchImportFindings(b -> b.findings(finding(product, "f", List.of("IAM"))));
        AwsSecurityFindingIdentifier id = AwsSecurityFindingIdentifier.builder().productArn(product).id("f").build();

        var updated = client.batchUpdateFindings(b -> b.findingIdentifiers(id).types("Recon:EC2-PortProbeUnprotectedPort", "IAM"));
        assertThat(updated.processedFindings()).hasSize(1);
        assertThat(stored(product, "f").types()).containsExactly("Recon:EC2-PortProbeUnprotectedPort", "IAM");

        assertThatThrownBy(() -> client.batchUpdateFindings(b -> b.findingIdentifiers(id).types("IAM", BAD_TYPE)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Types[1]: does not match " + FindingTypes.PATTERN);
        assertThat(stored(product, "f").types()).containsExactly("Recon:EC2-PortProbeUnprotectedPort", "IAM");
    }

    @Test
    void automationRuleActionsTakeAnyNamespaceAndNameTheBadEntry() {
        String product = Asff.newProductArn();
        String arn = client.createAutomationRule(b -> b.ruleName("classify prowler").description("ENS classification")
                .ruleOrder(7)
                .criteria(c -> c.productArn(StringFilter.builder().value(product).comparison(StringFilterComparison.EQUALS).build()))
                .actions(action("ens-op.acc.5.aws.iam.1"))).ruleArn();
        rules.add(arn);
        client.batchImportFindings(b -> b.findings(finding(product, "f", List.of("IAM"))));
        assertThat(stored(product, "f").types()).containsExactly("ens-op.acc.5.aws.iam.1");

        assertThatThrownBy(() -> client.createAutomationRule(b -> b.ruleName("bad").description("bad type").ruleOrder(8)
                .criteria(c -> c.productArn(StringFilter.builder().value(product).comparison(StringFilterComparison.EQUALS).build()))
                .actions(action("/IAM"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("Actions[0].FindingFieldsUpdate.Types[0]: does not match " + FindingTypes.PATTERN);
        assertThatThrownBy(() -> client.batchUpdateAutomationRules(b -> b.updateAutomationRulesRequestItems(
                i -> i.ruleArn(arn).actions(action(BAD_TYPE)))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("FindingFieldsUpdate.Types[0]: does not match " + FindingTypes.PATTERN);
    }

    private static AutomationRulesAction action(String type) {
        return AutomationRulesAction.builder().type(AutomationRulesActionType.FINDING_FIELDS_UPDATE)
                .findingFieldsUpdate(u -> u.types(type)).build();
    }

    private AwsSecurityFinding stored(String product, String id) {
        return client.getFindings(b -> b.filters(f -> f
                .productArn(StringFilter.builder().value(product).comparison(StringFilterComparison.EQUALS).build())
                .id(StringFilter.builder().value(id).comparison(StringFilterComparison.EQUALS).build()))).findings().get(0);
    }

    private static AwsSecurityFinding finding(String product, String id, List<String> types) {
        return AwsSecurityFinding.builder()
                .schemaVersion("2018-10-08")
                .id(id)
                .productArn(product)
                .generatorId("finding-types-sdk-test")
                .awsAccountId(Asff.ACCOUNT)
                .types(types)
                .createdAt("2026-01-01T00:00:00Z")
                .updatedAt("2026-01-01T00:00:00Z")
                .severity(Severity.builder().label(SeverityLabel.LOW).build())
                .title("Finding " + id)
                .description("Typed as a real producer types it")
                .resources(Resource.builder().type("AwsAccount").id("AWS::::Account:" + Asff.ACCOUNT).build())
                .build();
    }
}
