package io.muster.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.hub.RegionalClients;
import io.muster.hub.SdkFindings;
import io.muster.testing.TestCallers;
import io.muster.testing.TestDatabase;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.IntegrationType;
import software.amazon.awssdk.services.securityhub.model.InvalidInputException;
import software.amazon.awssdk.services.securityhub.model.Product;
import software.amazon.awssdk.services.securityhub.model.ResourceConflictException;
import software.amazon.awssdk.services.securityhub.model.ResourceNotFoundException;

/**
 * DescribeProducts, EnableImportFindingsForProduct, DisableImportFindingsForProduct and ListEnabledProductsForImport
 * driven by the AWS SDK for Java v2, each test as an account of its own, and the names Muster writes on findings.
 */
@QuarkusTest
class ProductsSdkTest {

    @TestHTTPResource("/")
    URI endpoint;

    @Inject
    TestDatabase db;

    @Test
    void describeProductsPagesThroughTheCatalogueWithArnsInTheCallersRegion() {
        try (SecurityHubClient hub = RegionalClients.client(endpoint, TestCallers.producer(List.of(), List.of()), "ap-northeast-1")) {
            List<Product> products = new ArrayList<>();
            hub.describeProductsPaginator(b -> b.maxResults(7)).forEach(page -> {
                assertThat(page.products()).hasSizeLessThanOrEqualTo(7);
                products.addAll(page.products());
            });
            assertThat(products).hasSizeGreaterThan(20).extracting(Product::productArn)
                    .contains("arn:aws:securityhub:ap-northeast-1::product/aws/guardduty",
                            "arn:aws:securityhub:ap-northeast-1::product/prowler/prowler",
                            "arn:aws:securityhub:ap-northeast-1::product/aquasecurity/aquasecurity",
                            "arn:aws:securityhub:ap-northeast-1::product/cloud-custodian/cloud-custodian",
                            "arn:aws:securityhub:ap-northeast-1:517716713836:product/crowdstrike/crowdstrike-falcon")
                    .doesNotHaveDuplicates();
            Product guardDuty = products.stream().filter(p -> p.productArn().endsWith("/aws/guardduty")).findFirst().orElseThrow();
            assertThat(guardDuty.productName()).isEqualTo("GuardDuty");
            assertThat(guardDuty.companyName()).isEqualTo("Amazon");
            assertThat(guardDuty.integrationTypes()).containsExactly(IntegrationType.SEND_FINDINGS_TO_SECURITY_HUB);
            assertThat(guardDuty.categories()).isNotEmpty();
            assertThat(guardDuty.marketplaceUrl()).startsWith("https://");
            assertThat(guardDuty.activationUrl()).startsWith("https://");
        }
    }

    @Test
    void describeProductsWithAnArnAnswersThatProductOrRefusesAnUnknownOne() {
        try (SecurityHubClient hub = RegionalClients.client(endpoint, TestCallers.viewer(), "eu-west-1")) {
            List<Product> one = hub.describeProducts(b -> b.productArn("arn:aws:securityhub:eu-west-1::product/prowler/prowler")).products();
            assertThat(one).singleElement().satisfies(p -> {
                assertThat(p.productName()).isEqualTo("Prowler");
                assertThat(p.companyName()).isEqualTo("Prowler");
            });
            assertThatThrownBy(() -> hub.describeProducts(b -> b.productArn("arn:aws:securityhub:eu-west-1::product/nobody/nothing")))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("product/nobody/nothing");
            assertThatThrownBy(() -> hub.describeProducts(b -> b.productArn("arn:aws:securityhub:us-east-1::product/prowler/prowler")))
                    .as("the ARN of another Region").isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("arn:aws:securityhub:eu-west-1::product/prowler/prowler");
            assertThatThrownBy(() -> hub.describeProducts(b -> b.maxResults(101))).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("MaxResults");
            assertThatThrownBy(() -> hub.describeProducts(b -> b.nextToken("not-a-token"))).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("NextToken");
        }
    }

