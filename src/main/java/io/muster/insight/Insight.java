package io.muster.insight;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.finding.filter.FilterAttribute;
import java.time.Instant;

/**
 * An insight: a finding filter and the attribute its findings are grouped by. Managed insights are part
 * of Muster and read-only; custom ones are created by users (at most {@link Insights#MAX_CUSTOM}).
 *
 * @param filters AwsSecurityFindingFilters as sent (date ranges count back from each request)
 * @param updatedAt null for managed insights
 */
public record Insight(String arn, String name, ObjectNode filters, FilterAttribute groupBy, boolean managed, Instant updatedAt) {
}
