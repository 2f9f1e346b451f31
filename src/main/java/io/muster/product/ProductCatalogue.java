package io.muster.product;

import io.muster.finding.FindingNames;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The products Muster knows — the shipped catalogue and the operator's extra files, loaded at start-up — and the
 * names Security Hub writes on their findings: a catalogue product's ProductName and CompanyName whatever the
 * provider sent; for an account's custom integration ({@code product/<account>/default}) Security Hub's
 * "Default" and "Personal" where the provider sent none (a custom integration may name itself).
 */
@ApplicationScoped
public class ProductCatalogue implements FindingNames {

    static final String CUSTOM_PRODUCT_NAME = "Default";
    static final String CUSTOM_COMPANY_NAME = "Personal";

    private static final Logger LOG = Logger.getLogger(ProductCatalogue.class);

    @Inject
    ProductsConfig config;

    private List<Product> products;
    private Map<String, Product> byKey;
    private List<CatalogueLoader.Problem> problems;

    @PostConstruct
    void load() {
        CatalogueLoader.Result result = new CatalogueLoader().load(config.extraDir());
        products = result.products();
        problems = result.problems();
        byKey = new LinkedHashMap<>();
        products.forEach(product -> byKey.put(product.key(), product));
        for (CatalogueLoader.Problem problem : problems) {
            LOG.errorf("Product catalogue file %s was not loaded: %s", problem.source(), problem.message());
        }
        LOG.infof("Loaded %d products into the product catalogue", products.size());
    }

    /** Every product, shipped ones first, in file order. */
    public List<Product> all() {
        return products;
    }

    /** Catalogue files that could not be loaded, each with the reason. */
    List<CatalogueLoader.Problem> problems() {
        return problems;
    }

    public Optional<Product> byKey(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    @Override
    public Optional<ProductNames> product(String productArn) {
        Optional<ProductArns.Parsed> parsed = ProductArns.product(productArn);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Product product = byKey.get(parsed.get().key());
        if (product != null) {
            return Optional.of(new ProductNames(product.companyName(), product.productName(), true));
        }
        if (parsed.get().isDefaultProduct()) {
            return Optional.of(new ProductNames(CUSTOM_COMPANY_NAME, CUSTOM_PRODUCT_NAME, false));
        }
        return Optional.empty();
    }
}
