package io.muster.product;

import java.util.List;

/**
 * One product integration of the catalogue, as DescribeProducts describes it.
 *
 * @param key          {@code <company-id>/<product-id>}, the last two parts of its ARN: what identifies it
 * @param arnTemplate  its ARN with {@code {region}} for the Region
 * @param source       the catalogue file it came from
 */
public record Product(String key, String arnTemplate, String productName, String companyName, String description,
        List<String> categories, List<String> integrationTypes, String marketplaceUrl, String activationUrl, boolean enabledByDefault,
        String source) {

    static final String SENDS_FINDINGS = "SEND_FINDINGS_TO_SECURITY_HUB";

    /** Its ARN in a Region. */
    public String arn(String region) {
        return arnTemplate.replace("{region}", region);
    }

    /** Whether it sends findings to the hub, so that import from it can be enabled. */
    public boolean sendsFindings() {
        return integrationTypes.contains(SENDS_FINDINGS);
    }
}
