package io.muster.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.muster.testing.Api;
import io.muster.testing.Asff;
import io.muster.testing.TestCallers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AutoEnableStandards;
import software.amazon.awssdk.services.securityhub.model.BatchImportFindingsResponse;
import software.amazon.awssdk.services.securityhub.model.ControlFindingGenerator;
import software.amazon.awssdk.services.securityhub.model.DescribeHubResponse;
import software.amazon.awssdk.services.securityhub.model.DescribeOrganizationConfigurationResponse;
import software.amazon.awssdk.services.securityhub.model.InvalidAccessException;
import software.amazon.awssdk.services.securityhub.model.InvalidInputException;
import software.amazon.awssdk.services.securityhub.model.OrganizationConfigurationConfigurationType;
import software.amazon.awssdk.services.securityhub.model.ResourceConflictException;
import software.amazon.awssdk.services.securityhub.model.ResourceNotFoundException;

/**
 * The hub operations (EnableSecurityHub, DescribeHub, UpdateSecurityHubConfiguration, DisableSecurityHub) and the
 * organization configuration, driven by the AWS SDK for Java v2, with the default settings: every account is
 * subscribed from the first time it is seen.
 */
@QuarkusTest
class HubSdkTest {

    @TestHTTPResource("/")
    URI endpoint;

    @Test
    void anAccountIsSubscribedFromTheFirstTimeItIsSeenWithSecurityHubsDefaults() {
        String account = RegionalClients.newAccount();
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (SecurityHubClient hub = RegionalClients.client(endpoint, TestCallers.producer(java.util.List.of(account), java.util.List.of()),
                "eu-central-1")) {
            DescribeHubResponse described = hub.describeHub(b -> { });
            assertThat(described.hubArn()).isEqualTo("arn:aws:securityhub:eu-central-1:" + account + ":hub/default");
            assertThat(Instant.parse(described.subscribedAt())).isBetween(before, Instant.now());
            assertThat(described.autoEnableControls()).isTrue();
            assertThat(described.controlFindingGenerator()).isEqualTo(ControlFindingGenerator.SECURITY_CONTROL);
            assertThat(hub.describeHub(b -> b.hubArn(described.hubArn())).subscribedAt()).as("recorded once").isEqualTo(described.subscribedAt());
        }
    }

