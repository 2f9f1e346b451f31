package io.muster.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.muster.testing.TestCallers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.BatchImportFindingsResponse;
import software.amazon.awssdk.services.securityhub.model.ImportFindingsError;
import software.amazon.awssdk.services.securityhub.model.InvalidAccessException;

/**
 * With {@code muster.hub.require-enable} and {@code muster.products.require-enabled} on, Muster answers as Security
 * Hub does before anything is enabled: the hub operations with InvalidAccessException, imports with InvalidAccess
 * in FailedFindings, until the account enables the hub and the product.
 */
@QuarkusTest
@TestProfile(RequiredEnablingProfile.class)
class RequiredEnablingTest {

    @TestHTTPResource("/")
    URI endpoint;

    @Test
    void anAccountMustEnableTheHubBeforeItsFindingsAreTaken() {
        String account = RegionalClients.newAccount();
        String custom = "arn:aws:securityhub:eu-west-1:" + account + ":product/" + account + "/default";
        try (SecurityHubClient hub = RegionalClients.client(endpoint, RegionalClients.adminOf(account), "eu-west-1")) {
            assertThatThrownBy(() -> hub.describeHub(b -> { })).isInstanceOf(InvalidAccessException.class)
                    .hasMessageContaining("Account " + account + " is not subscribed to AWS Security Hub");
            assertThatThrownBy(() -> hub.listEnabledProductsForImport(b -> { })).isInstanceOf(InvalidAccessException.class);
            assertThatThrownBy(() -> hub.disableSecurityHub(b -> { })).isInstanceOf(InvalidAccessException.class);
            BatchImportFindingsResponse refused = hub.batchImportFindings(b -> b.findings(SdkFindings.minimal(custom, "early", account)));
            assertThat(refused.failedFindings()).singleElement().extracting(ImportFindingsError::errorCode).isEqualTo("InvalidAccess");

            hub.enableSecurityHub(b -> { });
            assertThat(hub.describeHub(b -> { }).hubArn()).isEqualTo("arn:aws:securityhub:eu-west-1:" + account + ":hub/default");
            assertThat(hub.batchImportFindings(b -> b.findings(SdkFindings.minimal(custom, "later", account))).successCount())
                    .as("an account's own custom integration needs no enabling").isEqualTo(1);
        }
    }

    @Test
    void aPartnerProductMustBeEnabledBeforeItsFindingsAreTakenWhileAwsServicesAreEnabledAlready() {
        String account = RegionalClients.newAccount();
        String region = "us-west-2";
        String prowler = "arn:aws:securityhub:" + region + "::product/prowler/prowler";
        String guardDuty = "arn:aws:securityhub:" + region + "::product/aws/guardduty";
        try (SecurityHubClient hub = RegionalClients.client(endpoint, RegionalClients.adminOf(account), region)) {
            hub.enableSecurityHub(b -> { });
            BatchImportFindingsResponse first = hub.batchImportFindings(b -> b.findings(SdkFindings.minimal(prowler, "p-1", account),
                    SdkFindings.minimal(guardDuty, "g-1-" + account, account),
                    SdkFindings.minimal("arn:aws:securityhub:" + region + ":" + account + ":product/" + account + "/scanner", "u-1", account)));
            assertThat(first.successCount()).as("GuardDuty only").isEqualTo(1);
            assertThat(first.failedFindings()).extracting(ImportFindingsError::id).containsExactlyInAnyOrder("p-1", "u-1");
            ImportFindingsError fromProwler = first.failedFindings().stream().filter(f -> f.id().equals("p-1")).findFirst().orElseThrow();
            assertThat(fromProwler.errorCode()).isEqualTo("InvalidAccess");
            assertThat(fromProwler.errorMessage()).contains("Prowler Prowler").contains("not enabled for account " + account + " in " + region)
                    .contains("enable-import-findings-for-product --region " + region + " --product-arn " + prowler);
            ImportFindingsError unknown = first.failedFindings().stream().filter(f -> f.id().equals("u-1")).findFirst().orElseThrow();
            assertThat(unknown.errorMessage()).contains("not a product integration Muster knows").contains("muster.products.extra-dir");

            hub.enableImportFindingsForProduct(b -> b.productArn(prowler));
            assertThat(hub.batchImportFindings(b -> b.findings(SdkFindings.minimal(prowler, "p-1", account))).successCount()).isEqualTo(1);

            hub.disableImportFindingsForProduct(b -> b.productSubscriptionArn("arn:aws:securityhub:" + region + ":" + account
                    + ":product-subscription/aws/guardduty"));
            assertThat(hub.batchImportFindings(b -> b.findings(SdkFindings.minimal(guardDuty, "g-2-" + account, account)))
                    .failedFindings()).singleElement().extracting(ImportFindingsError::errorCode).isEqualTo("InvalidAccess");
        }
    }

    @Test
    void newMembersGetTheHubWhenTheOrganizationConfigurationSaysAutoEnable() {
        String region = "eu-central-2";
        String without = RegionalClients.newAccount();
        String with = RegionalClients.newAccount();
        try (SecurityHubClient administrator = RegionalClients.client(endpoint, TestCallers.ADMIN, region)) {
            try {
                administrator.enableSecurityHub(b -> { });
            } catch (software.amazon.awssdk.services.securityhub.model.ResourceConflictException enabledBefore) {
                // Muster's own account enabled the hub in this Region in an earlier run of the test: that is all it needs
            }
            administrator.createMembers(b -> b.accountDetails(d -> d.accountId(without)));
            administrator.updateOrganizationConfiguration(b -> b.autoEnable(true));
            try {
                administrator.createMembers(b -> b.accountDetails(d -> d.accountId(with)));
            } finally {
                administrator.updateOrganizationConfiguration(b -> b.autoEnable(false));
            }
        }
        try (SecurityHubClient member = RegionalClients.client(endpoint, RegionalClients.adminOf(with), region);
                SecurityHubClient other = RegionalClients.client(endpoint, RegionalClients.adminOf(without), region)) {
            assertThat(member.describeHub(b -> { }).hubArn()).contains(with);
            assertThatThrownBy(() -> other.describeHub(b -> { })).isInstanceOf(InvalidAccessException.class);
            assertThatThrownBy(() -> member.enableSecurityHub(b -> { })).as("auto-enabled counts as enabled")
                    .isInstanceOf(software.amazon.awssdk.services.securityhub.model.ResourceConflictException.class);
        }
    }
}
