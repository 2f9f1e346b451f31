package io.muster.insight;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.db.Database;
import io.muster.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Custom insights in the {@code insight} table, keyed by the id at the end of their ARN. */
@ApplicationScoped
class InsightStore {

    /** A stored custom insight; its ARN is made by {@link Insights}. */
    record Row(String id, String name, ObjectNode filters, String groupBy, Instant updatedAt) {
    }

    private static final String COLUMNS = "insight_id, name, filters, group_by_attribute, updated_at";

    @Inject
    Database database;

    List<Row> all() {
        return query("SELECT " + COLUMNS + " FROM insight ORDER BY created_at, insight_id");
    }

    Optional<Row> find(String id) {
        return query("SELECT " + COLUMNS + " FROM insight WHERE insight_id = ?", id).stream().findFirst();
    }

    /** Inserts the insight unless {@code limit} insights exist already; false when the limit stopped it. */
    boolean insertWithin(Row row, String createdBy, int limit) {
        try (Connection connection = database.connection()) {
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM insight");
                    ResultSet rows = count.executeQuery()) {
                rows.next();
                if (rows.getInt(1) >= limit) {
                    return false;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO insight (insight_id, name, filters, "
                    + "group_by_attribute, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                OffsetDateTime at = row.updatedAt().atOffset(ZoneOffset.UTC);
                insert.setString(1, row.id());
                insert.setString(2, row.name());
                insert.setString(3, Json.write(row.filters()));
                insert.setString(4, row.groupBy());
                insert.setString(5, createdBy);
                insert.setObject(6, at);
                insert.setObject(7, at);
                insert.executeUpdate();
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("The insight could not be stored", e);
        }
    }

    boolean replace(Row row) {
        return update("UPDATE insight SET name = ?, filters = ?, group_by_attribute = ?, updated_at = ? WHERE insight_id = ?",
                row.name(), Json.write(row.filters()), row.groupBy(), row.updatedAt().atOffset(ZoneOffset.UTC), row.id()) == 1;
    }

    boolean delete(String id) {
        return update("DELETE FROM insight WHERE insight_id = ?", id) == 1;
    }

    private int update(String sql, Object... parameters) {
        return Sql.update(database, "Insights", sql, parameters);
    }

    private List<Row> query(String sql, Object... parameters) {
        return Sql.query(database, "Insights", sql, rows -> new Row(rows.getString(1), rows.getString(2),
                (ObjectNode) Json.readStored(rows.getString(3)), rows.getString(4), rows.getObject(5, OffsetDateTime.class).toInstant()),
                parameters);
    }
}
