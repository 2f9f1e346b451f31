package io.muster.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.auth.AccessScope;
import io.muster.auth.Caller;
import io.muster.auth.Role;
import io.muster.db.Database;
import io.muster.db.Sql;
import io.muster.finding.FindingImporter;
import io.muster.finding.ImportResult;
import io.muster.finding.IncomingFinding;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * With {@code muster.demo.enabled=true}, fills an empty database with {@link DemoFindings} at start,
 * through the import pipeline like any detector (so scores, insights, priorities, duplicates and the graph
 * follow). A database that holds findings is never touched.
 */
@ApplicationScoped
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);
    private static final int HISTORY_DAYS = 7;
    private static final Caller DEMO = new Caller("demo-data", null, Role.PRODUCER, AccessScope.UNRESTRICTED);

    @Inject
    DemoConfig config;

    @Inject
    Database database;

    @Inject
    FindingImporter importer;

    @Inject
    io.muster.compliance.ScoreSnapshots snapshots;

    @Inject
    io.muster.action.ActionTargets actions;

    void onStart(@Observes StartupEvent event) {
        if (config.enabled()) {
            load();
        }
    }

    /** Loads the demo findings if the database holds none; returns how many were stored. */
    int load() {
        long stored = Sql.query(database, "Demo data", "SELECT COUNT(*) FROM finding", rows -> rows.getLong(1)).get(0);
        if (stored > 0) {
            LOG.infof("Demo data not loaded: the database already holds %d findings", stored);
            return 0;
        }
        Instant now = Instant.now();
        List<ObjectNode> findings = DemoFindings.all(now);
        int imported = 0;
        // a week of arrivals, a day at a time, each day's scores recorded as of that day: the trend has a history
        for (int day = 0; day < HISTORY_DAYS; day++) {
            List<ObjectNode> ofTheDay = findings.subList(findings.size() * day / HISTORY_DAYS, findings.size() * (day + 1) / HISTORY_DAYS);
            imported += importAll(ofTheDay);
            snapshots.takeSnapshots(now.minus(java.time.Duration.ofDays(HISTORY_DAYS - 1 - day)));
        }
        addActionTarget();
        LOG.infof("Loaded %d demo findings from GuardDuty, Inspector, Trivy and Security Hub controls, a week of score history and "
                + "the custom action 'Escalate' (muster.demo.enabled)", imported);
        return imported;
    }

    private int importAll(List<ObjectNode> findings) {
        int imported = 0;
        for (int from = 0; from < findings.size(); from += FindingImporter.MAX_FINDINGS) {
            List<IncomingFinding> batch = new ArrayList<>();
            for (ObjectNode finding : findings.subList(from, Math.min(findings.size(), from + FindingImporter.MAX_FINDINGS))) {
                batch.add(new IncomingFinding(finding, Json.write(finding).getBytes(StandardCharsets.UTF_8).length));
            }
            ImportResult result = importer.importFindings(batch, DEMO);
            imported += result.successCount();
            result.failedFindings().forEach(failed -> LOG.warnf("Demo finding %s refused: %s", failed.id(), failed.errorMessage()));
        }
        return imported;
    }

    /** A custom action, so the findings page shows an action button on a first run. */
    private void addActionTarget() {
        try {
            actions.create(io.muster.api.JsonInput.parseBody(("{\"Name\":\"Escalate\",\"Id\":\"escalate\","
                    + "\"Description\":\"Send the selected findings to the on-call team (add an outbound rule to deliver them)\"}")
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (io.muster.api.ApiException exists) {
            LOG.debugf("Demo action target not added: %s", exists.getMessage());
        }
    }
}
