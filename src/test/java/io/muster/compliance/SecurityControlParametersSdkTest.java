package io.muster.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.muster.testing.Sdk;
import io.muster.testing.TestCallers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.InvalidInputException;
import software.amazon.awssdk.services.securityhub.model.ParameterConfiguration;
import software.amazon.awssdk.services.securityhub.model.ParameterDefinition;
import software.amazon.awssdk.services.securityhub.model.ParameterValue;
import software.amazon.awssdk.services.securityhub.model.ParameterValueType;
import software.amazon.awssdk.services.securityhub.model.RegionAvailabilityStatus;
import software.amazon.awssdk.services.securityhub.model.ResourceNotFoundException;
import software.amazon.awssdk.services.securityhub.model.SecurityControl;
import software.amazon.awssdk.services.securityhub.model.SecurityControlDefinition;
import software.amazon.awssdk.services.securityhub.model.SecurityControlProperty;
import software.amazon.awssdk.services.securityhub.model.UpdateStatus;

/**
 * GetSecurityControlDefinition and UpdateSecurityControl driven by the AWS SDK for Java v2: definitions with the
 * parameters AWS documents, values checked against them, kept per account and shown by BatchGetSecurityControls.
 * Each test updates controls as an administrator scoped to an account of its own, so values never leak between tests.
 */
@QuarkusTest
class SecurityControlParametersSdkTest {

    @TestHTTPResource("/")
    URI endpoint;

    private SecurityHubClient admin;
    private SecurityHubClient account;
    private SecurityHubClient otherAccount;

    @BeforeEach
    void connect() {
        admin = Sdk.securityHub(endpoint);
        account = clientOfNewAccount();
        otherAccount = clientOfNewAccount();
    }

    @AfterEach
    void close() {
        admin.close();
        account.close();
        otherAccount.close();
    }

    @Test
    void aDefinitionDescribesTheControlAndTheParametersItLetsAnAccountCustomize() {
        SecurityControlDefinition acm = admin.getSecurityControlDefinition(b -> b.securityControlId("ACM.1")).securityControlDefinition();
        assertThat(acm.securityControlId()).isEqualTo("ACM.1");
        assertThat(acm.title()).isEqualTo("Imported and ACM-issued certificates should be renewed after a specified time period");
        assertThat(acm.severityRatingAsString()).isEqualTo("MEDIUM");
        assertThat(acm.remediationUrl()).isEqualTo("https://docs.aws.amazon.com/console/securityhub/ACM.1/remediation");
        assertThat(acm.currentRegionAvailability()).isEqualTo(RegionAvailabilityStatus.AVAILABLE);
        assertThat(acm.customizableProperties()).containsExactly(SecurityControlProperty.PARAMETERS);
        ParameterDefinition days = acm.parameterDefinitions().get("daysToExpiration");
        assertThat(days.description()).isEqualTo("Number of days within which the ACM certificate must be renewed");
        assertThat(days.configurationOptions().integer().defaultValue()).isEqualTo(30);
        assertThat(days.configurationOptions().integer().min()).isEqualTo(14);
        assertThat(days.configurationOptions().integer().max()).isEqualTo(365);

        var ports = admin.getSecurityControlDefinition(b -> b.securityControlId("EC2.18")).securityControlDefinition()
                .parameterDefinitions();
        assertThat(ports).containsOnlyKeys("authorizedTcpPorts", "authorizedUdpPorts");
        assertThat(ports.get("authorizedTcpPorts").configurationOptions().integerList().defaultValue()).containsExactly(80, 443);
        assertThat(ports.get("authorizedTcpPorts").configurationOptions().integerList().maxItems()).isEqualTo(32);
        assertThat(admin.getSecurityControlDefinition(b -> b.securityControlId("IAM.7")).securityControlDefinition()
                .parameterDefinitions().get("MinimumPasswordLength").configurationOptions().integer().min()).isEqualTo(8);
        assertThat(admin.getSecurityControlDefinition(b -> b.securityControlId("Lambda.5")).securityControlDefinition()
                .parameterDefinitions().get("availabilityZones").configurationOptions().enumValue().allowedValues())
                .containsExactly("2", "3", "4", "5", "6");

        SecurityControlDefinition fixed = admin.getSecurityControlDefinition(b -> b.securityControlId("ACM.2")).securityControlDefinition();
        assertThat(fixed.customizableProperties()).isEmpty();
        assertThat(fixed.hasParameterDefinitions()).as("excluded for a control without parameters").isFalse();

        List<SecurityControlDefinition> listed = new ArrayList<>();
        admin.listSecurityControlDefinitionsPaginator(b -> b.maxResults(100)).forEach(page -> listed.addAll(page.securityControlDefinitions()));
        assertThat(listed).filteredOn(d -> d.securityControlId().equals("ACM.1")).singleElement()
                .satisfies(d -> assertThat(d.customizableProperties()).containsExactly(SecurityControlProperty.PARAMETERS));
        assertThat(listed).filteredOn(d -> !d.customizableProperties().isEmpty()).hasSizeGreaterThanOrEqualTo(40);
    }

