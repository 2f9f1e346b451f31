package io.muster.outbound;

import io.muster.api.ApiException;
import io.muster.api.Json;
import io.muster.api.PageToken;
import io.muster.db.Database;
import io.muster.db.Transactions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What was delivered where: deliveries with their attempts, redelivery, and test events. */
@ApplicationScoped
public class Deliveries {

    public static final String TEST_EVENT = "Muster Test Event";

    /** One event's delivery to one target. */
    public record Delivery(long id, String eventId, String targetId, String ruleId, String status, int attempts, Instant nextAttemptAt,
            Integer lastStatusCode, String lastError, Instant createdAt, Instant finishedAt) {
    }

    /** One attempt to deliver. */
    public record Attempt(Instant at, Integer statusCode, long latencyMillis, String error) {
    }

    /** A page of deliveries, newest first. */
    public record Page(List<Delivery> deliveries, String nextToken) {
    }

    private static final String COLUMNS = "id, event_id, target_id, rule_id, status, attempts, next_attempt_at, last_status_code, "
            + "last_error, created_at, finished_at";

    @Inject
    Database database;

    @Inject
    Transactions transactions;

    @Inject
    Outbox outbox;

    @Inject
    OutboundTargets targets;

    public Page list(Optional<String> status, Optional<String> targetId, Optional<String> eventId, int maxResults, String nextToken) {
        long before = Long.MAX_VALUE;
        if (nextToken != null) {
            var token = PageToken.decode(nextToken);
            if (!token.path("d").canConvertToLong()) {
                throw PageToken.invalid();
            }
            before = token.path("d").longValue();
        }
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM delivery WHERE id < ?");
        List<Object> parameters = new ArrayList<>(List.of(before));
        status.ifPresent(value -> {
            if (!List.of("PENDING", "DELIVERED", "DEAD").contains(value)) {
                throw ApiException.invalidInput("Status must be PENDING, DELIVERED or DEAD, not '" + value + "'");
            }
            sql.append(" AND status = ?");
            parameters.add(value);
        });
        targetId.ifPresent(value -> {
            sql.append(" AND target_id = ?");
            parameters.add(value);
        });
        eventId.ifPresent(value -> {
            sql.append(" AND event_id = ?");
            parameters.add(value);
        });
        sql.append(" ORDER BY id DESC LIMIT ?");
        parameters.add(maxResults + 1);
        List<Delivery> found = query(sql.toString(), parameters.toArray());
        if (found.size() > maxResults) {
            List<Delivery> page = found.subList(0, maxResults);
            return new Page(page, PageToken.encode(Json.object().put("d", page.get(page.size() - 1).id())));
        }
        return new Page(found, null);
    }

    public Delivery find(long id) {
        return query("SELECT " + COLUMNS + " FROM delivery WHERE id = ?", id).stream().findFirst()
                .orElseThrow(() -> ApiException.notFound("No delivery has the id " + id + "; GET /outbound/deliveries lists them"));
    }

    public List<Attempt> attempts(long deliveryId) {
        try (Connection connection = database.connection(); PreparedStatement select = connection.prepareStatement(
                "SELECT attempted_at, status_code, latency_ms, error FROM delivery_attempt WHERE delivery_id = ? ORDER BY id")) {
            select.setLong(1, deliveryId);
            List<Attempt> attempts = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    attempts.add(new Attempt(rows.getObject(1, OffsetDateTime.class).toInstant(), (Integer) rows.getObject(2),
                            rows.getLong(3), rows.getString(4)));
                }
            }
            return attempts;
        } catch (SQLException e) {
            throw new IllegalStateException("Delivery attempts could not be read", e);
        }
    }

    /** The event a delivery carries, as sent. */
    public String payload(String eventId) {
        try (Connection connection = database.connection();
                PreparedStatement select = connection.prepareStatement("SELECT payload FROM outbox_event WHERE event_id = ?")) {
            select.setString(1, eventId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The event could not be read", e);
        }
    }

    /** Sends a delivery's event to its target again, as a new delivery due now. */
    public long redeliver(long id) {
        Delivery delivery = find(id);
        targets.find(delivery.targetId());
        return transactions.inTransaction(connection -> {
            EventRouter.insert(connection, List.<String[]>of(new String[] {delivery.eventId(), delivery.targetId(), delivery.ruleId()}));
            return lastDelivery(connection, delivery.eventId(), delivery.targetId());
        });
    }

    /** Sends any event still in the outbox to a target, as a new delivery due now (whatever rules said when it was written). */
    public long send(String eventId, String targetId) {
        targets.find(targetId);
        if (payload(eventId) == null) {
            throw ApiException.notFound("No event has the id '" + eventId + "' in the outbox");
        }
        return transactions.inTransaction(connection -> {
            EventRouter.insert(connection, List.<String[]>of(new String[] {eventId, targetId, null}));
            return lastDelivery(connection, eventId, targetId);
        });
    }

    /** Writes a "Muster Test Event" for one target, delivered like any other event; returns the delivery's id. */
    public long test(String targetId, String account, String region) {
        targets.find(targetId);
        String eventId = UUID.randomUUID().toString();
        OutboundEvent event = SecurityHubEvents.test(eventId, Instant.now(), account, region, targetId);
        return transactions.inTransaction(connection -> {
            outbox.appendWithoutRouting(connection, List.of(event));
            EventRouter.insert(connection, List.<String[]>of(new String[] {eventId, targetId, null}));
            return lastDelivery(connection, eventId, targetId);
        });
    }

    private static long lastDelivery(Connection connection, String eventId, String targetId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT MAX(id) FROM delivery WHERE event_id = ? AND target_id = ?")) {
            select.setString(1, eventId);
            select.setString(2, targetId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private List<Delivery> query(String sql, Object... parameters) {
        try (Connection connection = database.connection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<Delivery> found = new ArrayList<>();
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    found.add(new Delivery(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getInt(6),
                            instant(r, 7), (Integer) r.getObject(8), r.getString(9), instant(r, 10), instant(r, 11)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("Deliveries could not be read", e);
        }
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
