package io.muster.retention;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.auth.AccessScope;
import io.muster.correlation.DuplicateGroups;
import io.muster.db.JobLocks;
import io.muster.db.Sql;
import io.muster.db.Transactions;
import io.muster.finding.ChangeSource;
import io.muster.finding.FieldChange;
import io.muster.finding.FindingChange;
import io.muster.finding.FindingDiff;
import io.muster.finding.FindingKey;
import io.muster.finding.FindingSearch;
import io.muster.finding.FindingState;
import io.muster.finding.FindingWriter;
import io.muster.finding.filter.FilterParser;
import io.muster.finding.filter.FindingFilter;
import io.muster.format.AsffTime;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Retention, an extension to Security Hub's fixed 90 days: findings not updated for
 * {@code muster.retention.period} are archived in batches through the one write path (a history record
 * "RecordState ACTIVE → ARCHIVED" by {@code muster/retention}, counters and scores kept right), and with
 * action DELETE then removed with everything stored about them. Runs every {@code interval} on one replica
 * at a time ({@link JobLocks}); off unless a period is set.
 */
@ApplicationScoped
public class Retention {

    /** Who archives, as GetFindingHistory shows it. */
    public static final String IDENTITY = "muster/retention";
    private static final Logger LOG = Logger.getLogger(Retention.class);
    private static final String[] DEPENDENT_TABLES = {"finding_value", "finding_history", "finding_control", "finding_entity"};

    /** What one run did. */
    public record Outcome(int archived, int deleted) {
    }

    @Inject
    RetentionConfig config;

    @Inject
    JobLocks jobs;

    @Inject
    Transactions transactions;

    @Inject
    FindingSearch search;

    @Inject
    FindingWriter writer;

    @Inject
    DuplicateGroups duplicateGroups;

    private ScheduledExecutorService scheduler;

    void onStart(@Observes StartupEvent event) {
        if (config.period().isEmpty()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "muster-retention");
            thread.setDaemon(true);
            return thread;
        });
        long interval = Math.max(1000, config.interval().toMillis());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                jobs.runExclusively("retention", config.interval().multipliedBy(4).dividedBy(5), connection -> run(Instant.now()))
                        .filter(outcome -> outcome.archived() + outcome.deleted() > 0)
                        .ifPresent(outcome -> LOG.infof("Retention: %d findings archived, %d deleted", outcome.archived(), outcome.deleted()));
            } catch (RuntimeException e) {
                LOG.warn("Retention failed; trying again at the next interval", e);
            }
        }, Math.min(interval, 10_000), interval, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** One run with the configured period and action (nothing without a period). */
    public Outcome run(Instant now) {
        return config.period().map(period -> run(now, period, config.action())).orElse(new Outcome(0, 0));
    }

    /** Archives (and with DELETE removes) the findings last updated before {@code now − period}. */
    public Outcome run(Instant now, Duration period, RetentionConfig.Action action) {
        Instant cutoff = now.minus(period);
        int archived = archive(cutoff, now);
        int deleted = action == RetentionConfig.Action.DELETE ? delete(cutoff) : 0;
        return new Outcome(archived, deleted);
    }

    private int archive(Instant cutoff, Instant now) {
        ObjectNode filters = Json.object();
        filters.putArray("UpdatedAt").addObject().put("End", AsffTime.format(cutoff));
        filters.putArray("RecordState").addObject().put("Value", "ACTIVE").put("Comparison", "EQUALS");
        FindingFilter filter = FilterParser.parse(JsonInput.of(filters, "Filters"), now);
        ChangeSource source = ChangeSource.updatedBy(IDENTITY);
        int archived = 0;
        long after = 0;
        while (true) {
            List<Map.Entry<Long, FindingKey>> page = search.keys(filter, AccessScope.UNRESTRICTED, after, config.batchSize());
            if (page.isEmpty()) {
                return archived;
            }
            after = page.get(page.size() - 1).getKey();
            Set<FindingKey> keys = new LinkedHashSet<>();
            page.forEach(entry -> keys.add(entry.getValue()));
            archived += transactions.inTransaction(connection -> {
                Map<FindingKey, FindingState> states = writer.lock(connection, keys, AccessScope.UNRESTRICTED);
                for (FindingState state : states.values()) {
                    // updated since the page was read: no longer due
                    if (!state.exists() || !"ACTIVE".equals(state.document().path("RecordState").asText())
                            || !AsffTime.parse(state.document().path("UpdatedAt").asText()).map(at -> at.toInstant().isBefore(cutoff)).orElse(false)) {
                        continue;
                    }
                    ObjectNode updated = state.document().deepCopy().put("RecordState", "ARCHIVED");
                    List<FieldChange> fields = FindingDiff.between(state.document(), updated);
                    state.apply(FindingChange.update(now, source, fields, updated), state.analystFields());
                }
                return writer.write(connection, states.values(), AccessScope.UNRESTRICTED);
            });
        }
    }

    private int delete(Instant cutoff) {
        int deleted = 0;
        while (true) {
            int removed = transactions.inTransaction(connection -> {
                List<Object[]> due = Sql.query(connection, "SELECT id, fingerprint FROM finding WHERE record_state = 'ARCHIVED' AND updated_at < ?"
                        + " ORDER BY id LIMIT ? FOR UPDATE", List.of(cutoff.atOffset(ZoneOffset.UTC), config.batchSize()),
                        rows -> new Object[] {rows.getLong(1), rows.getString(2)});
                if (due.isEmpty()) {
                    return 0;
                }
                List<Object> ids = new ArrayList<>();
                Set<String> fingerprints = new LinkedHashSet<>();
                for (Object[] row : due) {
                    ids.add(row[0]);
                    if (row[1] != null) {
                        fingerprints.add((String) row[1]);
                    }
                }
                String in = " IN (" + "?, ".repeat(ids.size() - 1) + "?)";
                for (String table : DEPENDENT_TABLES) {
                    Sql.update(connection, "DELETE FROM " + table + " WHERE finding_id" + in, ids);
                }
                Sql.update(connection, "DELETE FROM scan_finding WHERE finding_key IN (SELECT finding_key FROM finding WHERE id" + in + ")", ids);
                int count = Sql.update(connection, "DELETE FROM finding WHERE id" + in, ids);
                if (!fingerprints.isEmpty()) {
                    duplicateGroups.settle(connection, fingerprints);
                }
                return count;
            });
            deleted += removed;
            if (removed < config.batchSize()) {
                return deleted;
            }
        }
    }
}
