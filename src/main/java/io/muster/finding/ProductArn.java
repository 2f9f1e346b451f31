package io.muster.finding;

/**
 * The parts of a product ARN, {@code arn:<partition>:securityhub:<region>:<account>:product/<company>/<product>},
 * from which Security Hub names a finding's CompanyName, ProductName and Region when the provider does not.
 */
record ProductArn(String region, String account, String companyId, String productId) {

    static ProductArn parse(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[5].startsWith("product/")) {
            throw new IllegalArgumentException("not a product ARN: " + arn);
        }
        String resource = parts[5].substring("product/".length());
        int slash = resource.indexOf('/');
        if (slash <= 0 || slash == resource.length() - 1) {
            throw new IllegalArgumentException("not a product ARN: " + arn);
        }
        return new ProductArn(parts[3], parts[4], resource.substring(0, slash), resource.substring(slash + 1));
    }
}
