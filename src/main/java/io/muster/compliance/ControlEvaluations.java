package io.muster.compliance;

import io.muster.db.CounterRows;
import io.muster.finding.FindingProjector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keeps control evaluations in step with stored findings, in the transaction that writes them: the
 * {@code finding_control} links of each written finding, and the per-control counters in
 * {@code control_evaluation} that control status and scores are read from. Changes are applied as
 * differences against the stored links, counters in one order, so concurrent imports neither lose nor
 * double-count a finding and cannot deadlock on counters.
 */
@ApplicationScoped
public class ControlEvaluations implements FindingProjector {

    private static final String SELECT_LINKS = "SELECT finding_id, standard_key, control_id, aws_account_id, region, status, "
            + "resource_id FROM finding_control WHERE finding_id IN ";
    private static final String DELETE_LINKS = "DELETE FROM finding_control WHERE finding_id = ?";
    private static final String INSERT_LINK = "INSERT INTO finding_control (finding_id, standard_key, control_id, "
            + "aws_account_id, region, status, resource_id) VALUES (?, ?, ?, ?, ?, ?, ?)";
    /** Counters per control, account and Region; the key's three deltas are passed, PASSED, UNKNOWN, FAILED. */
    private static final CounterRows<Map.Entry<ControlLink.EvaluationKey, long[]>> COUNTERS = new CounterRows<>(
            "INSERT INTO control_evaluation AS c (standard_key, control_id, aws_account_id, region, passed_count, unknown_count, "
                    + "failed_count) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (standard_key, control_id, aws_account_id, region) DO UPDATE "
                    + "SET passed_count = c.passed_count + EXCLUDED.passed_count, unknown_count = c.unknown_count + EXCLUDED.unknown_count, "
                    + "failed_count = c.failed_count + EXCLUDED.failed_count",
            (upsert, move) -> {
                bindKey(upsert, 1, move.getKey());
                bindDeltas(upsert, 5, move.getValue());
            },
            "UPDATE control_evaluation SET passed_count = passed_count + ?, unknown_count = unknown_count + ?, "
                    + "failed_count = failed_count + ? WHERE standard_key = ? AND control_id = ? AND aws_account_id = ? AND region = ?",
            (update, move) -> {
                bindDeltas(update, 1, move.getValue());
                bindKey(update, 4, move.getKey());
            },
            "INSERT INTO control_evaluation (standard_key, control_id, aws_account_id, region, passed_count, unknown_count, "
                    + "failed_count) VALUES (?, ?, ?, ?, 0, 0, 0) ON CONFLICT DO NOTHING",
            (insert, move) -> bindKey(insert, 1, move.getKey()));

    @Inject
    Standards standards;

    @Override
    public int order() {
        return FindingProjector.COUNTERS;
    }

    @Override
    public void project(Connection connection, List<Written> written) throws SQLException {
        if (standards.packs().isEmpty()) {
            return;
        }
        Map<Long, List<ControlLink>> links = new LinkedHashMap<>();
        Set<Long> mayHaveLinks = new HashSet<>();
        for (Written finding : written) {
            List<ControlLink> now = standards.links(finding.after());
            boolean before = finding.before() != null && !standards.links(finding.before()).isEmpty();
            if (before || !now.isEmpty()) {
                links.put(finding.rowId(), now);
                if (finding.before() != null) {
                    mayHaveLinks.add(finding.rowId());
                }
            }
        }
        reconcile(connection, links, mayHaveLinks);
    }

