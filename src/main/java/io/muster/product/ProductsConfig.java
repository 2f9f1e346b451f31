package io.muster.product;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** The product catalogue and product subscriptions (prefix {@code muster.products}). */
@ConfigMapping(prefix = "muster.products")
public interface ProductsConfig {

    /**
     * A directory of extra catalogue files (YAML or JSON, any depth, each checked against
     * {@code products/product.schema.json}) loaded after the shipped ones: the in-house tools and partner products
     * a hub should name and list. None by default.
     */
    Optional<Path> extraDir();

    /**
     * Whether BatchImportFindings and the other import paths refuse a finding whose product is not enabled for
     * the finding's account in the caller's Region (EnableImportFindingsForProduct), as Security Hub does, with
     * ErrorCode InvalidAccess in FailedFindings. AWS services count as enabled until disabled; an account's own
     * custom integration ({@code product/<account>/default}) is always admitted. Off by default, so that any
     * producer works without a set-up step.
     */
    @WithDefault("false")
    boolean requireEnabled();
}