    @Test
    void describeHubRefusesAnotherHubsArnAndAMalformedOne() {
        String account = RegionalClients.newAccount();
        try (SecurityHubClient hub = RegionalClients.client(endpoint, RegionalClients.adminOf(account), "eu-west-1")) {
            assertThatThrownBy(() -> hub.describeHub(b -> b.hubArn("arn:aws:securityhub:eu-west-1:111111111111:hub/default")))
                    .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("arn:aws:securityhub:eu-west-1:" + account + ":hub/default");
            assertThatThrownBy(() -> hub.describeHub(b -> b.hubArn("arn:aws:securityhub:us-west-2:" + account + ":hub/default")))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> hub.describeHub(b -> b.hubArn("hub/default"))).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("HubArn");
        }
    }

    @Test
    void enableSecurityHubTagsTheHubOnceAndThenConflicts() {
        String account = RegionalClients.newAccount();
        try (SecurityHubClient hub = RegionalClients.client(endpoint, RegionalClients.adminOf(account), "ap-southeast-2")) {
            hub.enableSecurityHub(b -> b.tags(Map.of("team", "platform", "cost-center", "42")).enableDefaultStandards(false)
                    .controlFindingGenerator(ControlFindingGenerator.STANDARD_CONTROL));
            DescribeHubResponse described = hub.describeHub(b -> { });
            assertThat(described.controlFindingGenerator()).isEqualTo(ControlFindingGenerator.STANDARD_CONTROL);
            assertThat(hub.listTagsForResource(b -> b.resourceArn(described.hubArn())).tags())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("team", "platform", "cost-center", "42"));

            assertThatThrownBy(() -> hub.enableSecurityHub(b -> { })).isInstanceOf(ResourceConflictException.class)
                    .hasMessageContaining("Account " + account + " is already subscribed to AWS Security Hub in ap-southeast-2");
        }
    }

    @Test
    void anAccountOnlySeenSoFarMayCallEnableSecurityHubOnce() {
        String account = RegionalClients.newAccount();
        try (SecurityHubClient hub = RegionalClients.client(endpoint, RegionalClients.adminOf(account), "eu-north-1")) {
            String seenAt = hub.describeHub(b -> { }).subscribedAt();
            hub.enableSecurityHub(b -> { });
            assertThat(hub.describeHub(b -> { }).subscribedAt()).as("subscribed since it was first seen").isEqualTo(seenAt);
            assertThatThrownBy(() -> hub.enableSecurityHub(b -> { })).isInstanceOf(ResourceConflictException.class);
        }
    }

    @Test
    void badValuesAreRefusedNamingTheMember() {
        String account = RegionalClients.newAccount();
        try (SecurityHubClient hub = RegionalClients.client(endpoint, RegionalClients.adminOf(account), "eu-west-3")) {
            assertThatThrownBy(() -> hub.enableSecurityHub(b -> b.controlFindingGenerator("PER_STANDARD")))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("ControlFindingGenerator")
                    .hasMessageContaining("STANDARD_CONTROL, SECURITY_CONTROL");
            assertThatThrownBy(() -> hub.enableSecurityHub(b -> b.tags(Map.of("aws:reserved", "x"))))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("aws:");
            assertThatThrownBy(() -> hub.updateSecurityHubConfiguration(b -> b.controlFindingGenerator("ALL")))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("ControlFindingGenerator");
        }
        TestCallers.TestCaller admin = RegionalClients.adminOf(account);
        admin.request().body("{\"AutoEnableControls\":\"yes\"}").patch("/accounts").then().statusCode(400)
                .header("x-amzn-ErrorType", "InvalidInputException");
        admin.request().body("{\"EnableDefaultStandard\":true}").post("/accounts").then().statusCode(400)
                .body("Message", org.hamcrest.Matchers.containsString("EnableDefaultStandard"));
        admin.request().body("{\"Tags\":{\"team\":7}}").post("/accounts").then().statusCode(400)
                .body("Message", org.hamcrest.Matchers.containsString("Tags.team"));
    }

    @Test
    void updateSecurityHubConfigurationChangesOnlyWhatIsGiven() {
        String account = RegionalClients.newAccount();
        try (SecurityHubClient hub = RegionalClients.client(endpoint, RegionalClients.adminOf(account), "ca-central-1")) {
            hub.updateSecurityHubConfiguration(b -> b.autoEnableControls(false));
            DescribeHubResponse described = hub.describeHub(b -> { });
            assertThat(described.autoEnableControls()).isFalse();
            assertThat(described.controlFindingGenerator()).isEqualTo(ControlFindingGenerator.SECURITY_CONTROL);
            hub.updateSecurityHubConfiguration(b -> b.controlFindingGenerator(ControlFindingGenerator.STANDARD_CONTROL));
            described = hub.describeHub(b -> { });
            assertThat(described.autoEnableControls()).isFalse();
            assertThat(described.controlFindingGenerator()).isEqualTo(ControlFindingGenerator.STANDARD_CONTROL);
        }
    }

    @Test
    void aDisabledAccountIsNotSubscribedInThatRegionUntilItEnablesAgain() {
        String account = RegionalClients.newAccount();
        TestCallers.TestCaller admin = RegionalClients.adminOf(account);
        try (SecurityHubClient paris = RegionalClients.client(endpoint, admin, "eu-west-3");
                SecurityHubClient ireland = RegionalClients.client(endpoint, admin, "eu-west-1")) {
            String firstSubscribed = paris.describeHub(b -> { }).subscribedAt();
            paris.disableSecurityHub(b -> { });

            String notSubscribed = "Account " + account + " is not subscribed to AWS Security Hub";
            assertThatThrownBy(() -> paris.describeHub(b -> { })).isInstanceOf(InvalidAccessException.class).hasMessageContaining(notSubscribed);
            assertThatThrownBy(() -> paris.listEnabledProductsForImport(b -> { })).isInstanceOf(InvalidAccessException.class)
                    .hasMessageContaining(notSubscribed);
            assertThatThrownBy(() -> paris.updateSecurityHubConfiguration(b -> b.autoEnableControls(true)))
                    .isInstanceOf(InvalidAccessException.class);
            assertThatThrownBy(() -> paris.disableSecurityHub(b -> { })).isInstanceOf(InvalidAccessException.class);
            assertThatThrownBy(() -> paris.enableImportFindingsForProduct(b -> b.productArn("arn:aws:securityhub:eu-west-3::product/prowler/prowler")))
                    .isInstanceOf(InvalidAccessException.class);
            assertThat(ireland.describeHub(b -> { }).hubArn()).as("other Regions are untouched").contains(":eu-west-1:");

            String product = "arn:aws:securityhub:eu-west-3:" + account + ":product/" + account + "/default";
            BatchImportFindingsResponse refused = paris.batchImportFindings(b -> b.findings(SdkFindings.minimal(product, "f-1", account)));
            assertThat(refused.successCount()).isZero();
            assertThat(refused.failedFindings()).singleElement().satisfies(failed -> {
                assertThat(failed.id()).isEqualTo("f-1");
                assertThat(failed.errorCode()).isEqualTo("InvalidAccess");
                assertThat(failed.errorMessage()).startsWith(notSubscribed);
            });
            assertThat(ireland.batchImportFindings(b -> b.findings(SdkFindings.minimal(product, "f-1", account))).successCount())
                    .as("the same finding sent to a Region where the account is subscribed").isEqualTo(1);

            paris.enableSecurityHub(b -> { });
            assertThat(Instant.parse(paris.describeHub(b -> { }).subscribedAt())).isAfterOrEqualTo(Instant.parse(firstSubscribed));
            assertThat(paris.batchImportFindings(b -> b.findings(SdkFindings.minimal(product, "f-2", account))).successCount()).isEqualTo(1);
        }
    }

    @Test
    void mustersOwnAccountIsTheAdministratorAndCannotDisableTheHub() {
        TestCallers.ADMIN.request().delete("/accounts").then().statusCode(401).header("x-amzn-ErrorType", "InvalidAccessException")
                .body("Message", org.hamcrest.Matchers.containsString("administrator account"));
        TestCallers.ADMIN.request().get("/accounts").then().statusCode(200)
                .body("HubArn", org.hamcrest.Matchers.endsWith(":000000000000:hub/default"));
    }

    @Test
    void aProducerMayDescribeTheHubButNotChangeIt() {
        String account = RegionalClients.newAccount();
        TestCallers.TestCaller producer = TestCallers.producer(java.util.List.of(account), java.util.List.of());
        producer.request().get("/accounts").then().statusCode(200);
        producer.request().body("{}").post("/accounts").then().statusCode(403).header("x-amzn-ErrorType", "AccessDeniedException");
        producer.request().delete("/accounts").then().statusCode(403);
        producer.request().get("/organization/configuration").then().statusCode(200); // it reads, as it reads its findings
        producer.request().body("{\"AutoEnable\":true}").post("/organization/configuration").then().statusCode(403);
    }

    @Test
    void theOrganizationConfigurationHasSecurityHubsDefaultsAndChangesPerRegion() {
        try (SecurityHubClient hub = RegionalClients.client(endpoint, TestCallers.ADMIN, "sa-east-1");
                SecurityHubClient other = RegionalClients.client(endpoint, TestCallers.ADMIN, "af-south-1")) {
            DescribeOrganizationConfigurationResponse defaults = hub.describeOrganizationConfiguration(b -> { });
            assertThat(defaults.autoEnable()).isFalse();
            assertThat(defaults.autoEnableStandards()).isEqualTo(AutoEnableStandards.DEFAULT);
            assertThat(defaults.memberAccountLimitReached()).isFalse();
            assertThat(defaults.organizationConfiguration().configurationType()).isEqualTo(OrganizationConfigurationConfigurationType.LOCAL);
            assertThat(defaults.organizationConfiguration().statusAsString()).isEqualTo("ENABLED");

            hub.updateOrganizationConfiguration(b -> b.autoEnable(true).autoEnableStandards(AutoEnableStandards.NONE)
                    .organizationConfiguration(c -> c.configurationType(OrganizationConfigurationConfigurationType.LOCAL)));
            DescribeOrganizationConfigurationResponse updated = hub.describeOrganizationConfiguration(b -> { });
            assertThat(updated.autoEnable()).isTrue();
            assertThat(updated.autoEnableStandards()).isEqualTo(AutoEnableStandards.NONE);
            assertThat(other.describeOrganizationConfiguration(b -> { }).autoEnable()).as("per Region").isFalse();

            hub.updateOrganizationConfiguration(b -> b.autoEnable(false));
            assertThat(hub.describeOrganizationConfiguration(b -> { }).autoEnableStandards()).as("kept when not given")
                    .isEqualTo(AutoEnableStandards.NONE);
            assertThat(hub.describeOrganizationConfiguration(b -> { }).autoEnable()).isFalse();

            assertThatThrownBy(() -> hub.updateOrganizationConfiguration(b -> b.autoEnable(true)
                    .organizationConfiguration(c -> c.configurationType(OrganizationConfigurationConfigurationType.CENTRAL))))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("CENTRAL");
            assertThatThrownBy(() -> hub.updateOrganizationConfiguration(b -> b.autoEnable(true).autoEnableStandards("ALL")))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("AutoEnableStandards");
        }
        Api.request().body("{\"AutoEnableStandards\":\"NONE\"}").post("/organization/configuration").then().statusCode(400)
                .body("Message", org.hamcrest.Matchers.containsString("AutoEnable is required"));
        Api.request().body("{\"AutoEnable\":false,\"OrganizationConfiguration\":{\"Status\":\"ENABLED\"}}").post("/organization/configuration")
                .then().statusCode(400).body("Message", org.hamcrest.Matchers.containsString("Status"));
    }

    @Test
    void importsUseTheHubOfTheFindingsAccountNotTheCallers() {
        String account = RegionalClients.newAccount();
        try (SecurityHubClient member = RegionalClients.client(endpoint, RegionalClients.adminOf(account), "us-east-2")) {
            member.disableSecurityHub(b -> { });
        }
        try (SecurityHubClient muster = RegionalClients.client(endpoint, TestCallers.ADMIN, "us-east-2")) {
            BatchImportFindingsResponse answer = muster.batchImportFindings(b -> b.findings(
                    SdkFindings.minimal(Asff.newProductArn(), "theirs", account), SdkFindings.minimal(Asff.newProductArn(), "ours", Asff.ACCOUNT)));
            assertThat(answer.successCount()).isEqualTo(1);
            assertThat(answer.failedFindings()).singleElement().satisfies(failed -> {
                assertThat(failed.id()).isEqualTo("theirs");
                assertThat(failed.errorCode()).isEqualTo("InvalidAccess");
            });
        }
    }
}
