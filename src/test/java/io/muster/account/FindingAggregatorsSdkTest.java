package io.muster.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.muster.MusterConfig;
import io.muster.testing.Sdk;
import io.muster.testing.TestCallers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AccessDeniedException;
import software.amazon.awssdk.services.securityhub.model.CreateFindingAggregatorResponse;
import software.amazon.awssdk.services.securityhub.model.GetFindingAggregatorResponse;
import software.amazon.awssdk.services.securityhub.model.InvalidInputException;
import software.amazon.awssdk.services.securityhub.model.ResourceNotFoundException;
import software.amazon.awssdk.services.securityhub.model.UpdateFindingAggregatorResponse;

/**
 * Finding aggregators through the AWS SDK for Java v2: one per account, created in the caller's Region, with
 * AWS's rules for RegionLinkingMode and Regions, and invisible to other tenants.
 */
@QuarkusTest
class FindingAggregatorsSdkTest {

    @TestHTTPResource("/")
    URI endpoint;

    @Inject
    MusterConfig config;

    @Test
    void anAccountCreatesReadsUpdatesAndDeletesItsOneAggregator() {
        String account = Accounts.fresh();
        TestCallers.TestCaller owner = TestCallers.accessKey("ADMIN", List.of(account), List.of());
        try (SecurityHubClient client = Accounts.client(endpoint, owner, Region.US_EAST_1)) {
            assertThat(client.listFindingAggregators(r -> { }).findingAggregators()).isEmpty();

            CreateFindingAggregatorResponse created = client.createFindingAggregator(r -> r.regionLinkingMode("ALL_REGIONS"));
            String arn = created.findingAggregatorArn();
            assertThat(arn).matches("arn:aws:securityhub:us-east-1:" + account
                    + ":finding-aggregator/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            assertThat(created.findingAggregationRegion()).isEqualTo("us-east-1");
            assertThat(created.regionLinkingMode()).isEqualTo("ALL_REGIONS");
            assertThat(created.regions()).isEmpty();

            assertThatThrownBy(() -> client.createFindingAggregator(r -> r.regionLinkingMode("NO_REGIONS")))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining(arn);

            assertThat(client.listFindingAggregators(r -> r.maxResults(10)).findingAggregators())
                    .singleElement().extracting(a -> a.findingAggregatorArn()).isEqualTo(arn);
            GetFindingAggregatorResponse got = client.getFindingAggregator(r -> r.findingAggregatorArn(arn));
            assertThat(got.findingAggregatorArn()).isEqualTo(arn);
            assertThat(got.regionLinkingMode()).isEqualTo("ALL_REGIONS");

            UpdateFindingAggregatorResponse updated = client.updateFindingAggregator(r -> r.findingAggregatorArn(arn)
                    .regionLinkingMode("SPECIFIED_REGIONS").regions("eu-west-1", "ap-southeast-2"));
            assertThat(updated.findingAggregatorArn()).isEqualTo(arn);
            assertThat(updated.findingAggregationRegion()).isEqualTo("us-east-1");
            assertThat(updated.regions()).containsExactly("eu-west-1", "ap-southeast-2");
            got = client.getFindingAggregator(r -> r.findingAggregatorArn(arn));
            assertThat(got.regionLinkingMode()).isEqualTo("SPECIFIED_REGIONS");
            assertThat(got.regions()).containsExactly("eu-west-1", "ap-southeast-2");

            client.deleteFindingAggregator(r -> r.findingAggregatorArn(arn));
            assertThatThrownBy(() -> client.getFindingAggregator(r -> r.findingAggregatorArn(arn))).isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> client.deleteFindingAggregator(r -> r.findingAggregatorArn(arn)))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThat(client.listFindingAggregators(r -> { }).findingAggregators()).isEmpty();
            // deleted, the account may create another
            String again = client.createFindingAggregator(r -> r.regionLinkingMode("NO_REGIONS")).findingAggregatorArn();
            assertThat(again).isNotEqualTo(arn);
            client.deleteFindingAggregator(r -> r.findingAggregatorArn(again));
        }
    }

    @Test
    void theAggregationRegionIsTheCallersAndOnlyItMayUpdate() {
        TestCallers.TestCaller owner = TestCallers.accessKey("ADMIN", List.of(Accounts.fresh()), List.of());
        try (SecurityHubClient ireland = Accounts.client(endpoint, owner, Region.EU_WEST_1);
                SecurityHubClient virginia = Accounts.client(endpoint, owner, Region.US_EAST_1)) {
            CreateFindingAggregatorResponse created = ireland.createFindingAggregator(r -> r.regionLinkingMode("ALL_REGIONS_EXCEPT_SPECIFIED")
                    .regions("us-west-1"));
            String arn = created.findingAggregatorArn();
            assertThat(created.findingAggregationRegion()).isEqualTo("eu-west-1");
            assertThat(arn).startsWith("arn:aws:securityhub:eu-west-1:");

            // readable from any Region, changed only from the aggregation Region
            assertThat(virginia.getFindingAggregator(r -> r.findingAggregatorArn(arn)).regions()).containsExactly("us-west-1");
            assertThat(virginia.listFindingAggregators(r -> { }).findingAggregators()).hasSize(1);
            assertThatThrownBy(() -> virginia.updateFindingAggregator(r -> r.findingAggregatorArn(arn).regionLinkingMode("ALL_REGIONS")))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("aggregation Region");
            ireland.updateFindingAggregator(r -> r.findingAggregatorArn(arn).regionLinkingMode("ALL_REGIONS"));
            assertThat(virginia.getFindingAggregator(r -> r.findingAggregatorArn(arn)).regionLinkingMode()).isEqualTo("ALL_REGIONS");
            virginia.deleteFindingAggregator(r -> r.findingAggregatorArn(arn));
        }
    }