    @Test
    void anUnknownControlIsNotFoundAndAnArnIsNotAnId() {
        assertThatThrownBy(() -> admin.getSecurityControlDefinition(b -> b.securityControlId("Nope.1")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Nope.1");
        assertThatThrownBy(() -> admin.getSecurityControlDefinition(b -> b.securityControlId(
                "arn:aws:securityhub:us-east-1:000000000000:security-control/ACM.1")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not an ARN");
    }

    @Test
    void aCustomValueIsKeptForTheCallersAccountAndShownByBatchGetSecurityControls() {
        ParameterConfiguration initial = parameters(account, "ACM.1").get("daysToExpiration");
        assertThat(initial.valueType()).isEqualTo(ParameterValueType.DEFAULT);
        assertThat(initial.value().integer()).as("Security Hub's default").isEqualTo(30);

        account.updateSecurityControl(b -> b.securityControlId("ACM.1")
                .parameters(Map.of("daysToExpiration", custom(ParameterValue.fromInteger(15))))
                .lastUpdateReason("Internal compliance requirement"));

        SecurityControl updated = securityControl(account, "ACM.1");
        assertThat(updated.parameters().get("daysToExpiration").valueType()).isEqualTo(ParameterValueType.CUSTOM);
        assertThat(updated.parameters().get("daysToExpiration").value().integer()).isEqualTo(15);
        assertThat(updated.lastUpdateReason()).isEqualTo("Internal compliance requirement");
        assertThat(updated.updateStatus()).isEqualTo(UpdateStatus.READY);
        assertThat(securityControl(otherAccount, "ACM.1").parameters().get("daysToExpiration").valueType())
                .as("another account keeps the default").isEqualTo(ParameterValueType.DEFAULT);
        assertThat(securityControl(otherAccount, "ACM.1").lastUpdateReason()).isNull();

        account.updateSecurityControl(b -> b.securityControlId("arn:aws:securityhub:us-east-1:000000000000:security-control/ACM.1")
                .parameters(Map.of("daysToExpiration", ParameterConfiguration.builder().valueType(ParameterValueType.DEFAULT).build())));
        SecurityControl reverted = securityControl(account, "ACM.1");
        assertThat(reverted.parameters().get("daysToExpiration").valueType()).isEqualTo(ParameterValueType.DEFAULT);
        assertThat(reverted.parameters().get("daysToExpiration").value().integer()).isEqualTo(30);
        assertThat(reverted.lastUpdateReason()).as("the latest update gave no reason").isNull();
    }

    @Test
    void anUpdateChangesOnlyTheParametersItNamesWhateverTheirType() {
        account.updateSecurityControl(b -> b.securityControlId("IAM.7").parameters(Map.of(
                "MinimumPasswordLength", custom(ParameterValue.fromInteger(14)),
                "RequireSymbols", custom(ParameterValue.fromBooleanValue(false)))));
        account.updateSecurityControl(b -> b.securityControlId("IAM.7").parameters(Map.of(
                "MaxPasswordAge", custom(ParameterValue.fromInteger(60)))));
        account.updateSecurityControl(b -> b.securityControlId("EC2.18").parameters(Map.of(
                "authorizedTcpPorts", custom(ParameterValue.fromIntegerList(List.of(443))))));
        account.updateSecurityControl(b -> b.securityControlId("RDS.42").parameters(Map.of(
                "logTypes", custom(ParameterValue.fromEnumList(List.of("audit", "error", "slowquery"))))));
        account.updateSecurityControl(b -> b.securityControlId("RDS.14").parameters(Map.of(
                "BacktrackWindowInHours", custom(ParameterValue.fromDoubleValue(24.5)))));
        account.updateSecurityControl(b -> b.securityControlId("EC2.55").parameters(Map.of(
                "vpcIds", custom(ParameterValue.fromStringList(List.of("vpc-0a1b2c3d", "vpc-4e5f6a7b"))))));

        Map<String, ParameterConfiguration> iam = parameters(account, "IAM.7");
        assertThat(iam.get("MinimumPasswordLength").value().integer()).isEqualTo(14);
        assertThat(iam.get("RequireSymbols").value().booleanValue()).isFalse();
        assertThat(iam.get("MaxPasswordAge").value().integer()).isEqualTo(60);
        assertThat(iam.get("RequireNumbers").valueType()).isEqualTo(ParameterValueType.DEFAULT);
        assertThat(iam.get("RequireNumbers").value().booleanValue()).isTrue();
        assertThat(iam.get("PasswordReusePrevention").valueType()).isEqualTo(ParameterValueType.DEFAULT);
        assertThat(iam.get("PasswordReusePrevention").value()).as("no Security Hub default, so no value").isNull();
        assertThat(parameters(account, "EC2.18").get("authorizedTcpPorts").value().integerList()).containsExactly(443);
        assertThat(parameters(account, "RDS.42").get("logTypes").value().enumList()).containsExactly("audit", "error", "slowquery");
        assertThat(parameters(account, "RDS.14").get("BacktrackWindowInHours").value().doubleValue()).isEqualTo(24.5);
        assertThat(parameters(account, "EC2.55").get("vpcIds").value().stringList()).containsExactly("vpc-0a1b2c3d", "vpc-4e5f6a7b");
        assertThat(admin.batchGetSecurityControls(b -> b.securityControlIds("ACM.2")).securityControls().get(0).hasParameters())
                .as("a control without parameters has none").isFalse();
    }

    @Test
    void aValueThatBreaksTheDefinitionIsRefusedNamingTheParameterAndNothingChanges() {
        account.updateSecurityControl(b -> b.securityControlId("ACM.1")
                .parameters(Map.of("daysToExpiration", custom(ParameterValue.fromInteger(20)))).lastUpdateReason("Baseline"));

        assertRefused("ACM.1", Map.of("daysToExpiration", custom(ParameterValue.fromInteger(400))),
                "Parameters.daysToExpiration.Value.Integer must be from 14 to 365, not 400");
        assertRefused("ACM.1", Map.of("daysToExpiration", custom(ParameterValue.fromBooleanValue(true))),
                "daysToExpiration is of type Integer, so its value goes in Value.Integer");
        assertRefused("ACM.1", Map.of("daysToExpiry", custom(ParameterValue.fromInteger(20))), "ACM.1 has no parameter 'daysToExpiry'");
        assertRefused("ACM.1", Map.of("daysToExpiration", ParameterConfiguration.builder().valueType(ParameterValueType.CUSTOM).build()),
                "Parameters.daysToExpiration.Value is required when ValueType is CUSTOM");
        assertRefused("EC2.18", Map.of("authorizedTcpPorts", custom(ParameterValue.fromIntegerList(List.of(443, 0)))),
                "Parameters.authorizedTcpPorts.Value.IntegerList item 1 must be from 1 to 65535, not 0");
        assertRefused("Lambda.5", Map.of("availabilityZones", custom(ParameterValue.fromEnumValue("1"))),
                "must be one of 2, 3, 4, 5, 6");
        assertRefused("ACM.2", Map.of("anything", custom(ParameterValue.fromInteger(1))), "ACM.2 has no customizable parameters");
        assertThatThrownBy(() -> account.updateSecurityControl(b -> b.securityControlId("ACM.1")
                .parameters(Map.of("daysToExpiration", custom(ParameterValue.fromInteger(25)))).lastUpdateReason("Because; why not?")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("LastUpdateReason may hold only letters");
        assertThatThrownBy(() -> account.updateSecurityControl(b -> b.securityControlId("Nope.9")
                .parameters(Map.of("daysToExpiration", custom(ParameterValue.fromInteger(20))))))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Nope.9");
        assertThatThrownBy(() -> account.updateSecurityControl(b -> b.securityControlId("IAM.7").parameters(Map.of(
                "MinimumPasswordLength", custom(ParameterValue.fromInteger(16)),
                "MaxPasswordAge", custom(ParameterValue.fromInteger(365))))))
                .as("one bad value refuses the whole update").isInstanceOf(InvalidInputException.class).hasMessageContaining("MaxPasswordAge");

        SecurityControl unchanged = securityControl(account, "ACM.1");
        assertThat(unchanged.parameters().get("daysToExpiration").value().integer()).isEqualTo(20);
        assertThat(unchanged.lastUpdateReason()).isEqualTo("Baseline");
        assertThat(parameters(account, "IAM.7").get("MinimumPasswordLength").valueType()).isEqualTo(ParameterValueType.DEFAULT);
    }

    private void assertRefused(String controlId, Map<String, ParameterConfiguration> parameters, String message) {
        assertThatThrownBy(() -> account.updateSecurityControl(b -> b.securityControlId(controlId).parameters(parameters)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(message);
    }

    private static ParameterConfiguration custom(ParameterValue value) {
        return ParameterConfiguration.builder().valueType(ParameterValueType.CUSTOM).value(value).build();
    }

    private static SecurityControl securityControl(SecurityHubClient client, String id) {
        var answer = client.batchGetSecurityControls(b -> b.securityControlIds(id));
        assertThat(answer.unprocessedIds()).isEmpty();
        return answer.securityControls().get(0);
    }

    private static Map<String, ParameterConfiguration> parameters(SecurityHubClient client, String id) {
        return securityControl(client, id).parameters();
    }

    /** An administrator whose credential is scoped to one new account, so that it acts as that account. */
    private SecurityHubClient clientOfNewAccount() {
        String id = String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
        TestCallers.TestCaller caller = TestCallers.accessKey("ADMIN", List.of(id), List.of());
        return Sdk.securityHub(endpoint, caller.accessKeyId(), caller.secretAccessKey());
    }
}
