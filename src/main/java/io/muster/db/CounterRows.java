package io.muster.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves counters kept in rows (one row per key) inside the caller's transaction, safely beside concurrent
 * writers. On PostgreSQL one {@code INSERT … ON CONFLICT (key) DO UPDATE} per key creates or moves the row.
 * Elsewhere (H2) every key is UPDATEd first; a key without a row gets one created with
 * {@code INSERT … ON CONFLICT DO NOTHING} (so a writer that creates the same row at the same moment wins
 * without an error) and is then UPDATEd. Keys should come in one global order, so that writers lock rows in
 * the same order.
 *
 * @param <K> a key with its delta
 */
public final class CounterRows<K> {

    /** Binds one key (and its delta, as the statement needs) to a statement. */
    @FunctionalInterface
    public interface Binder<K> {
        void bind(PreparedStatement statement, K key) throws SQLException;
    }

    private final String upsert;
    private final Binder<K> bindUpsert;
    private final String update;
    private final Binder<K> bindUpdate;
    private final String createMissing;
    private final Binder<K> bindCreate;

    /**
     * @param upsert PostgreSQL's {@code INSERT … VALUES (<key>, <delta>) ON CONFLICT (<key>) DO UPDATE SET c = t.c + EXCLUDED.c}
     * @param update {@code UPDATE … SET c = c + ? … WHERE <key>}
     * @param createMissing {@code INSERT … VALUES (<key>, zero counts) ON CONFLICT DO NOTHING}
     */
    public CounterRows(String upsert, Binder<K> bindUpsert, String update, Binder<K> bindUpdate, String createMissing,
            Binder<K> bindCreate) {
        this.upsert = upsert;
        this.bindUpsert = bindUpsert;
        this.update = update;
        this.bindUpdate = bindUpdate;
        this.createMissing = createMissing;
        this.bindCreate = bindCreate;
    }

    public void add(Connection connection, List<K> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        if (connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
            batch(connection, upsert, keys, bindUpsert);
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
