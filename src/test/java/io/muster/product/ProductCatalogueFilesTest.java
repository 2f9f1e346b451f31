package io.muster.product;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.finding.FindingNames.ProductNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalogue files: every shipped one is valid and listed, names are AWS's, a broken extra file is refused alone. */
class ProductCatalogueFilesTest {

    private final CatalogueLoader loader = new CatalogueLoader();

    @Test
    void everyShippedFileValidatesAndTheCatalogueCoversTheProductsUsersSendFrom() {
        CatalogueLoader.Result result = loader.load(Optional.empty());
        assertThat(result.problems()).isEmpty();
        assertThat(result.products()).extracting(Product::key).contains("aws/securityhub", "aws/guardduty", "aws/inspector", "aws/macie",
                "aws/config", "aws/access-analyzer", "aws/firewall-manager", "aws/health", "aws/ssm-patch-manager", "amazon/detective",
                "prowler/prowler", "aquasecurity/aquasecurity", "aqua-security/kube-bench", "cloud-custodian/cloud-custodian",
                "paloaltonetworks/redlock", "wiz-security/wiz-security").doesNotHaveDuplicates();
    }

    @Test
    void productsCarryTheNamesAndArnsAwsGivesThem() {
        List<Product> products = loader.load(Optional.empty()).products();
        assertThat(product(products, "aws/guardduty").arn("eu-west-1")).isEqualTo("arn:aws:securityhub:eu-west-1::product/aws/guardduty");
        assertThat(names(products, "aws/guardduty")).containsExactly("Amazon", "GuardDuty");
        assertThat(names(products, "aws/inspector")).containsExactly("Amazon", "Inspector");
        assertThat(names(products, "aws/config")).containsExactly("AWS", "Config");
        assertThat(names(products, "aws/securityhub")).containsExactly("AWS", "Security Hub");
        assertThat(names(products, "aws/access-analyzer")).containsExactly("AWS", "IAM Access Analyzer");
        assertThat(names(products, "aws/ssm-patch-manager")).containsExactly("AWS", "Systems Manager Patch Manager");
        assertThat(names(products, "prowler/prowler")).containsExactly("Prowler", "Prowler");
        assertThat(product(products, "crowdstrike/crowdstrike-falcon").arn("us-west-1"))
                .isEqualTo("arn:aws:securityhub:us-west-1:517716713836:product/crowdstrike/crowdstrike-falcon");
        assertThat(product(products, "amazon/detective").sendsFindings()).as("Detective only receives findings").isFalse();
        assertThat(products).filteredOn(Product::enabledByDefault).extracting(Product::key)
                .allMatch(key -> key.startsWith("aws/"), "only AWS services are enabled by default");
        assertThat(product(products, "aws/guardduty").enabledByDefault()).isTrue();
        assertThat(product(products, "prowler/prowler").enabledByDefault()).isFalse();
    }