    /**
     * Makes the stored links of each finding (row id → the links the packs give its current document)
     * those links, and moves the counters by the difference. Returns how many findings' links changed.
     *
     * @param stored the findings that may have links stored already (the others are new)
     */
    int reconcile(Connection connection, Map<Long, List<ControlLink>> links, Set<Long> stored) throws SQLException {
        if (links.isEmpty()) {
            return 0;
        }
        Map<Long, Set<ControlLink>> before = read(connection, stored);
        Map<ControlLink.EvaluationKey, long[]> deltas = new TreeMap<>();
        Map<Long, Set<ControlLink>> changed = new LinkedHashMap<>();
        for (Map.Entry<Long, List<ControlLink>> finding : links.entrySet()) {
            Set<ControlLink> now = new HashSet<>(finding.getValue());
            Set<ControlLink> old = before.getOrDefault(finding.getKey(), Set.of());
            if (now.equals(old)) {
                continue;
            }
            changed.put(finding.getKey(), now);
            old.forEach(link -> count(deltas, link, -1));
            now.forEach(link -> count(deltas, link, +1));
        }
        if (changed.isEmpty()) {
            return 0;
        }
        writeLinks(connection, changed, before.keySet());
        writeCounters(connection, deltas);
        return changed.size();
    }

    private static void count(Map<ControlLink.EvaluationKey, long[]> deltas, ControlLink link, int by) {
        deltas.computeIfAbsent(link.evaluationKey(), key -> new long[3])[link.status() - 1] += by;
    }

    private static Map<Long, Set<ControlLink>> read(Connection connection, Set<Long> findingIds) throws SQLException {
        Map<Long, Set<ControlLink>> links = new HashMap<>();
        if (findingIds.isEmpty()) {
            return links;
        }
        List<Long> ids = new ArrayList<>(findingIds);
        try (PreparedStatement select = connection.prepareStatement(SELECT_LINKS + "(" + "?, ".repeat(ids.size() - 1) + "?)")) {
            for (int i = 0; i < ids.size(); i++) {
                select.setLong(i + 1, ids.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    links.computeIfAbsent(rows.getLong(1), id -> new HashSet<>()).add(new ControlLink(rows.getString(2),
                            rows.getString(3), rows.getString(4), rows.getString(5), rows.getInt(6), rows.getString(7)));
                }
            }
        }
        return links;
    }

    private static void writeLinks(Connection connection, Map<Long, Set<ControlLink>> changed, Set<Long> hadLinks)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(DELETE_LINKS);
                PreparedStatement insert = connection.prepareStatement(INSERT_LINK)) {
            boolean deletes = false;
            boolean inserts = false;
            for (Map.Entry<Long, Set<ControlLink>> finding : changed.entrySet()) {
                if (hadLinks.contains(finding.getKey())) {
                    delete.setLong(1, finding.getKey());
                    delete.addBatch();
                    deletes = true;
                }
                for (ControlLink link : finding.getValue()) {
                    insert.setLong(1, finding.getKey());
                    insert.setString(2, link.standardKey());
                    insert.setString(3, link.controlId());
                    insert.setString(4, link.awsAccountId());
                    insert.setString(5, link.region());
                    insert.setInt(6, link.status());
                    insert.setString(7, link.resourceId());
                    insert.addBatch();
                    inserts = true;
                }
            }
            if (deletes) {
                delete.executeBatch();
            }
            if (inserts) {
                insert.executeBatch();
            }
        }
    }

    /** Moves counters by the deltas, in key order; a counter row is created the first time it is needed. */
    private static void writeCounters(Connection connection, Map<ControlLink.EvaluationKey, long[]> deltas) throws SQLException {
        List<Map.Entry<ControlLink.EvaluationKey, long[]>> moves = new ArrayList<>();
        for (var delta : deltas.entrySet()) {
            long[] by = delta.getValue();
            if (by[0] != 0 || by[1] != 0 || by[2] != 0) {
                moves.add(delta);
            }
        }
        COUNTERS.add(connection, moves);
    }

    private static void bindDeltas(PreparedStatement statement, int first, long[] by) throws SQLException {
        statement.setLong(first, by[0]);
        statement.setLong(first + 1, by[1]);
        statement.setLong(first + 2, by[2]);
    }

    private static void bindKey(PreparedStatement statement, int first, ControlLink.EvaluationKey key) throws SQLException {
        statement.setString(first, key.standardKey());
        statement.setString(first + 1, key.controlId());
        statement.setString(first + 2, key.awsAccountId());
        statement.setString(first + 3, key.region());
    }
}
