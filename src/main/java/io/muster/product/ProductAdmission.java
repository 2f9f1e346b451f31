package io.muster.product;

import io.muster.MusterConfig;
import io.muster.auth.Caller;
import io.muster.finding.ImportAdmission;
import io.muster.hub.Hubs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * With {@code muster.products.require-enabled}, refuses a finding whose product is not enabled for the finding's
 * account in the caller's Region, in {@code FailedFindings} with ErrorCode {@code InvalidAccess}, as Security Hub
 * does; the message names the product and how to enable it. An account's own custom integration is always
 * admitted. A finding of an account whose hub is not subscribed is left to {@link io.muster.hub.HubAdmission},
 * so that the producer reads the first thing to fix.
 */
@ApplicationScoped
public class ProductAdmission implements ImportAdmission {

    @Inject
    ProductsConfig config;

    @Inject
    ProductCatalogue catalogue;

    @Inject
    ProductSubscriptions subscriptions;

    @Inject
    Hubs hubs;

    @Inject
    MusterConfig muster;

    @Override
    public Refusal refusal(Caller caller, String awsAccountId, String productArn) {
        if (!config.requireEnabled()) {
            return null;
        }
        String region = caller.regionOr(muster.region());
        if (!hubs.isSubscribed(awsAccountId, region)) {
            return null;
        }
        Optional<ProductArns.Parsed> parsed = ProductArns.product(productArn);
        if (parsed.isPresent() && parsed.get().isDefaultProduct() && parsed.get().companyId().equals(awsAccountId)) {
            return null;
        }
        Optional<Product> product = parsed.flatMap(p -> catalogue.byKey(p.key()));
        if (parsed.isPresent() && subscriptions.isEnabled(awsAccountId, region, parsed.get().key())) {
            return null;
        }
        if (product.isEmpty()) {
            return new Refusal("InvalidAccess", "Product " + productArn + " is not a product integration Muster knows, and import from "
                    + "unknown products is not enabled (muster.products.require-enabled): add it to a catalogue file in "
                    + "muster.products.extra-dir and enable it, or send the finding as account " + awsAccountId + "'s custom integration, "
                    + ProductArns.defaultProductArn(region, awsAccountId));
        }
        return new Refusal("InvalidAccess", "Import of findings from " + product.get().companyName() + " " + product.get().productName() + " ("
                + productArn + ") is not enabled for account " + awsAccountId + " in " + region + ": enable it with "
                + "EnableImportFindingsForProduct as that account (aws securityhub enable-import-findings-for-product --region " + region
                + " --product-arn " + product.get().arn(region) + ")");
    }
}
