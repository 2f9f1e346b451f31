package io.muster.compliance;

import io.muster.api.Json;
import io.muster.db.Transactions;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Recomputes every stored finding's control links and the counters from the findings themselves: after
 * start-up when the packs changed since the links were computed (a pack added, edited or removed), and
 * on an administrator's request. Works in batches of locked findings, so imports may run meanwhile.
 */
@ApplicationScoped
public class ComplianceRebuild {

    private static final Logger LOG = Logger.getLogger(ComplianceRebuild.class);
    static final int BATCH = 500;

    /** What a recomputation did. */
    public record Outcome(long findingsExamined, long findingsChanged, long millis) {
    }

    @Inject
    Transactions transactions;

    @Inject
    Standards standards;

    @Inject
    ControlEvaluations evaluations;

    void onStart(@Observes StartupEvent event) {
        String stored = transactions.inTransaction(connection -> ComplianceFacts.get(connection, ComplianceFacts.LINKS_FINGERPRINT))
                .orElse("");
        if (stored.equals(standards.fingerprint())) {
            return;
        }
        Thread worker = new Thread(() -> {
            try {
                Outcome outcome = recompute();
                LOG.infof("Compliance packs changed: recomputed control links of %d findings (%d changed) in %d ms",
                        outcome.findingsExamined(), outcome.findingsChanged(), outcome.millis());
            } catch (RuntimeException e) {
                LOG.error("Recomputing control links failed; it is retried at the next start", e);
            }
        }, "muster-compliance-rebuild");
        worker.setDaemon(true);
        worker.start();
    }

    /** Recomputes every finding's links; one at a time. */
    public synchronized Outcome recompute() {
        long started = System.nanoTime();
        String fingerprint = standards.fingerprint();
        long examined = 0;
        long changed = 0;
        for (String pass : List.of(
                "SELECT id, document FROM finding WHERE id > ? AND compliance_status IS NOT NULL ORDER BY id LIMIT ? FOR UPDATE",
                "SELECT f.id, f.document FROM finding f WHERE f.id > ? AND f.compliance_status IS NULL AND f.id IN "
                        + "(SELECT finding_id FROM finding_control) ORDER BY f.id LIMIT ? FOR UPDATE")) {
            long after = 0;
            while (true) {
                long from = after;
                long[] batch = transactions.inTransaction(connection -> {
                    Map<Long, List<ControlLink>> links = new LinkedHashMap<>();
                    try (PreparedStatement select = connection.prepareStatement(pass)) {
                        select.setLong(1, from);
                        select.setInt(2, BATCH);
                        try (ResultSet rows = select.executeQuery()) {
                            while (rows.next()) {
                                links.put(rows.getLong(1), standards.links(Json.readStored(rows.getString(2))));
                            }
                        }
                    }
                    long last = links.keySet().stream().mapToLong(Long::longValue).max().orElse(-1);
                    int moved = evaluations.reconcile(connection, links, Set.copyOf(links.keySet()));
                    return new long[] {links.size(), moved, last};
                });
                if (batch[0] == 0) {
                    break;
                }
                examined += batch[0];
                changed += batch[1];
                after = batch[2];
            }
        }
        transactions.inTransaction(connection -> {
            ComplianceFacts.put(connection, ComplianceFacts.LINKS_FINGERPRINT, fingerprint);
            return null;
        });
        return new Outcome(examined, changed, (System.nanoTime() - started) / 1_000_000);
    }
}
