package io.muster.insight;

import io.muster.api.JsonInput;
import io.muster.auth.AccessScope;
import io.muster.db.Database;
import io.muster.db.Sql;
import io.muster.finding.filter.FilterParser;
import io.muster.finding.filter.FindingFilter;
import io.muster.finding.filter.SqlFilter;
import io.muster.finding.filter.SqlFragment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * GetInsightResults: the findings matching an insight's filters, within the caller's accounts, counted per
 * value of its group-by attribute — most findings first (ties by value), at most {@link #MAX_GROUPS}
 * groups as Security Hub answers. Most managed insights are read from counts every write keeps current
 * ({@link ManagedInsightCounts}); the others are grouped from the findings when asked. Either way the
 * results are as fresh as the last committed write.
 */
@ApplicationScoped
public class InsightResults {

    public static final int MAX_GROUPS = 100;

    /** One group: a value of the group-by attribute and how many matching findings have it. */
    public record Group(String value, long count) {
    }

    @Inject
    Database database;

    @Inject
    ManagedInsightCounts counts;

    public List<Group> results(Insight insight, AccessScope scope, Instant now) {
        return counts.results(insight, scope).orElseGet(() -> computed(insight, scope, now));
    }

    /** The results grouped from the findings now, whatever insight it is. */
    public List<Group> computed(Insight insight, AccessScope scope, Instant now) {
        FindingFilter filter = FilterParser.parse(JsonInput.of(insight.filters(), "Filters"), now);
        GroupBy groupBy = new GroupBy(insight.groupBy());
        SqlFragment sql = new SqlFragment().append("SELECT " + groupBy.value() + ", COUNT(*) FROM ").append(groupBy.from());
        SqlFragment where = SqlFilter.where(filter, scope);
        if (!groupBy.present().isEmpty()) {
            where = where.isEmpty() ? new SqlFragment().append(groupBy.present()) : where.append(" AND " + groupBy.present());
        }
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(where);
        }
        sql.append(" GROUP BY " + groupBy.value() + " ORDER BY 2 DESC, 1 ASC LIMIT " + MAX_GROUPS);
        try (Connection connection = database.connection(); PreparedStatement statement = connection.prepareStatement(sql.sql())) {
            Sql.bind(statement, sql.parameters());
            List<Group> groups = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    groups.add(new Group(rows.getString(1), rows.getLong(2)));
                }
            }
            return groups;
        } catch (SQLException e) {
            throw new IllegalStateException("Insight results could not be computed: " + sql.sql(), e);
        }
    }
}
