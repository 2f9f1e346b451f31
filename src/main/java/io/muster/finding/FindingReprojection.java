package io.muster.finding;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.db.Transactions;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Brings the queryable projection of findings stored by an older Muster up to date (new filter
 * attributes, changed storage), from their documents, in batches. Runs in the background after start-up
 * so that a large database does not delay readiness; until it is done, filters on attributes the old
 * projection lacked miss the findings not yet re-projected.
 */
@ApplicationScoped
public class FindingReprojection {

    private static final Logger LOG = Logger.getLogger(FindingReprojection.class);
    static final int BATCH = 500;

    @Inject
    Transactions transactions;

    @Inject
    FindingWriter writer;

    void onStart(@Observes StartupEvent event) {
        Thread worker = new Thread(this::runQuietly, "muster-reprojection");
        worker.setDaemon(true);
        worker.start();
    }

    private void runQuietly() {
        try {
            int done = run();
            if (done > 0) {
                LOG.infof("Re-projected %d stored findings to projection version %d", done, FindingProjection.VERSION);
            }
        } catch (RuntimeException e) {
            LOG.error("Re-projecting stored findings failed; it is retried at the next start", e);
        }
    }

    /** Re-projects every outdated finding; returns how many. */
    public int run() {
        long after = 0;
        int total = 0;
        while (true) {
            long from = after;
            Map<Long, ObjectNode> batch = transactions.inTransaction(connection -> {
                Map<Long, ObjectNode> documents = new LinkedHashMap<>();
                try (PreparedStatement select = connection.prepareStatement("SELECT id, document FROM finding "
                        + "WHERE id > ? AND projection_version < ? ORDER BY id LIMIT ? FOR UPDATE")) {
                    select.setLong(1, from);
                    select.setInt(2, FindingProjection.VERSION);
                    select.setInt(3, BATCH);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            documents.put(rows.getLong(1), (ObjectNode) Json.readStored(rows.getString(2)));
                        }
                    }
                }
                writer.reproject(connection, documents);
                return documents;
            });
            if (batch.isEmpty()) {
                return total;
            }
            total += batch.size();
            after = batch.keySet().stream().mapToLong(Long::longValue).max().orElse(after);
        }
    }
}
