package io.muster.outbound;

import io.muster.db.Transactions;
import io.muster.metrics.MusterMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Delivers events from the outbox, at least once. Each worker claims one due delivery with
 * {@code SELECT … FOR UPDATE SKIP LOCKED} — so any number of workers and replicas never send the same
 * attempt twice — sends it, records the attempt (time, status, latency, error) and decides: delivered;
 * retried later on 429, 5xx, timeouts and refused connections (after {@code muster.outbound.retry-schedule},
 * or the receiver's Retry-After when longer); the target disabled on 410 Gone; dead-lettered on any other
 * answer or after the last retry. A delivery interrupted by a crash is still PENDING and is sent again.
 */
@ApplicationScoped
public class OutboundDispatcher {

    private static final Logger LOG = Logger.getLogger(OutboundDispatcher.class);
    private static final String CLAIM = "SELECT d.id, d.event_id, d.target_id, d.attempts FROM delivery d WHERE d.status = 'PENDING' "
            + "AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at, d.id LIMIT ? FOR UPDATE SKIP LOCKED";

    /** How long one claimed batch may take before its unsent deliveries are handed back. */
    private static final Duration BATCH_TIME_BUDGET = Duration.ofSeconds(20);

    @Inject
    MusterMetrics metrics;

    @Inject
    OutboundConfig config;

    @Inject
    Transactions transactions;

    @Inject
    OutboundTargets targets;

    @Inject
    WebhookSender sender;

    @Inject
    ChannelSender channel;

    private final AtomicBoolean running = new AtomicBoolean();
    private ExecutorService workers;

    void onStart(@Observes StartupEvent event) {
        if (config.dispatch()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts the workers (idempotent). */
    public synchronized void start() {
        if (running.getAndSet(true)) {
            return;
        }
        workers = Executors.newFixedThreadPool(Math.max(1, config.workers()), runnable -> {
            Thread thread = new Thread(runnable, "muster-outbound-dispatch");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < Math.max(1, config.workers()); i++) {
            workers.submit(this::work);
        }
    }

    /** Stops the workers, letting each finish the delivery it holds. */
    public synchronized void stop() {
        if (!running.getAndSet(false)) {
            return;
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(40, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
    }

    private void work() {
        while (running.get()) {
            boolean delivered = false;
            try {
                delivered = deliverBatch(Math.max(1, config.claimBatch())) > 0;
            } catch (RuntimeException e) {
                LOG.warn("Delivering an outbound event failed; it stays due and is tried again", e);
            }
            if (!delivered) {
                try {
                    Thread.sleep(config.pollInterval().toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Claims and sends one due delivery; false when none was due. */
    public boolean deliverOne() {
        return deliverBatch(1) > 0;
    }

    /**
     * Claims up to {@code max} due deliveries in one transaction, sends them one after the other and records
     * each outcome; returns how many were claimed. Rows stay locked until the transaction commits, so no other
     * dispatcher sends them meanwhile.
     */
    int deliverBatch(int max) {
        return transactions.inTransaction(connection -> {
            Instant now = Instant.now();
            List<Object[]> claimed = new ArrayList<>();
            try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
                claim.setObject(1, at(now));
                claim.setInt(2, max);
                try (ResultSet row = claim.executeQuery()) {
                    while (row.next()) {
                        claimed.add(new Object[] {row.getLong(1), row.getString(2), row.getString(3), row.getInt(4)});
                    }
                }
            }
            long started = System.nanoTime();
            for (Object[] delivery : claimed) {
                // slow receivers: hand the rest back (still due) rather than hold the transaction open for long
                if (System.nanoTime() - started > BATCH_TIME_BUDGET.toNanos()) {
                    break;
                }
                deliver(connection, (Long) delivery[0], (String) delivery[1], (String) delivery[2], (Integer) delivery[3]);
            }
            return claimed.size();
        });
    }

    private void deliver(Connection connection, long id, String eventId, String targetId, int attempts) throws SQLException {
        Instant now = Instant.now();
        String payload = payload(connection, eventId);
        OutboundTarget target;
        try {
            target = targets.find(targetId);
        } catch (RuntimeException gone) {
            finish(connection, id, "DEAD", null, "the target was deleted");
            return;
        }
        if (payload == null) {
            finish(connection, id, "DEAD", null, "the event is no longer in the outbox");
            return;
        }
        if (target.status() == OutboundTarget.Status.DISABLED) {
            postpone(connection, id, attempts, now.plus(Duration.ofMinutes(1)), null, "the target is disabled: " + target.statusReason());
            return;
        }
        WebhookSender.Outcome outcome = target.kind() == OutboundTarget.Kind.CHANNEL
                ? channel.send(target, eventId, routingKey(payload), payload)
                : sender.send(target, targets.secrets(targetId), eventId, payload);
        record(connection, id, now, outcome);
        metrics.deliveryAttempt(target.name(), outcome.delivered());
        int made = attempts + 1;
        List<Duration> schedule = config.retrySchedule();
        if (outcome.delivered()) {
            finish(connection, id, "DELIVERED", outcome.statusCode(), null, made);
        } else if (Integer.valueOf(410).equals(outcome.statusCode())) {
            OutboundTargetStore.disable(connection, targetId, "its receiver answered 410 Gone at " + now);
            finish(connection, id, "DEAD", 410, outcome.error() + " (the target is now disabled)", made);
        } else if (outcome.retryable() && made <= schedule.size()) {
            Duration wait = schedule.get(made - 1);
            if (outcome.retryAfter() != null && outcome.retryAfter().compareTo(wait) > 0) {
                wait = outcome.retryAfter();
            }
            postpone(connection, id, made, now.plus(wait), outcome.statusCode(), outcome.error());
        } else {
            finish(connection, id, "DEAD", outcome.statusCode(), outcome.error(), made);
        }
    }

    /** A channel message's key: the event's first resource (a finding's {@code <ProductArn>/<Id>}, an action's ARN). */
    private static String routingKey(String payload) {
        String resource = io.muster.api.Json.readStored(payload).path("resources").path(0).asText("");
        return resource.length() <= 255 ? resource : resource.substring(0, 255);
    }

    private static String payload(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT payload FROM outbox_event WHERE event_id = ?")) {
            select.setString(1, eventId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private static void record(Connection connection, long deliveryId, Instant at, WebhookSender.Outcome outcome) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO delivery_attempt (delivery_id, attempted_at, status_code, "
                + "latency_ms, error) VALUES (?, ?, ?, ?, ?)")) {
            insert.setLong(1, deliveryId);
            insert.setObject(2, at(at));
            insert.setObject(3, outcome.statusCode());
            insert.setLong(4, outcome.latencyMillis());
            insert.setString(5, clip(outcome.error()));
            insert.executeUpdate();
        }
    }

    private static void finish(Connection connection, long id, String status, Integer code, String error) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE delivery SET status = ?, last_status_code = ?, last_error = ?, "
                + "next_attempt_at = NULL, finished_at = ? WHERE id = ?")) {
            update.setString(1, status);
            update.setObject(2, code);
            update.setString(3, clip(error));
            update.setObject(4, at(Instant.now()));
            update.setLong(5, id);
            update.executeUpdate();
        }
    }

    private static void finish(Connection connection, long id, String status, Integer code, String error, int attempts) throws SQLException {
        finish(connection, id, status, code, error);
        try (PreparedStatement update = connection.prepareStatement("UPDATE delivery SET attempts = ? WHERE id = ?")) {
            update.setInt(1, attempts);
            update.setLong(2, id);
            update.executeUpdate();
        }
    }

    private static void postpone(Connection connection, long id, int attempts, Instant next, Integer code, String error) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE delivery SET attempts = ?, next_attempt_at = ?, "
                + "last_status_code = ?, last_error = ? WHERE id = ?")) {
            update.setInt(1, attempts);
            update.setObject(2, at(next));
            update.setObject(3, code);
            update.setString(4, clip(error));
            update.setLong(5, id);
            update.executeUpdate();
        }
    }

    private static String clip(String text) {
        return text == null || text.length() <= 1024 ? text : text.substring(0, 1023) + "…";
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
