package io.muster.finding;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.api.PageToken;
import io.muster.auth.AccessScope;
import io.muster.db.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GetFindingHistory: the changes of one finding, oldest first, one record per change (its creation, an
 * import, an analyst's update or an automation rule's), each with who made it and the fields it changed.
 * A finding outside the caller's scope has no history the caller can see.
 */
@ApplicationScoped
public class FindingHistory {

    public static final int MAX_RESULTS = 100;

    /** A page of history records in the wire shape, and the token for the next page (or null). */
    public record Page(List<ObjectNode> records, String nextToken) {
    }

    private record Change(String id, long sequence) {
    }

    @Inject
    Database database;

    public Page history(FindingKey key, Instant start, Instant end, String nextToken, int maxResults, AccessScope scope) {
        Change after = nextToken == null ? null : position(nextToken, key);
        try (Connection connection = database.connection()) {
            Long findingId = visibleFinding(connection, key, scope);
            if (findingId == null) {
                return new Page(List.of(), null);
            }
            List<Change> changes = changes(connection, findingId, start, end, after, maxResults + 1);
            boolean more = changes.size() > maxResults;
            if (more) {
                changes = changes.subList(0, maxResults);
            }
            List<ObjectNode> records = records(connection, findingId, key, changes);
            String next = more ? token(key, changes.get(changes.size() - 1)) : null;
            return new Page(records, next);
        } catch (SQLException e) {
            throw new IllegalStateException("Finding history could not be read", e);
        }
    }

    private static Long visibleFinding(Connection connection, FindingKey key, AccessScope scope) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, aws_account_id, product_arn, asff_id FROM finding WHERE finding_key = ?")) {
            select.setString(1, key.hash());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next() || !scope.allowsAccount(row.getString(2)) || !key.productArn().equals(row.getString(3))
                        || !key.id().equals(row.getString(4))) {
                    return null;
                }
                return row.getLong(1);
            }
        }
    }

    private static List<Change> changes(Connection connection, long findingId, Instant start, Instant end, Change after, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT change_id, MIN(id) AS seq FROM finding_history WHERE finding_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(findingId));
        if (start != null) {
            sql.append(" AND changed_at >= ?");
            parameters.add(start.atOffset(ZoneOffset.UTC));
        }
        if (end != null) {
            sql.append(" AND changed_at <= ?");
            parameters.add(end.atOffset(ZoneOffset.UTC));
        }
        sql.append(" GROUP BY change_id");
        if (after != null) {
            sql.append(" HAVING MIN(id) > ?");
            parameters.add(after.sequence());
        }
        sql.append(" ORDER BY seq LIMIT ?");
        parameters.add(limit);
        List<Change> changes = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            FindingSearch.bind(select, parameters);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    changes.add(new Change(row.getString(1), row.getLong(2)));
                }
            }
        }
        return changes;
    }

    private static List<ObjectNode> records(Connection connection, long findingId, FindingKey key, List<Change> changes)
            throws SQLException {
        Map<String, ObjectNode> records = new LinkedHashMap<>();
        for (Change change : changes) {
            records.put(change.id(), null);
        }
        if (changes.isEmpty()) {
            return List.of();
        }
        String sql = "SELECT change_id, changed_at, source_type, source_identity, finding_created, field, old_value, new_value "
                + "FROM finding_history WHERE finding_id = ? AND change_id IN (" + "?, ".repeat(changes.size() - 1) + "?) ORDER BY id";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, findingId);
            for (int i = 0; i < changes.size(); i++) {
                select.setString(i + 2, changes.get(i).id());
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    ObjectNode record = records.get(row.getString(1));
                    if (record == null) {
                        record = Json.object();
                        record.putObject("FindingIdentifier").put("Id", key.id()).put("ProductArn", key.productArn());
                        record.put("UpdateTime", row.getObject(2, OffsetDateTime.class).toInstant().toString());
                        record.put("FindingCreated", row.getBoolean(5));
                        record.putObject("UpdateSource").put("Type", row.getString(3)).put("Identity", row.getString(4));
                        record.putArray("Updates");
                        records.put(row.getString(1), record);
                    }
                    if (row.getString(6) != null) {
                        ObjectNode update = ((ArrayNode) record.get("Updates")).addObject().put("UpdatedField", row.getString(6));
                        if (row.getString(7) != null) {
                            update.put("OldValue", row.getString(7));
                        }
                        if (row.getString(8) != null) {
                            update.put("NewValue", row.getString(8));
                        }
                    }
                }
            }
        }
        return new ArrayList<>(records.values());
    }

    private static String token(FindingKey key, Change last) {
        return PageToken.encode(Json.object().put("f", key.hash()).put("s", last.sequence()));
    }

    private static Change position(String nextToken, FindingKey key) {
        ObjectNode token = PageToken.decode(nextToken);
        if (!key.hash().equals(token.path("f").asText()) || !token.path("s").canConvertToLong()) {
            throw PageToken.invalid();
        }
        return new Change(null, token.get("s").asLong());
    }
}
