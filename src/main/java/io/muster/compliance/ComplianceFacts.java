package io.muster.compliance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The few named facts the compliance feature keeps in {@code compliance_state}. */
final class ComplianceFacts {

    /** Set once the standards enabled by default have been enabled, so that disabling them sticks. */
    static final String DEFAULTS_ENABLED = "defaults-enabled";
    /** The packs' fingerprint the stored control links were computed with. */
    static final String LINKS_FINGERPRINT = "links-fingerprint";

    private ComplianceFacts() {
    }

    static Optional<String> get(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT fact FROM compliance_state WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    static void put(Connection connection, String name, String fact) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE compliance_state SET fact = ? WHERE name = ?")) {
            update.setString(1, fact);
            update.setString(2, name);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO compliance_state (name, fact) VALUES (?, ?)")) {
            insert.setString(1, name);
            insert.setString(2, fact);
            insert.executeUpdate();
        }
    }
}
