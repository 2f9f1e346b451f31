package io.muster.compliance;

import io.muster.MusterConfig;
import io.muster.auth.AccessScope;
import io.muster.db.Database;
import io.muster.db.JobLocks;
import io.muster.db.Transactions;
import io.muster.outbound.OutboundEvent;
import io.muster.outbound.Outbox;
import io.muster.outbound.SecurityHubEvents;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Score history: every {@code muster.compliance.snapshot-interval}, the score of each enabled standard —
 * over all accounts and per account — is recorded when it differs from the last record or that record is
 * from an earlier day (UTC), so a chart has a point a day and one for every change. Records older than
 * {@code muster.compliance.trend-retention} are deleted.
 */
@ApplicationScoped
public class ScoreSnapshots {

    private static final Logger LOG = Logger.getLogger(ScoreSnapshots.class);
    /** The account column's value for a snapshot over all accounts. */
    static final String ALL_ACCOUNTS = "";

    /** One point of a score's history. */
    public record Snapshot(Instant takenAt, Integer score, Integer weightedScore, int passed, int failed, int unknown, int noData,
            int disabled) {

        boolean sameScoreAs(Snapshot other) {
            return Objects.equals(score, other.score) && Objects.equals(weightedScore, other.weightedScore)
                    && passed == other.passed && failed == other.failed && unknown == other.unknown && noData == other.noData
                    && disabled == other.disabled;
        }
    }

    @Inject
    Database database;

    @Inject
    JobLocks jobs;

    @Inject
    Outbox outbox;

    @Inject
    MusterConfig muster;

    @Inject
    Transactions transactions;

    @Inject
    Standards standards;

    @Inject
    Subscriptions subscriptions;

    @Inject
    ComplianceScores scores;

    @Inject
    ComplianceConfig config;

    private ScheduledExecutorService scheduler;

