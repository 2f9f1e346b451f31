package io.muster.outbound;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Events wait here for delivery. They are appended on the connection of the transaction that made the
 * change they describe, with the deliveries {@link EventRouter} routes them to, so an event and its
 * deliveries exist exactly when its change committed; nothing is sent from inside a request
 * ({@link OutboundDispatcher} sends).
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = "INSERT INTO outbox_event (event_id, detail_type, created_at, payload) VALUES (?, ?, ?, ?)";

    @Inject
    EventRouter router;

    /** Appends events, with a delivery for every target an outbound rule sends them to. */
    public void append(Connection connection, List<OutboundEvent> events) throws SQLException {
        appendWithoutRouting(connection, events);
        router.route(connection, events);
    }

    /** Appends events that go nowhere by rules (a test event is delivered to its one target). */
    void appendWithoutRouting(Connection connection, List<OutboundEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (OutboundEvent event : events) {
                insert.setString(1, event.id());
                insert.setString(2, event.detailType());
                insert.setObject(3, event.time().atOffset(ZoneOffset.UTC));
                insert.setString(4, event.envelope());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
