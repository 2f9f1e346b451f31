package io.muster.priority;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.auth.AccessScope;
import io.muster.db.Database;
import io.muster.db.Sql;
import io.muster.finding.filter.FilterAttribute;
import io.muster.finding.filter.FilterParser;
import io.muster.finding.filter.FindingFilter;
import io.muster.finding.filter.SqlFilter;
import io.muster.finding.filter.SqlFragment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Risk per resource and per account: the open findings (by default ACTIVE with Workflow NEW or NOTIFIED,
 * or any GetFindings filter) grouped by resource or account, ranked by their highest priority, then by the
 * sum of their priorities — "the ten riskiest resources" in one call, within the caller's accounts.
 */
@ApplicationScoped
public class RiskAggregates {

    public static final int MAX_RESULTS = 100;
    private static final String OPEN = "{\"RecordState\":[{\"Value\":\"ACTIVE\",\"Comparison\":\"EQUALS\"}],"
            + "\"WorkflowStatus\":[{\"Value\":\"NEW\",\"Comparison\":\"EQUALS\"},{\"Value\":\"NOTIFIED\",\"Comparison\":\"EQUALS\"}]}";

    /** How many findings at the head of the priority index are read to find the candidate groups. */
    private static final int SCAN_ROWS = 5000;
    private static final String RESOURCE_JOIN = " JOIN finding_value r ON r.finding_id = f.id AND r.attr = " + FilterAttribute.RESOURCE_ID.code();

    @Inject
    Database database;

    public enum Grouping {
        RESOURCES, ACCOUNTS
    }

    public ObjectNode rank(Grouping grouping, JsonInput request, AccessScope scope) {
        request.allowOnly("Filters", "MaxResults");
        Integer max = request.member("MaxResults").integer(1, MAX_RESULTS);
        int limit = max == null ? 10 : max;
        JsonInput filters = request.member("Filters");
        FindingFilter filter = FilterParser.parse(filters.isPresent() ? filters : JsonInput.parseBody(OPEN.getBytes()), Instant.now());
        SqlFragment where = SqlFilter.where(filter, scope);
        Optional<Set<List<String>>> candidates = candidates(grouping, where, limit);
        ObjectNode response = Json.object();
        ArrayNode ranked = response.putArray(grouping == Grouping.RESOURCES ? "Resources" : "Accounts");
        aggregate(grouping, where, candidates, limit).forEach(ranked::add);
        return response;
    }

    /**
     * The groups that can be among the top {@code limit}, read from the head of the priority index: every
     * group seen before the priority falls below that of the limit-th distinct group (a group whose highest
     * priority is lower ranks below all of these). Empty when that head is longer than SCAN_ROWS findings
     * (then every group is ranked).
     */
    private Optional<Set<List<String>>> candidates(Grouping grouping, SqlFragment where, int limit) {
        SqlFragment sql = new SqlFragment().append("SELECT " + (grouping == Grouping.RESOURCES ? "r.val_key, f.aws_account_id" : "f.aws_account_id, ''")
                + ", f.priority FROM finding f" + (grouping == Grouping.RESOURCES ? RESOURCE_JOIN : "") + " WHERE f.priority IS NOT NULL");
        if (!where.isEmpty()) {
            sql.append(" AND ").append(where);
        }
        sql.append(" ORDER BY f.priority DESC, f.id DESC LIMIT ?", SCAN_ROWS);
        List<Object[]> head = Sql.query(database, "Risk candidates", sql.sql(),
                rows -> new Object[] {List.of(rows.getString(1), rows.getString(2)), rows.getDouble(3)}, sql.parameters().toArray());
        Set<List<String>> groups = new LinkedHashSet<>();
        Double threshold = null;
        for (Object[] row : head) {
            double priority = (Double) row[1];
            if (threshold != null && priority < threshold) {
                return Optional.of(groups);
            }
            @SuppressWarnings("unchecked")
            List<String> group = (List<String>) row[0];
            groups.add(group);
            if (threshold == null && groups.size() == limit) {
                threshold = priority;
            }
        }
        return head.size() < SCAN_ROWS ? Optional.of(groups) : Optional.empty();
    }

    /** Highest priority, sum and count per group, ranked; only the candidate groups' findings when they are known. */
    private List<ObjectNode> aggregate(Grouping grouping, SqlFragment where, Optional<Set<List<String>>> candidates, int limit) {
        if (candidates.isPresent() && candidates.get().isEmpty()) {
            return List.of();
        }
        SqlFragment sql = new SqlFragment();
        if (grouping == Grouping.RESOURCES) {
            sql.append("SELECT COALESCE(r.val, r.val_key), f.aws_account_id, MAX(f.priority), SUM(f.priority), COUNT(*) FROM finding f" + RESOURCE_JOIN);
        } else {
            sql.append("SELECT f.aws_account_id, f.aws_account_id, MAX(f.priority), SUM(f.priority), COUNT(*) FROM finding f");
        }
        sql.append(" WHERE 1 = 1");
        if (!where.isEmpty()) {
            sql.append(" AND ").append(where);
        }
        candidates.ifPresent(groups -> {
            // the resource's indexed key (its first 200 characters): groups outside the candidates that share it rank lower
            sql.append(grouping == Grouping.RESOURCES ? " AND r.val_key IN (" : " AND f.aws_account_id IN (");
            String separator = "";
            for (String key : groups.stream().map(group -> group.get(0)).distinct().toList()) {
                sql.append(separator + "?", key);
                separator = ", ";
            }
            sql.append(")");
        });
        sql.append(grouping == Grouping.RESOURCES ? " GROUP BY COALESCE(r.val, r.val_key), f.aws_account_id" : " GROUP BY f.aws_account_id");
        sql.append(" ORDER BY 3 DESC, 4 DESC, 1 LIMIT ?", limit);
        return Sql.query(database, "Risk", sql.sql(), rows -> {
            ObjectNode entry = Json.object();
            if (grouping == Grouping.RESOURCES) {
                entry.put("ResourceId", rows.getString(1));
            }
            entry.put("AwsAccountId", rows.getString(2)).put("MaxPriority", Math.round(rows.getDouble(3)))
                    .put("TotalPriority", Math.round(rows.getDouble(4))).put("Findings", rows.getLong(5));
            return entry;
        }, sql.parameters().toArray());
    }
}
