package io.muster.correlation;

import io.muster.api.Json;
import io.muster.finding.FindingProjector;
import io.muster.priority.PriorityFormula;
import io.muster.priority.PriorityWeights;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps the agreement of detectors in the priorities, in the transaction that writes findings: for each
 * fingerprint a write touched, the members' priorities are set to their own priority plus the points for
 * the other detectors (products) reporting the same problem. A group of one detector — almost every group
 * — costs one count query per write. (Two imports adding to one group at the same moment each count the
 * other's finding only once it commits: the next write to the group settles it.)
 */
@ApplicationScoped
public class DuplicateGroups implements FindingProjector {

    @Override
    public void project(Connection connection, List<Written> written) throws SQLException {
        Set<String> touched = new TreeSet<>();
        for (Written finding : written) {
            touched.add(Fingerprint.of(finding.after()));
            if (finding.before() != null) {
                touched.add(Fingerprint.of(finding.before()));
            }
        }
        List<String> shared = new ArrayList<>();
        String count = "SELECT fingerprint FROM finding WHERE fingerprint IN (" + "?, ".repeat(touched.size() - 1)
                + "?) GROUP BY fingerprint HAVING COUNT(*) > 1";
        try (PreparedStatement select = connection.prepareStatement(count)) {
            int i = 1;
            for (String fingerprint : touched) {
                select.setString(i++, fingerprint);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    shared.add(rows.getString(1));
                }
            }
        }
        if (!shared.isEmpty()) {
            reprioritise(connection, shared);
        }
    }

    /** Sets every member's priority from its own document and the number of distinct products in its group. */
    private static void reprioritise(Connection connection, List<String> fingerprints) throws SQLException {
        PriorityWeights weights = PriorityWeights.current();
        String members = "SELECT f.id, f.document, (SELECT COUNT(DISTINCT g.product_arn) FROM finding g WHERE g.fingerprint = f.fingerprint)"
                + " FROM finding f WHERE f.fingerprint = ? ORDER BY f.id";
        try (PreparedStatement select = connection.prepareStatement(members);
                PreparedStatement update = connection.prepareStatement("UPDATE finding SET priority = ? WHERE id = ?")) {
            for (String fingerprint : fingerprints) {
                select.setString(1, fingerprint);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        int own = PriorityFormula.priority(Json.readStored(rows.getString(2)), weights);
                        update.setDouble(1, PriorityFormula.withAgreement(own, rows.getInt(3), weights));
                        update.setLong(2, rows.getLong(1));
                        update.addBatch();
                    }
                }
            }
            update.executeBatch();
        }
    }
}
