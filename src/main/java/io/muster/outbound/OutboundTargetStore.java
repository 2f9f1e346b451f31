package io.muster.outbound;

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

/** Outbound targets in {@code outbound_target}, with their encrypted signing secrets. */
@ApplicationScoped
class OutboundTargetStore {

    /** A stored target and its secrets as stored (encrypted). */
    record Row(OutboundTarget target, String secret, String previousSecret, Instant previousSecretUntil) {
    }

    private static final String COLUMNS = "target_id, name, kind, url, headers, timeout_ms, channel, status, status_reason, created_at, "
            + "updated_at, secret, previous_secret, previous_secret_until";

    @Inject
    Database database;

    List<Row> all() {
        return query("SELECT " + COLUMNS + " FROM outbound_target ORDER BY created_at, target_id");
    }

    Optional<Row> find(String id) {
        return query("SELECT " + COLUMNS + " FROM outbound_target WHERE target_id = ?", id).stream().findFirst();
    }

    void insert(Row row) {
        OutboundTarget t = row.target();
        write("INSERT INTO outbound_target (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", t.id(), t.name(),
                t.kind().name(), t.url(), t.headers() == null ? null : Json.write(t.headers()), t.timeoutMillis(), t.channel(),
                t.status().name(), t.statusReason(), at(t.createdAt()), at(t.updatedAt()), row.secret(), row.previousSecret(),
                at(row.previousSecretUntil()));
    }

    boolean update(OutboundTarget t) {
        return write("UPDATE outbound_target SET name = ?, url = ?, headers = ?, timeout_ms = ?, channel = ?, status = ?, "
                + "status_reason = ?, updated_at = ? WHERE target_id = ?", t.name(), t.url(), t.headers() == null ? null : Json.write(t.headers()),
                t.timeoutMillis(), t.channel(), t.status().name(), t.statusReason(), at(t.updatedAt()), t.id()) == 1;
    }

    boolean rotate(String id, String secret, String previousSecret, Instant previousUntil) {
        return write("UPDATE outbound_target SET secret = ?, previous_secret = ?, previous_secret_until = ?, updated_at = ? "
                + "WHERE target_id = ?", secret, previousSecret, at(previousUntil), at(Instant.now()), id) == 1;
    }

    /** Disables a target on its receiver's request (HTTP 410), in the delivering transaction. */
    static void disable(Connection connection, String id, String reason) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE outbound_target SET status = 'DISABLED', status_reason = ?, updated_at = ? WHERE target_id = ?")) {
            update.setString(1, reason);
            update.setObject(2, at(Instant.now()));
            update.setString(3, id);
            update.executeUpdate();
        }
    }

    boolean delete(String id) {
        return write("DELETE FROM outbound_target WHERE target_id = ?", id) == 1;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private int write(String sql, Object... parameters) {
        return Sql.update(database, "Outbound targets", sql, parameters);
    }

    private List<Row> query(String sql, Object... parameters) {
        return Sql.query(database, "Outbound targets", sql, r -> {
            String headers = r.getString(5);
            OutboundTarget target = new OutboundTarget(r.getString(1), r.getString(2), OutboundTarget.Kind.valueOf(r.getString(3)),
                    r.getString(4), headers == null ? null : (ObjectNode) Json.readStored(headers), r.getInt(6), r.getString(7),
                    OutboundTarget.Status.valueOf(r.getString(8)), r.getString(9), instant(r, 10), instant(r, 11));
            return new Row(target, r.getString(12), r.getString(13), instant(r, 14));
        }, parameters);
    }
}
