package io.muster.finding;

import java.util.Optional;

/**
 * Names the hub writes into every stored finding, as Security Hub does: ProductName and CompanyName from
 * its product catalogue, AwsAccountName from its account registry. The features that keep those
 * catalogues implement this; the import pipeline asks each implementation (the first answer wins).
 */
public interface FindingNames {

    /** The product's names, or empty when this implementation does not know the product. */
    default Optional<ProductNames> product(String productArn) {
        return Optional.empty();
    }

    /** The account's name, or empty when this implementation does not know the account. */
    default Optional<String> accountName(String awsAccountId) {
        return Optional.empty();
    }

    /**
     * A product's names. {@code fixed}: Security Hub sets them whatever the provider sent (a product of
     * its catalogue); otherwise they apply only where the provider sent none (a custom integration may
     * name itself).
     */
    record ProductNames(String companyName, String productName, boolean fixed) {
    }
}