    void onStart(@Observes StartupEvent event) {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "muster-score-snapshots");
            thread.setDaemon(true);
            return thread;
        });
        long interval = Math.max(1, config.snapshotInterval().toMillis());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                // one replica at a time, once per interval across replicas
                jobs.runExclusively("score-snapshots", Duration.ofMillis(interval * 4 / 5), connection -> takeSnapshots(Instant.now()));
            } catch (RuntimeException e) {
                LOG.warn("Taking score snapshots failed; trying again at the next interval", e);
            }
        }, Math.min(interval, 5_000), interval, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** Records the scores that changed (or were last recorded on an earlier day); returns how many. */
    public synchronized int takeSnapshots(Instant now) {
        List<CompliancePack> enabled = subscriptions.enabled().keySet().stream().map(standards::byKey)
                .flatMap(Optional::stream).toList();
        List<Object[]> toInsert = new ArrayList<>();
        List<OutboundEvent> changes = new ArrayList<>();
        Map<String, Snapshot> latest = latest();
        List<String> accounts = new ArrayList<>(accounts());
        accounts.add(0, ALL_ACCOUNTS);
        for (String account : accounts) {
            var where = new ComplianceScores.Where(AccessScope.UNRESTRICTED,
                    account.isEmpty() ? Optional.empty() : Optional.of(account), Optional.empty());
            for (ComplianceScores.StandardScore score : scores.scores(enabled, where)) {
                Snapshot snapshot = snapshot(now, score);
                Snapshot last = latest.get(score.pack().key() + "|" + account);
                boolean sameDay = last != null && last.takenAt().truncatedTo(ChronoUnit.DAYS).equals(now.truncatedTo(ChronoUnit.DAYS));
                if (last == null || !sameDay || !last.sameScoreAs(snapshot)) {
                    toInsert.add(new Object[] {score.pack().key(), account, snapshot});
                }
                if (last != null && (!Objects.equals(last.score(), snapshot.score())
                        || !Objects.equals(last.weightedScore(), snapshot.weightedScore()))) {
                    changes.add(SecurityHubEvents.scoreChanged(UUID.randomUUID().toString(), now, muster.accountId(), muster.region(),
                            score.pack().standardsArn(), score.pack().name(), account, last.score(), snapshot.score(), last.weightedScore(),
                            snapshot.weightedScore()));
                }
            }
        }
        Instant cutoff = now.minus(config.trendRetention());
        return transactions.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM score_snapshot WHERE taken_at < ?")) {
                delete.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
                delete.executeUpdate();
            }
            outbox.append(connection, changes);
            if (toInsert.isEmpty()) {
                return 0;
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO score_snapshot (standard_key, aws_account_id, "
                    + "taken_at, score, weighted_score, passed_count, failed_count, unknown_count, no_data_count, disabled_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Object[] row : toInsert) {
                    Snapshot snapshot = (Snapshot) row[2];
                    insert.setString(1, (String) row[0]);
                    insert.setString(2, (String) row[1]);
                    insert.setObject(3, snapshot.takenAt().atOffset(ZoneOffset.UTC));
                    setInteger(insert, 4, snapshot.score());
                    setInteger(insert, 5, snapshot.weightedScore());
                    insert.setInt(6, snapshot.passed());
                    insert.setInt(7, snapshot.failed());
                    insert.setInt(8, snapshot.unknown());
                    insert.setInt(9, snapshot.noData());
                    insert.setInt(10, snapshot.disabled());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return toInsert.size();
        });
    }

    /** A standard's score history over all accounts (account empty) or one account, oldest first. */
    public List<Snapshot> history(String standardKey, Optional<String> account, Instant from, Instant to) {
        List<Snapshot> series = new ArrayList<>();
        try (Connection connection = database.connection(); PreparedStatement select = connection.prepareStatement(
                "SELECT taken_at, score, weighted_score, passed_count, failed_count, unknown_count, no_data_count, disabled_count FROM score_snapshot "
                        + "WHERE standard_key = ? AND aws_account_id = ? AND taken_at >= ? AND taken_at <= ? ORDER BY taken_at")) {
            select.setString(1, standardKey);
            select.setString(2, account.orElse(ALL_ACCOUNTS));
            select.setObject(3, from.atOffset(ZoneOffset.UTC));
            select.setObject(4, to.atOffset(ZoneOffset.UTC));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    series.add(read(rows));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Score history could not be read", e);
        }
        return series;
    }

    private static Snapshot snapshot(Instant now, ComplianceScores.StandardScore score) {
        var counts = score.controlsByStatus();
        return new Snapshot(now, score.score(), score.weightedScore(), counts.get(ComplianceScores.Status.PASSED),
                counts.get(ComplianceScores.Status.FAILED), counts.get(ComplianceScores.Status.UNKNOWN),
                counts.get(ComplianceScores.Status.NO_DATA), counts.get(ComplianceScores.Status.DISABLED));
    }

    /** The newest snapshot of every standard and account, keyed {@code standard|account}. */
    private Map<String, Snapshot> latest() {
        Map<String, Snapshot> latest = new HashMap<>();
        try (Connection connection = database.connection(); PreparedStatement select = connection.prepareStatement(
                "SELECT s.standard_key, s.aws_account_id, s.taken_at, s.score, s.weighted_score, s.passed_count, s.failed_count, s.unknown_count, "
                        + "s.no_data_count, s.disabled_count FROM score_snapshot s JOIN (SELECT standard_key, aws_account_id, MAX(taken_at) AS "
                        + "taken_at FROM score_snapshot GROUP BY standard_key, aws_account_id) m ON m.standard_key = s.standard_key "
                        + "AND m.aws_account_id = s.aws_account_id AND m.taken_at = s.taken_at");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                latest.put(rows.getString(1) + "|" + rows.getString(2), new Snapshot(
                        rows.getObject(3, OffsetDateTime.class).toInstant(), integer(rows, 4), integer(rows, 5), rows.getInt(6),
                        rows.getInt(7), rows.getInt(8), rows.getInt(9), rows.getInt(10)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Score snapshots could not be read", e);
        }
        return latest;
    }

    private List<String> accounts() {
        List<String> accounts = new ArrayList<>();
        try (Connection connection = database.connection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT DISTINCT aws_account_id FROM control_evaluation ORDER BY aws_account_id");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                accounts.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Accounts could not be read", e);
        }
        return accounts;
    }

    private static Snapshot read(ResultSet rows) throws SQLException {
        return new Snapshot(rows.getObject(1, OffsetDateTime.class).toInstant(), integer(rows, 2), integer(rows, 3), rows.getInt(4),
                rows.getInt(5), rows.getInt(6), rows.getInt(7), rows.getInt(8));
    }

    private static Integer integer(ResultSet rows, int column) throws SQLException {
        int value = rows.getInt(column);
        return rows.wasNull() ? null : value;
    }

    private static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }
}