    @Test
    void awsServicesAreEnabledFromTheStartAndAPartnerOnceEnabled() {
        String account = RegionalClients.newAccount();
        try (SecurityHubClient hub = RegionalClients.client(endpoint, RegionalClients.adminOf(account), "eu-west-2")) {
            String prefix = "arn:aws:securityhub:eu-west-2:" + account + ":product-subscription/";
            assertThat(enabled(hub)).contains(prefix + "aws/guardduty", prefix + "aws/inspector", prefix + "aws/securityhub",
                    prefix + "aws/ssm-patch-manager").doesNotContain(prefix + "prowler/prowler", prefix + "amazon/detective");

            String subscription = hub.enableImportFindingsForProduct(b -> b.productArn("arn:aws:securityhub:eu-west-2::product/prowler/prowler"))
                    .productSubscriptionArn();
            assertThat(subscription).isEqualTo(prefix + "prowler/prowler");
            assertThat(enabled(hub)).contains(subscription);
            assertThatThrownBy(() -> hub.enableImportFindingsForProduct(b -> b.productArn("arn:aws:securityhub:eu-west-2::product/prowler/prowler")))
                    .isInstanceOf(ResourceConflictException.class).hasMessageContaining(subscription);
            assertThatThrownBy(() -> hub.enableImportFindingsForProduct(b -> b.productArn("arn:aws:securityhub:eu-west-2::product/aws/guardduty")))
                    .as("AWS services are enabled already").isInstanceOf(ResourceConflictException.class);

            hub.disableImportFindingsForProduct(b -> b.productSubscriptionArn(subscription));
            hub.disableImportFindingsForProduct(b -> b.productSubscriptionArn(prefix + "aws/guardduty"));
            assertThat(enabled(hub)).doesNotContain(subscription, prefix + "aws/guardduty").contains(prefix + "aws/inspector");
            assertThatThrownBy(() -> hub.disableImportFindingsForProduct(b -> b.productSubscriptionArn(subscription)))
                    .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining(subscription);
            hub.enableImportFindingsForProduct(b -> b.productArn("arn:aws:securityhub:eu-west-2::product/aws/guardduty"));
            assertThat(enabled(hub)).contains(prefix + "aws/guardduty");
        }
        try (SecurityHubClient elsewhere = RegionalClients.client(endpoint, RegionalClients.adminOf(account), "us-west-2")) {
            assertThat(enabled(elsewhere)).as("subscriptions are per Region")
                    .doesNotContain("arn:aws:securityhub:us-west-2:" + account + ":product-subscription/prowler/prowler");
        }
    }

