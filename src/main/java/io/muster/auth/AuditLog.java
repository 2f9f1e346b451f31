package io.muster.auth;

import io.muster.db.Database;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The audit trail: who did what, when and from where, for every state change and every refused request.
 * Each entry is written in its own transaction, after the change it records has committed (or failed).
 */
@ApplicationScoped
public class AuditLog {

    /** One audit entry. {@code outcome}: SUCCEEDED, FAILED (the operation refused the input) or DENIED. */
    public record Entry(long id, Instant at, String actor, String credentialId, Role role, String action, String target,
            String outcome, int status, String reason, String sourceIp, String userAgent) {
    }

    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final String INSERT = "INSERT INTO audit_event (at, actor, credential_id, role, action, target, outcome, "
            + "status, reason, source_ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @Inject
    Database database;

    public void record(Entry entry) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                try (Connection connection = database.connection(); PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    CredentialStore.bind(insert, CredentialStore.time(entry.at()), cut(entry.actor(), 512),
                            cut(entry.credentialId(), 128), entry.role() == null ? null : entry.role().name(),
                            cut(entry.action(), 256), cut(entry.target(), 2048), entry.outcome(), entry.status(),
                            cut(entry.reason(), 2048), cut(entry.sourceIp(), 64), cut(entry.userAgent(), 512));
                    insert.executeUpdate();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (RuntimeException e) {
            LOG.errorf(e, "An audit entry could not be written: %s %s by %s", entry.outcome(), entry.action(), entry.actor());
        }
    }

    /** Entries newest first, {@code limit} of them, older than entry {@code beforeId} when given. */
    public List<Entry> list(Long beforeId, int limit) {
        String sql = "SELECT id, at, actor, credential_id, role, action, target, outcome, status, reason, source_ip, user_agent "
                + "FROM audit_event" + (beforeId == null ? "" : " WHERE id < ?") + " ORDER BY id DESC LIMIT ?";
        try (Connection connection = database.connection(); PreparedStatement select = connection.prepareStatement(sql)) {
            if (beforeId == null) {
                select.setInt(1, limit);
            } else {
                select.setLong(1, beforeId);
                select.setInt(2, limit);
            }
            List<Entry> entries = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    String role = row.getString(5);
                    entries.add(new Entry(row.getLong(1), CredentialStore.instant(row, 2), row.getString(3), row.getString(4),
                            role == null ? null : Role.valueOf(role), row.getString(6), row.getString(7), row.getString(8),
                            row.getInt(9), row.getString(10), row.getString(11), row.getString(12)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new IllegalStateException("The audit log could not be read", e);
        }
    }

    private static String cut(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}
