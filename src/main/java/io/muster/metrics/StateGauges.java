package io.muster.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.muster.auth.AccessScope;
import io.muster.compliance.ComplianceScores;
import io.muster.compliance.CompliancePack;
import io.muster.compliance.Standards;
import io.muster.compliance.Subscriptions;
import io.muster.db.Database;
import io.muster.db.Sql;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gauges read from the database when Prometheus scrapes, at most every few seconds: the outbox backlog
 * (deliveries pending) and the age of its oldest entry, and the score of each enabled standard.
 */
@ApplicationScoped
public class StateGauges {

    private static final Duration FRESH = Duration.ofSeconds(5);

    @Inject
    MeterRegistry registry;

    @Inject
    Database database;

    @Inject
    Standards standards;

    @Inject
    Subscriptions subscriptions;

    @Inject
    ComplianceScores scores;

    private volatile Snapshot snapshot = new Snapshot(Instant.EPOCH, 0, 0, Map.of());

    private record Snapshot(Instant readAt, long backlog, double oldestAgeSeconds, Map<String, Double> scoreByStandard) {
    }

    void onStart(@Observes StartupEvent event) {
        Gauge.builder("muster.outbox.backlog", this, gauges -> gauges.current().backlog())
                .description("Deliveries waiting to be sent (PENDING)").register(registry);
        Gauge.builder("muster.outbox.oldest.age", this, gauges -> gauges.current().oldestAgeSeconds()).baseUnit("seconds")
                .description("Age of the oldest pending delivery").register(registry);
        for (CompliancePack pack : standards.packs()) {
            Gauge.builder("muster.score", this, gauges -> gauges.current().scoreByStandard().getOrDefault(pack.key(), Double.NaN))
                    .tag("standard", pack.name()).description("Security score (AWS formula, percent) of an enabled standard; NaN when not enabled or no data")
                    .register(registry);
        }
    }

    private synchronized Snapshot current() {
        Instant now = Instant.now();
        if (snapshot.readAt().plus(FRESH).isAfter(now)) {
            return snapshot;
        }
        List<Object[]> outbox = Sql.query(database, "Outbox backlog", "SELECT COUNT(*), MIN(created_at) FROM delivery WHERE status = 'PENDING'",
                rows -> new Object[] {rows.getLong(1), rows.getObject(2, OffsetDateTime.class)});
        OffsetDateTime oldest = (OffsetDateTime) outbox.get(0)[1];
        Map<String, Double> byStandard = new HashMap<>();
        List<CompliancePack> enabled = subscriptions.enabled().keySet().stream().map(standards::byKey).flatMap(Optional::stream).toList();
        var where = new ComplianceScores.Where(AccessScope.UNRESTRICTED, Optional.empty(), Optional.empty());
        for (ComplianceScores.StandardScore score : scores.scores(enabled, where)) {
            if (score.score() != null) {
                byStandard.put(score.pack().key(), score.score().doubleValue());
            }
        }
        snapshot = new Snapshot(now, (Long) outbox.get(0)[0], oldest == null ? 0 : Duration.between(oldest.toInstant(), now).toMillis() / 1000.0,
                byStandard);
        return snapshot;
    }
}
