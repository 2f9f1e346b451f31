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

    @Inject
    Database database;

    public enum Grouping {
        RESOURCES, ACCOUNTS
    }

    public ObjectNode rank(Grouping grouping, JsonInput request, AccessScope scope) {
        request.allowOnly("Filters", "MaxResults");
        Integer max = request.member("MaxResults").integer(1, MAX_RESULTS);
        JsonInput filters = request.member("Filters");
        FindingFilter filter = FilterParser.parse(filters.isPresent() ? filters : JsonInput.parseBody(OPEN.getBytes()), Instant.now());
        SqlFragment where = SqlFilter.where(filter, scope);
        SqlFragment sql = new SqlFragment();
        if (grouping == Grouping.RESOURCES) {
            sql.append("SELECT COALESCE(r.val, r.val_key), f.aws_account_id, MAX(f.priority), SUM(f.priority), COUNT(*) FROM finding f"
                    + " JOIN finding_value r ON r.finding_id = f.id AND r.attr = " + FilterAttribute.RESOURCE_ID.code());
        } else {
            sql.append("SELECT f.aws_account_id, f.aws_account_id, MAX(f.priority), SUM(f.priority), COUNT(*) FROM finding f");
        }
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(where);
        }
        sql.append(grouping == Grouping.RESOURCES ? " GROUP BY COALESCE(r.val, r.val_key), f.aws_account_id" : " GROUP BY f.aws_account_id");
        sql.append(" ORDER BY 3 DESC, 4 DESC, 1 LIMIT ?", max == null ? 10 : max);
        ObjectNode response = Json.object();
        ArrayNode ranked = response.putArray(grouping == Grouping.RESOURCES ? "Resources" : "Accounts");
        Sql.query(database, "Risk", sql.sql(), rows -> {
            ObjectNode entry = Json.object();
            if (grouping == Grouping.RESOURCES) {
                entry.put("ResourceId", rows.getString(1));
            }
            entry.put("AwsAccountId", rows.getString(2)).put("MaxPriority", Math.round(rows.getDouble(3)))
                    .put("TotalPriority", Math.round(rows.getDouble(4))).put("Findings", rows.getLong(5));
            return entry;
        }, sql.parameters().toArray()).forEach(ranked::add);
        return response;
    }
}
