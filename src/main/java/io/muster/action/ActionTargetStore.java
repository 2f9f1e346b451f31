package io.muster.action;

import io.muster.db.Database;
import io.muster.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Action targets in the {@code action_target} table, keyed by their Id. */
@ApplicationScoped
class ActionTargetStore {

    /** A stored action target; its ARN is made by {@link ActionTargets}. */
    record Row(String id, String name, String description, OffsetDateTime createdAt) {
    }

    /** How an insert ended. */
    enum Inserted {
        YES, DUPLICATE_ID, LIMIT_REACHED
    }

    @Inject
    Database database;

    List<Row> all() {
        return query("SELECT target_id, name, description, created_at FROM action_target ORDER BY created_at, target_id");
    }

    Optional<Row> find(String id) {
        return query("SELECT target_id, name, description, created_at FROM action_target WHERE target_id = ?", id).stream().findFirst();
    }

    Inserted insertWithin(Row row, int limit) {
        try (Connection connection = database.connection()) {
            if (find(connection, row.id())) {
                return Inserted.DUPLICATE_ID;
            }
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM action_target");
                    ResultSet rows = count.executeQuery()) {
                rows.next();
                if (rows.getInt(1) >= limit) {
                    return Inserted.LIMIT_REACHED;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO action_target (target_id, name, description, created_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, row.id());
                insert.setString(2, row.name());
                insert.setString(3, row.description());
                insert.setObject(4, row.createdAt());
                insert.executeUpdate();
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    return Inserted.DUPLICATE_ID;
                }
                throw e;
            }
            return Inserted.YES;
        } catch (SQLException e) {
            throw new IllegalStateException("The action target could not be stored", e);
        }
    }

    boolean update(String id, String name, String description) {
        return write("UPDATE action_target SET name = ?, description = ? WHERE target_id = ?", name, description, id) == 1;
    }

    boolean delete(String id) {
        return write("DELETE FROM action_target WHERE target_id = ?", id) == 1;
    }

    private static boolean find(Connection connection, String id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM action_target WHERE target_id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    private int write(String sql, Object... parameters) {
        return Sql.update(database, "Action targets", sql, parameters);
    }

    private List<Row> query(String sql, Object... parameters) {
        return Sql.query(database, "Action targets", sql, result -> new Row(result.getString(1), result.getString(2), result.getString(3),
                result.getObject(4, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC)), parameters);
    }
}
