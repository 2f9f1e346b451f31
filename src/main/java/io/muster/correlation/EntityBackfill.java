package io.muster.correlation;

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
 * Links findings stored before the entity graph existed, in the background after start, 500 at a time
 * (every finding has at least its account entity, so a linked finding is never read again). Findings
 * written meanwhile are linked by {@link EntityLinks} in their own transaction.
 */
@ApplicationScoped
public class EntityBackfill {

    private static final Logger LOG = Logger.getLogger(EntityBackfill.class);
    private static final int BATCH = 500;

    @Inject
    Transactions transactions;

    @Inject
    EntityLinks links;

    void onStart(@Observes StartupEvent event) {
        if (!links.enabled()) {
            return;
        }
        Thread worker = new Thread(() -> {
            try {
                long linked = 0;
                long after = 0;
                long started = System.nanoTime();
                while (true) {
                    final long from = after;
                    Map<Long, ObjectNode> batch = transactions.inTransaction(connection -> {
                        Map<Long, ObjectNode> documents = new LinkedHashMap<>();
                        try (PreparedStatement select = connection.prepareStatement("SELECT f.id, f.document FROM finding f WHERE f.id > ?"
                                + " AND NOT EXISTS (SELECT 1 FROM finding_entity l WHERE l.finding_id = f.id) ORDER BY f.id LIMIT " + BATCH)) {
                            select.setLong(1, from);
                            try (ResultSet rows = select.executeQuery()) {
                                while (rows.next()) {
                                    documents.put(rows.getLong(1), (ObjectNode) Json.readStored(rows.getString(2)));
                                }
                            }
                        }
                        links.backfill(connection, documents);
                        return documents;
                    });
                    if (batch.isEmpty()) {
                        break;
                    }
                    linked += batch.size();
                    after = batch.keySet().stream().mapToLong(Long::longValue).max().orElse(after);
                }
                if (linked > 0) {
                    LOG.infof("Linked %d stored findings into the entity graph in %d ms", linked, (System.nanoTime() - started) / 1_000_000);
                }
            } catch (RuntimeException e) {
                LOG.error("Linking stored findings into the entity graph failed; they are linked when next written", e);
            }
        }, "muster-entity-backfill");
        worker.setDaemon(true);
        worker.start();
    }
}
