package io.muster.product;

import io.muster.api.ApiException;
import io.muster.api.ErrorCode;
import io.muster.db.Transactions;
import io.muster.hub.HubConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which products may send findings to an account in a Region (EnableImportFindingsForProduct,
 * DisableImportFindingsForProduct, ListEnabledProductsForImport), with Security Hub's subscription ARNs
 * {@code arn:aws:securityhub:<region>:<account>:product-subscription/<company-id>/<product-id>}.
 *
 * <p>As in Security Hub, the AWS services that send findings are enabled from the start (until disabled), a
 * partner product once enabled, and an account may enable its own custom integration
 * ({@code product/<account>/default}), which it can use whether enabled or not.
 */
@ApplicationScoped
public class ProductSubscriptions {

    private static final int MAX_REMEMBERED = 100_000;

    /** What this replica last read of an account's product states in a Region, for the import path. */
    private record Known(Map<String, Boolean> states, long readAt) {
    }

    private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();

    @Inject
    ProductCatalogue catalogue;

    @Inject
    Transactions transactions;

    @Inject
    HubConfig hubConfig;

    /** EnableImportFindingsForProduct: the new subscription's ARN. */
    public String enable(String accountId, String region, String productArn) {
        ProductArns.Parsed parsed = ProductArns.product(productArn).orElseThrow(() -> ApiException.invalidInput("ProductArn '" + productArn
                + "' is not a product ARN; a product ARN has the form arn:aws:securityhub:<region>:<account-id>:product/<company-id>/<product-id> "
                + "(DescribeProducts lists them)"));
        if (!parsed.region().equals(region)) {
            throw ApiException.invalidInput("ProductArn '" + productArn + "' names the Region '" + parsed.region() + "', but this request is made in "
                    + region + ": products are enabled per Region, so send the request to " + (parsed.region().isEmpty() ? "a Region" : parsed.region())
                    + " or use the product's ARN in " + region);
        }
        String key = parsed.key();
        Optional<Product> product = catalogue.byKey(key);
        if (parsed.isDefaultProduct() && product.isEmpty()) {
            if (!parsed.companyId().equals(accountId) || !parsed.account().equals(accountId)) {
                throw ApiException.invalidInput("ProductArn '" + productArn + "' is the custom integration of account " + parsed.companyId()
                        + "; an account can enable only its own, " + ProductArns.defaultProductArn(region, accountId));
            }
        } else if (product.isEmpty()) {
            throw ApiException.invalidInput("No product integration has the ARN '" + productArn + "': DescribeProducts lists the products "
                    + "Muster knows. Add your own to a catalogue file in muster.products.extra-dir, or send findings as your custom "
                    + "integration, " + ProductArns.defaultProductArn(region, accountId));
        } else if (!product.get().arn(region).equals(productArn)) {
            throw ApiException.invalidInput("ProductArn '" + productArn + "' does not name " + product.get().productName() + " as Security Hub "
                    + "does; its ARN in " + region + " is " + product.get().arn(region));
        } else if (!product.get().sendsFindings()) {
            throw ApiException.invalidInput(product.get().companyName() + " " + product.get().productName() + " (" + productArn
                    + ") receives findings from Security Hub and sends none, so there is no import to enable for it");
        }
        String subscriptionArn = ProductArns.subscriptionArn(region, accountId, key);
        transactions.inTransaction(connection -> {
            Map<String, Boolean> states = ProductSubscriptionStore.states(connection, accountId, region);
            if (enabled(key, states)) {
                throw new ApiException(ErrorCode.ResourceConflictException, "Import of findings from " + productArn + " is already enabled for "
                        + "account " + accountId + " in " + region + ": " + subscriptionArn);
            }
            ProductSubscriptionStore.set(connection, accountId, region, key, true);
            return null;
        });
        known.remove(cacheKey(accountId, region));
        return subscriptionArn;
    }

    /** DisableImportFindingsForProduct. */
    public void disable(String accountId, String region, String subscriptionArn) {
        ProductArns.Parsed parsed = ProductArns.subscription(subscriptionArn).orElseThrow(() -> ApiException.invalidInput(
                "ProductSubscriptionArn '" + subscriptionArn + "' is not a product subscription ARN; one has the form "
                        + ProductArns.subscriptionArn("<region>", "<account-id>", "<company-id>/<product-id>")
                        + " (ListEnabledProductsForImport lists them)"));
        transactions.inTransaction(connection -> {
            Map<String, Boolean> states = ProductSubscriptionStore.states(connection, accountId, region);
            if (!parsed.region().equals(region) || !parsed.account().equals(accountId) || !enabled(parsed.key(), states)) {
                throw ApiException.notFound("No product subscription has the ARN '" + subscriptionArn + "' for account " + accountId + " in "
                        + region + "; ListEnabledProductsForImport lists them");
            }
            ProductSubscriptionStore.set(connection, accountId, region, parsed.key(), false);
            return null;
        });
        known.remove(cacheKey(accountId, region));
    }

    /** ListEnabledProductsForImport: the subscription ARNs, catalogue products first (in catalogue order), then the others by key. */
    public List<String> enabled(String accountId, String region) {
        Map<String, Boolean> states = transactions.inTransaction(connection -> ProductSubscriptionStore.states(connection, accountId, region));
        Set<String> keys = new LinkedHashSet<>();
        for (Product product : catalogue.all()) {
            if (product.sendsFindings() && enabled(product.key(), states)) {
                keys.add(product.key());
            }
        }
        states.forEach((key, enabled) -> {
            if (enabled) {
                keys.add(key);
            }
        });
        List<String> arns = new ArrayList<>();
        keys.forEach(key -> arns.add(ProductArns.subscriptionArn(region, accountId, key)));
        return arns;
    }

    /** Whether import from the product is enabled for the account in the Region, as the import path asks: from what this replica read lately. */
    boolean isEnabled(String accountId, String region, String key) {
        String cacheKey = cacheKey(accountId, region);
        Known seen = known.get(cacheKey);
        if (seen == null || System.nanoTime() - seen.readAt() >= hubConfig.stateCacheTtl().toNanos()) {
            Map<String, Boolean> states = transactions.inTransaction(connection -> ProductSubscriptionStore.states(connection, accountId, region));
            if (known.size() > MAX_REMEMBERED) {
                known.clear();
            }
            seen = new Known(Map.copyOf(states), System.nanoTime());
            known.put(cacheKey, seen);
        }
        return enabled(key, seen.states());
    }

    /** A product's state: its row, or its default (enabled for the catalogue's enabled-by-default products). */
    private boolean enabled(String key, Map<String, Boolean> states) {
        Boolean state = states.get(key);
        if (state != null) {
            return state;
        }
        return catalogue.byKey(key).map(Product::enabledByDefault).orElse(false);
    }

    private static String cacheKey(String accountId, String region) {
        return accountId + "|" + region;
    }
}
