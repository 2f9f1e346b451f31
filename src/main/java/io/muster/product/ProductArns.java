package io.muster.product;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading the ARNs of products ({@code arn:aws:securityhub:<region>:<account>:product/<company-id>/<product-id>})
 * and of product subscriptions ({@code arn:aws:securityhub:<region>:<account>:product-subscription/<company-id>/<product-id>}).
 * A product is identified by its last two parts, its key; the Region and account parts say where it is offered.
 */
final class ProductArns {

    private static final Pattern PRODUCT = Pattern.compile("arn:(aws[a-z-]*):securityhub:([a-z0-9-]*):(\\d{12})?:product/([^/\\s]+)/([^/\\s]+)");
    private static final Pattern SUBSCRIPTION = Pattern.compile(
            "arn:(aws[a-z-]*):securityhub:([a-z0-9-]+):(\\d{12}):product-subscription/([^/\\s]+)/([^/\\s]+)");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    /** The parts of a product or subscription ARN; {@code account} is empty when the ARN names none. */
    record Parsed(String region, String account, String companyId, String productId) {

        String key() {
            return companyId + "/" + productId;
        }

        /** The custom integration of an account: {@code product/<account>/default}. */
        boolean isDefaultProduct() {
            return "default".equals(productId) && ACCOUNT_ID.matcher(companyId).matches();
        }
    }

    private ProductArns() {
    }

    static Optional<Parsed> product(String arn) {
        return parse(PRODUCT, arn);
    }

    static Optional<Parsed> subscription(String arn) {
        return parse(SUBSCRIPTION, arn);
    }

    /** {@code arn:aws:securityhub:<region>:<account>:product-subscription/<company-id>/<product-id>}. */
    static String subscriptionArn(String region, String account, String key) {
        return "arn:aws:securityhub:" + region + ":" + account + ":product-subscription/" + key;
    }

    /** The custom integration's product ARN of an account in a Region. */
    static String defaultProductArn(String region, String account) {
        return "arn:aws:securityhub:" + region + ":" + account + ":product/" + account + "/default";
    }

    private static Optional<Parsed> parse(Pattern pattern, String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        Matcher matcher = pattern.matcher(arn);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(matcher.group(2), matcher.group(3) == null ? "" : matcher.group(3), matcher.group(4), matcher.group(5)));
    }
}