    @Test
    void enablingRefusesWhatIsNotAProductThatSendsFindingsHere() {
        String account = RegionalClients.newAccount();
        try (SecurityHubClient hub = RegionalClients.client(endpoint, RegionalClients.adminOf(account), "eu-south-1")) {
            assertThatThrownBy(() -> hub.enableImportFindingsForProduct(b -> b.productArn("arn:aws:securityhub:eu-south-1::product/nobody/nothing")))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("DescribeProducts");
            assertThatThrownBy(() -> hub.enableImportFindingsForProduct(b -> b.productArn("prowler/prowler")))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a product ARN");
            assertThatThrownBy(() -> hub.enableImportFindingsForProduct(b -> b.productArn("arn:aws:securityhub:us-east-1::product/prowler/prowler")))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("Region 'us-east-1'");
            assertThatThrownBy(() -> hub.enableImportFindingsForProduct(b -> b.productArn("arn:aws:securityhub:eu-south-1::product/amazon/detective")))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("sends none");
            assertThatThrownBy(() -> hub.enableImportFindingsForProduct(
                    b -> b.productArn("arn:aws:securityhub:eu-south-1::product/crowdstrike/crowdstrike-falcon")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("arn:aws:securityhub:eu-south-1:517716713836:product/crowdstrike/crowdstrike-falcon");
            assertThatThrownBy(() -> hub.enableImportFindingsForProduct(
                    b -> b.productArn("arn:aws:securityhub:eu-south-1:111111111111:product/111111111111/default")))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("only its own");

            String own = "arn:aws:securityhub:eu-south-1:" + account + ":product/" + account + "/default";
            assertThat(hub.enableImportFindingsForProduct(b -> b.productArn(own)).productSubscriptionArn())
                    .isEqualTo("arn:aws:securityhub:eu-south-1:" + account + ":product-subscription/" + account + "/default");
            assertThat(enabled(hub)).contains("arn:aws:securityhub:eu-south-1:" + account + ":product-subscription/" + account + "/default");

            assertThatThrownBy(() -> hub.disableImportFindingsForProduct(b -> b.productSubscriptionArn(
                    "arn:aws:securityhub:eu-south-1:111111111111:product-subscription/aws/guardduty")))
                    .as("another account's subscription").isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> hub.disableImportFindingsForProduct(b -> b.productSubscriptionArn("arn:aws:securityhub:eu-south-1:x")))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("ProductSubscriptionArn");
        }
        RegionalClients.adminOf(account).request().body("{\"ProductArn\":\"arn:aws:securityhub:us-east-1::product/prowler/prowler\",\"Extra\":1}")
                .post("/productSubscriptions").then().statusCode(400).body("Message", org.hamcrest.Matchers.containsString("Extra"));
        RegionalClients.adminOf(account).request().body("{}").post("/productSubscriptions").then().statusCode(400)
                .body("Message", org.hamcrest.Matchers.containsString("ProductArn is required"));
    }

    @Test
    void listEnabledProductsForImportPages() {
        String account = RegionalClients.newAccount();
        try (SecurityHubClient hub = RegionalClients.client(endpoint, RegionalClients.adminOf(account), "me-south-1")) {
            List<String> all = enabled(hub);
            List<String> paged = new ArrayList<>();
            hub.listEnabledProductsForImportPaginator(b -> b.maxResults(2)).forEach(page -> {
                assertThat(page.productSubscriptions()).hasSizeLessThanOrEqualTo(2);
                paged.addAll(page.productSubscriptions());
            });
            assertThat(paged).isEqualTo(all).hasSizeGreaterThan(2);
            assertThatThrownBy(() -> hub.listEnabledProductsForImport(b -> b.maxResults(0))).isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void aProducerMayListItsSubscriptionsButNotChangeThem() {
        String account = RegionalClients.newAccount();
        TestCallers.TestCaller producer = TestCallers.producer(List.of(account), List.of());
        producer.request().get("/productSubscriptions").then().statusCode(200);
        producer.request().body("{\"ProductArn\":\"arn:aws:securityhub:us-east-1::product/prowler/prowler\"}").post("/productSubscriptions").then()
                .statusCode(403).header("x-amzn-ErrorType", "AccessDeniedException");
    }

    @Test
    void storedFindingsCarryTheNamesSecurityHubGivesTheirProduct() {
        String account = RegionalClients.newAccount();
        String guardDuty = "arn:aws:securityhub:eu-west-1::product/aws/guardduty";
        String custom = "arn:aws:securityhub:eu-west-1:" + account + ":product/" + account + "/default";
        try (SecurityHubClient hub = RegionalClients.client(endpoint, RegionalClients.adminOf(account), "eu-west-1")) {
            hub.batchImportFindings(b -> b.findings(
                    SdkFindings.minimal(guardDuty, "gd-" + account, account).toBuilder().productName("Guard Duty").companyName("ACME").build(),
                    SdkFindings.minimal(custom, "plain", account),
                    SdkFindings.minimal(custom, "named", account).toBuilder().productName("DecoyDetector").companyName("Blue Team").build()));
        }
        JsonNode fromGuardDuty = db.document(guardDuty, "gd-" + account);
        assertThat(fromGuardDuty.path("ProductName").asText()).as("set by the hub whatever was sent").isEqualTo("GuardDuty");
        assertThat(fromGuardDuty.path("CompanyName").asText()).isEqualTo("Amazon");
        JsonNode plain = db.document(custom, "plain");
        assertThat(plain.path("ProductName").asText()).isEqualTo("Default");
        assertThat(plain.path("CompanyName").asText()).isEqualTo("Personal");
        JsonNode named = db.document(custom, "named");
        assertThat(named.path("ProductName").asText()).as("a custom integration may name itself").isEqualTo("DecoyDetector");
        assertThat(named.path("CompanyName").asText()).isEqualTo("Blue Team");
    }

    private static List<String> enabled(SecurityHubClient hub) {
        List<String> arns = new ArrayList<>();
        hub.listEnabledProductsForImportPaginator(b -> { }).forEach(page -> arns.addAll(page.productSubscriptions()));
        return arns;
    }
}
