package io.muster.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves counters kept in rows (one row per key) inside the caller's transaction, safely beside concurrent
 * writers: every key is UPDATEd first; a key without a row gets one created with
 * {@code INSERT … ON CONFLICT DO NOTHING} (so a writer that creates the same row at the same moment wins
 * without an error) and is then UPDATEd. Keys should come in one global order, so writers lock rows in
 * the same order.
 */
public final class CounterRows {

    /** Binds one key (and, for the update, its delta) to a statement. */
    @FunctionalInterface
    public interface Binder<K> {
        void bind(PreparedStatement statement, K key) throws SQLException;
    }

    private CounterRows() {
    }

    /**
     * @param update an {@code UPDATE … SET c = c + ? … WHERE <key>} statement
     * @param createMissing an {@code INSERT … VALUES (<key>, zero counts) ON CONFLICT DO NOTHING} statement
     */
    public static <K> void add(Connection connection, List<K> keys, String update, Binder<K> bindUpdate, String createMissing,
            Binder<K> bindCreate) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        int[] updated = batch(connection, update, keys, bindUpdate);
        List<K> missing = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (updated[i] == 0) {
                missing.add(keys.get(i));
            }
        }
        if (!missing.isEmpty()) {
            batch(connection, createMissing, missing, bindCreate);
            batch(connection, update, missing, bindUpdate);
        }
    }

    private static <K> int[] batch(Connection connection, String sql, List<K> keys, Binder<K> binder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (K key : keys) {
                binder.bind(statement, key);
                statement.addBatch();
            }
            return statement.executeBatch();
        }
    }
}
