package io.muster.finding.filter;

import java.util.List;

/** A parsed AwsSecurityFindingFilters: the AND of one criterion per attribute. Empty matches everything. */
public record FindingFilter(List<Criterion> criteria) {

    public static final FindingFilter ALL = new FindingFilter(List.of());

    public boolean isEmpty() {
        return criteria.isEmpty();
    }
}
