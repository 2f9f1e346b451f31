package io.muster.correlation;

import io.muster.api.Json;
import io.muster.finding.FindingProjector;
import io.muster.priority.PriorityFormula;
import io.muster.priority.PriorityWeights;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.sql.SQLException;
import io.muster.db.Sql;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps the agreement of detectors in the priorities, in the transaction that writes findings: for each
 * fingerprint a write touched, members are given their own priority plus the points for the other detectors
 * (products) reporting the same problem. Each finding records the detector count its priority reflects
 * ({@code detectors}, NULL for one), so only the findings just written and the members whose count changed
 * are re-prioritised: a write to a group of thousands costs one count and an index read, not thousands of
 * priorities. (Two imports adding to one group at the same moment each count the other's finding only once
 * it commits: the next write to the group settles it.)
 */
@ApplicationScoped
public class DuplicateGroups implements FindingProjector {

    /** Agreement points stop at three other detectors: counts above this one give the same priority. */
    private static final int MAX_COUNTED = 4;

    @Override
    public void project(Connection connection, List<Written> written) throws SQLException {
        Set<String> touched = new TreeSet<>();
        Set<String> left = new TreeSet<>();
        for (Written finding : written) {
            String now = Fingerprint.of(finding.after());
            touched.add(now);
            if (finding.before() != null && !Fingerprint.of(finding.before()).equals(now)) {
                touched.add(Fingerprint.of(finding.before()));
                left.add(Fingerprint.of(finding.before()));
            }
        }
        settle(connection, touched, left, written);
    }

    /** Re-prioritises the members of these groups whose detector count changed, e.g. after members were deleted. */
    public void settle(Connection connection, Set<String> fingerprints) throws SQLException {
        settle(connection, new TreeSet<>(fingerprints), new TreeSet<>(fingerprints), List.of());
    }

    /**
     * {@code left}: groups a finding left (or lost members otherwise), whose remaining members may count too
     * many detectors. Every other group of one holds just the finding written, so it needs no read.
     */
    private void settle(Connection connection, Set<String> touched, Set<String> left, List<Written> written) throws SQLException {
        if (touched.isEmpty()) {
            return;
        }
        Set<String> grouped = grouped(connection, touched);
        Map<String, Integer> detectors = grouped.isEmpty() ? Map.of() : detectors(connection, grouped);
        PriorityWeights weights = PriorityWeights.current();
        List<long[]> updates = new ArrayList<>();
        List<Long> alone = new ArrayList<>();
        Set<Long> writtenIds = new HashSet<>();
        for (Written finding : written) {
            writtenIds.add(finding.rowId());
            int count = detectors.getOrDefault(Fingerprint.of(finding.after()), 1);
            if (count > 1) {
                updates.add(new long[] {finding.rowId(), PriorityFormula.withAgreement(PriorityFormula.priority(finding.after(), weights), count, weights), count});
            } else {
                alone.add(finding.rowId());
            }
        }
        Set<String> check = new TreeSet<>(grouped);
        check.addAll(left);
        List<Long> stale = check.isEmpty() ? List.of() : stale(connection, check, detectors, writtenIds);
        if (!stale.isEmpty()) {
            Sql.query(connection, "SELECT id, document, fingerprint FROM finding WHERE id IN (" + "?, ".repeat(stale.size() - 1) + "?)", stale,
                    rows -> {
                        int count = detectors.getOrDefault(rows.getString(3), 1);
                        return new long[] {rows.getLong(1), PriorityFormula.withAgreement(PriorityFormula.priority(Json.readStored(rows.getString(2)), weights),
                                count, weights), count};
                    }).forEach(updates::add);
        }
        if (!updates.isEmpty()) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE finding SET priority = ?, detectors = ? WHERE id = ?")) {
                for (long[] row : updates) {
                    update.setDouble(1, row[1]);
                    if (row[2] > 1) {
                        update.setInt(2, (int) row[2]);
                    } else {
                        update.setNull(2, Types.SMALLINT);
                    }
                    update.setLong(3, row[0]);
                    update.addBatch();
                }
                update.executeBatch();
            }
        }
        if (!alone.isEmpty()) {
            // a finding that left a group keeps the count it had until it is cleared
            Sql.update(connection, "UPDATE finding SET detectors = NULL WHERE detectors IS NOT NULL AND id IN (" + "?, ".repeat(alone.size() - 1) + "?)",
                    alone);
        }
    }

    /** The fingerprints that more than one finding has: an index-only count, the one read most writes need. */
    private static Set<String> grouped(Connection connection, Set<String> fingerprints) throws SQLException {
        return new TreeSet<>(Sql.query(connection, "SELECT fingerprint FROM finding WHERE fingerprint IN (" + "?, ".repeat(fingerprints.size() - 1)
                + "?) GROUP BY fingerprint HAVING COUNT(*) > 1", List.copyOf(fingerprints), rows -> rows.getString(1)));
    }

    /** The number of distinct products per fingerprint (at most MAX_COUNTED), for the fingerprints that have findings. */
    private static Map<String, Integer> detectors(Connection connection, Set<String> fingerprints) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        Sql.query(connection, "SELECT fingerprint, COUNT(DISTINCT product_arn) FROM finding WHERE fingerprint IN ("
                + "?, ".repeat(fingerprints.size() - 1) + "?) GROUP BY fingerprint", List.copyOf(fingerprints),
                rows -> counts.put(rows.getString(1), Math.min(MAX_COUNTED, rows.getInt(2))));
        return counts;
    }

    /** Members (not just written) whose recorded count differs from their group's: their priority is out of date. */
    private static List<Long> stale(Connection connection, Set<String> fingerprints, Map<String, Integer> detectors, Set<Long> written)
            throws SQLException {
        List<String> shared = fingerprints.stream().filter(f -> detectors.getOrDefault(f, 1) > 1).toList();
        StringBuilder sql = new StringBuilder("SELECT id, fingerprint, detectors FROM finding WHERE fingerprint IN (")
                .append("?, ".repeat(fingerprints.size() - 1)).append("?) AND (detectors IS NOT NULL");
        List<Object> parameters = new ArrayList<>(fingerprints);
        if (!shared.isEmpty()) {
            sql.append(" OR fingerprint IN (").append("?, ".repeat(shared.size() - 1)).append("?)");
            parameters.addAll(shared);
        }
        sql.append(")");
        List<Long> stale = new ArrayList<>();
        Sql.query(connection, sql.toString(), parameters, rows -> {
            long id = rows.getLong(1);
            int recorded = rows.getObject(3) == null ? 1 : rows.getInt(3);
            if (!written.contains(id) && recorded != detectors.getOrDefault(rows.getString(2), 1)) {
                stale.add(id);
            }
            return id;
        });
        return stale;
    }
}
