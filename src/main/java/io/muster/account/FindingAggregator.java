package io.muster.account;

import java.time.Instant;
import java.util.List;

/**
 * A finding aggregator as the client configured it: the account it belongs to, its Id (the end of its ARN), its
 * aggregation Region (where it was created), RegionLinkingMode and Regions. Muster keeps every Region's findings
 * in one store whatever it says.
 */
public record FindingAggregator(String accountId, String id, String aggregationRegion, String regionLinkingMode, List<String> regions,
        Instant createdAt, Instant updatedAt) {

    public FindingAggregator {
        regions = List.copyOf(regions);
    }

    /** {@code arn:aws:securityhub:<aggregation Region>:<account>:finding-aggregator/<id>}. */
    public String arn() {
        return "arn:aws:securityhub:" + aggregationRegion + ":" + accountId + ":finding-aggregator/" + id;
    }
}
