package io.muster.db;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Runs work in its own transaction on the active database, retrying when the database reports a
 * conflict that a second attempt resolves: two writers inserting the same new finding (unique
 * violation), a deadlock, a serialization failure or a lock timeout. Each attempt starts from scratch,
 * re-reading what it needs, so nothing half-done survives a retry.
 */
@ApplicationScoped
public class Transactions {

    /** A unit of work on the transaction's connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final Logger LOG = Logger.getLogger(Transactions.class);
    private static final int ATTEMPTS = 5;
    /** unique_violation, serialization_failure, deadlock_detected (PostgreSQL), lock timeout (H2). */
    private static final Set<String> RETRYABLE = Set.of("23505", "40001", "40P01", "HYT00");

    @Inject
    Database database;

    public <T> T inTransaction(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    try (Connection connection = database.connection()) {
                        return work.run(connection);
                    }
                });
            } catch (RuntimeException e) {
                SQLException conflict = retryableCause(e);
                if (conflict == null || attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.debugf("Retrying after a write conflict (attempt %d): %s", attempt, conflict.getMessage());
                try {
                    Thread.sleep(5L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static SQLException retryableCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (next.getSQLState() != null && RETRYABLE.contains(next.getSQLState())) {
                        return next;
                    }
                }
            }
        }
        return null;
    }
}