    @Test
    void regionLinkingFollowsAwsRules() {
        TestCallers.TestCaller owner = TestCallers.accessKey("ADMIN", List.of(Accounts.fresh()), List.of());
        try (SecurityHubClient client = Accounts.client(endpoint, owner, Region.US_EAST_1)) {
            assertThatThrownBy(() -> client.createFindingAggregator(r -> r.regionLinkingMode("NO_REGIONS").regions("eu-west-1")))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("Regions must be empty");
            assertThatThrownBy(() -> client.createFindingAggregator(r -> r.regionLinkingMode("ALL_REGIONS").regions("eu-west-1")))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("Regions must be empty");
            assertThatThrownBy(() -> client.createFindingAggregator(r -> r.regionLinkingMode("SPECIFIED_REGIONS")))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least one Region");
            assertThatThrownBy(() -> client.createFindingAggregator(r -> r.regionLinkingMode("ALL_REGIONS_EXCEPT_SPECIFIED")))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least one Region");
            assertThatThrownBy(() -> client.createFindingAggregator(r -> r.regionLinkingMode("SOME_REGIONS")))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("RegionLinkingMode");
            assertThatThrownBy(() -> client.createFindingAggregator(r -> r.regionLinkingMode("SPECIFIED_REGIONS").regions("Ireland")))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("Regions[0]");
            assertThatThrownBy(() -> client.createFindingAggregator(r -> { })).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("RegionLinkingMode");
            // nothing was created by the refused calls
            assertThat(client.listFindingAggregators(r -> { }).findingAggregators()).isEmpty();
            assertThatThrownBy(() -> client.getFindingAggregator(r -> r.findingAggregatorArn("arn:aws:securityhub:us-east-1:123456789012:hub/default")))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a finding aggregator ARN");
        }
    }

    @Test
    void anotherTenantCannotSeeOrChangeAnAccountsAggregator() {
        TestCallers.TestCaller owner = TestCallers.accessKey("ADMIN", List.of(Accounts.fresh()), List.of());
        TestCallers.TestCaller tenant = TestCallers.accessKey("ADMIN", List.of(Accounts.fresh()), List.of());
        try (SecurityHubClient client = Accounts.client(endpoint, owner, Region.US_EAST_1);
                SecurityHubClient other = Accounts.client(endpoint, tenant, Region.US_EAST_1)) {
            String arn = client.createFindingAggregator(r -> r.regionLinkingMode("ALL_REGIONS")).findingAggregatorArn();

            assertThatThrownBy(() -> other.getFindingAggregator(r -> r.findingAggregatorArn(arn))).isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> other.updateFindingAggregator(r -> r.findingAggregatorArn(arn).regionLinkingMode("NO_REGIONS")))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> other.deleteFindingAggregator(r -> r.findingAggregatorArn(arn))).isInstanceOf(ResourceNotFoundException.class);
            assertThat(other.listFindingAggregators(r -> { }).findingAggregators()).isEmpty();
            assertThat(client.getFindingAggregator(r -> r.findingAggregatorArn(arn)).regionLinkingMode()).isEqualTo("ALL_REGIONS");
            client.deleteFindingAggregator(r -> r.findingAggregatorArn(arn));
        }
        // a credential scoped to several accounts acts for none of them
        TestCallers.TestCaller several = TestCallers.accessKey("ADMIN", List.of(Accounts.fresh(), Accounts.fresh()), List.of());
        try (SecurityHubClient client = Accounts.client(endpoint, several, Region.US_EAST_1)) {
            assertThatThrownBy(() -> client.createFindingAggregator(r -> r.regionLinkingMode("ALL_REGIONS")))
                    .isInstanceOf(AccessDeniedException.class).hasMessageContaining("several accounts");
        }
        // a viewer reads aggregators but may not create one
        try (SecurityHubClient viewer = Accounts.client(endpoint, TestCallers.viewer(Accounts.fresh()), Region.US_EAST_1)) {
            assertThat(viewer.listFindingAggregators(r -> { }).findingAggregators()).isEmpty();
            assertThatThrownBy(() -> viewer.createFindingAggregator(r -> r.regionLinkingMode("ALL_REGIONS")))
                    .isInstanceOf(AccessDeniedException.class);
        }
        // an unscoped administrator acts as Muster's own account: it does not list the tenants' aggregators
        try (SecurityHubClient admin = Sdk.securityHub(endpoint)) {
            assertThat(admin.listFindingAggregators(r -> { }).findingAggregators()).allSatisfy(a -> assertThat(a.findingAggregatorArn())
                    .contains(":" + config.accountId() + ":finding-aggregator/"));
        }
    }
}