    @Test
    void productsListNamesEveryCatalogueFile() throws IOException {
        List<String> listed = Files.readAllLines(Path.of("products/products.list"), StandardCharsets.UTF_8).stream().map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).sorted().toList();
        try (Stream<Path> files = Files.walk(Path.of("products"))) {
            List<String> present = files.filter(Files::isRegularFile).map(file -> Path.of("products").relativize(file).toString())
                    .filter(name -> name.endsWith(".yaml") || name.endsWith(".json")).filter(name -> !name.equals("product.schema.json"))
                    .sorted().toList();
            assertThat(listed).isEqualTo(present);
        }
    }

    @Test
    void extraFilesAddProductsAndABrokenOneIsRefusedWithItsRuleWhileTheOthersLoad(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("in-house.yaml"), """
                products:
                  - productArn: 'arn:aws:securityhub:{region}::product/acme/scanner'
                    productName: ACME Scanner
                    companyName: ACME
                    description: Our own scanner.
                    integrationTypes: [SEND_FINDINGS_TO_SECURITY_HUB]
                """);
        Files.writeString(dir.resolve("bad-type.yaml"), """
                products:
                  - productArn: 'arn:aws:securityhub:{region}::product/acme/other'
                    productName: Other
                    companyName: ACME
                    description: A product with an integration type AWS does not have.
                    integrationTypes: [SEND_EMAILS]
                """);
        Files.writeString(dir.resolve("redefines-guardduty.json"), """
                {"products": [{"productArn": "arn:aws:securityhub:{region}::product/aws/guardduty", "productName": "GD",
                  "companyName": "Me", "description": "Not GuardDuty", "integrationTypes": ["SEND_FINDINGS_TO_SECURITY_HUB"]}]}
                """);
        Files.writeString(dir.resolve("no-region.yaml"), """
                products:
                  - productArn: 'arn:aws:securityhub:us-east-1::product/acme/fixed'
                    productName: Fixed
                    companyName: ACME
                    description: An ARN that names one Region.
                    integrationTypes: [SEND_FINDINGS_TO_SECURITY_HUB]
                """);
        Files.writeString(dir.resolve("broken.yaml"), "products: [unclosed");

        CatalogueLoader.Result result = loader.load(Optional.of(dir));

        assertThat(result.products()).extracting(Product::key).contains("acme/scanner", "aws/guardduty")
                .doesNotContain("acme/other", "acme/fixed");
        assertThat(product(result.products(), "aws/guardduty").productName()).isEqualTo("GuardDuty");
        assertThat(result.problems()).hasSize(4);
        assertThat(problem(result, "bad-type.yaml")).contains("integrationTypes[0]").contains("product.schema.json");
        assertThat(problem(result, "redefines-guardduty.json")).contains("aws/guardduty is already defined by products/aws.yaml");
        assertThat(problem(result, "no-region.yaml")).contains("productArn");
        assertThat(problem(result, "broken.yaml")).contains("is not valid YAML");
    }

    @Test
    void aMissingExtraDirectoryIsReportedNotFatal() {
        CatalogueLoader.Result result = loader.load(Optional.of(Path.of("no-such-directory")));
        assertThat(result.products()).isNotEmpty();
        assertThat(result.problems()).singleElement().extracting(CatalogueLoader.Problem::message).asString().contains("not a directory");
    }

    @Test
    void findingNamesAreFixedForCatalogueProductsAndDefaultsForCustomIntegrations() {
        ProductCatalogue catalogue = new ProductCatalogue();
        catalogue.config = new ProductsConfig() {
            @Override
            public Optional<Path> extraDir() {
                return Optional.empty();
            }

            @Override
            public boolean requireEnabled() {
                return false;
            }
        };
        catalogue.load();
        assertThat(catalogue.product("arn:aws:securityhub:ap-south-1::product/aws/guardduty"))
                .contains(new ProductNames("Amazon", "GuardDuty", true));
        assertThat(catalogue.product("arn:aws:securityhub:eu-west-1::product/prowler/prowler"))
                .contains(new ProductNames("Prowler", "Prowler", true));
        assertThat(catalogue.product("arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default"))
                .contains(new ProductNames("Personal", "Default", false));
        assertThat(catalogue.product("arn:aws:securityhub:us-east-1:123456789012:product/123456789012/test-scanner")).isEmpty();
        assertThat(catalogue.product("not an arn")).isEmpty();
    }

    private static Product product(List<Product> products, String key) {
        return products.stream().filter(p -> p.key().equals(key)).findFirst().orElseThrow(() -> new AssertionError("no product " + key));
    }

    private static List<String> names(List<Product> products, String key) {
        Product product = product(products, key);
        return List.of(product.companyName(), product.productName());
    }

    private static String problem(CatalogueLoader.Result result, String file) {
        return result.problems().stream().filter(p -> p.source().endsWith(file)).findFirst().map(CatalogueLoader.Problem::message)
                .orElseThrow(() -> new AssertionError("no problem reported for " + file + ": " + result.problems()));
    }
}
