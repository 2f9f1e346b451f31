package io.muster.finding;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.auth.AccessScope;
import io.muster.finding.filter.FilterAttribute;
import io.muster.outbound.Outbox;
import io.muster.outbound.OutboundEvent;
import io.muster.outbound.SecurityHubEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one way a finding changes. Whoever changes findings — the import pipeline, analysts' updates —
 * locks them here, applies its rules to their {@link FindingState}s, and hands them back: the writer
 * stores each changed finding with its queryable projection, a history row per changed field and a
 * "Findings - Imported" event per change in the outbox, all on the caller's transaction. Set-based:
 * one query locks a batch, and each table is written with one JDBC batch.
 */
@ApplicationScoped
public class FindingWriter {

    private static final String COLUMN_LIST = FindingProjection.COLUMNS.stream().map(FilterAttribute::column)
            .collect(Collectors.joining(", "));
    private static final String INSERT_FINDING = "INSERT INTO finding (id, finding_key, " + COLUMN_LIST
            + ", analyst_fields, processed_at, document, projection_version) VALUES (?, ?, "
            + "?, ".repeat(FindingProjection.COLUMNS.size()) + "?, ?, ?, " + FindingProjection.VERSION + ")";
    private static final String UPDATE_FINDING = "UPDATE finding SET "
            + FindingProjection.COLUMNS.stream().map(a -> a.column() + " = ?").collect(Collectors.joining(", "))
            + ", analyst_fields = ?, processed_at = ?, document = ?, projection_version = " + FindingProjection.VERSION
            + " WHERE id = ?";
    private static final String REPROJECT_FINDING = "UPDATE finding SET "
            + FindingProjection.COLUMNS.stream().map(a -> a.column() + " = ?").collect(Collectors.joining(", "))
            + ", projection_version = " + FindingProjection.VERSION + " WHERE id = ?";
    private static final String INSERT_VALUE = "INSERT INTO finding_value (finding_id, attr, val_key, val) VALUES (?, ?, ?, ?)";
    private static final String DELETE_VALUES = "DELETE FROM finding_value WHERE finding_id = ?";
    private static final String INSERT_HISTORY = "INSERT INTO finding_history (finding_id, change_id, changed_at, source_type, "
            + "source_identity, finding_created, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Row ids come in blocks of this size (the sequence's increment): one sequence call per batch. */
    static final int ID_BLOCK = 100;

    @Inject
    Outbox outbox;

    @Inject
    @Any
    Instance<FindingProjector> projectors;

    /**
     * Loads and locks the stored findings among {@code keys} ({@code SELECT … FOR UPDATE}, in key order so
     * that concurrent batches cannot deadlock); keys not stored yet come back as absent states. A stored
     * finding of an account outside {@code scope} comes back marked so: nobody can change it through it.
     */
    public Map<FindingKey, FindingState> lock(Connection connection, Collection<FindingKey> keys, AccessScope scope)
            throws SQLException {
        Map<String, FindingKey> byHash = new HashMap<>();
        for (FindingKey key : keys) {
            byHash.put(key.hash(), key);
        }
        Map<FindingKey, FindingState> states = new HashMap<>();
        if (!byHash.isEmpty()) {
            String sql = "SELECT id, finding_key, analyst_fields, document, aws_account_id FROM finding WHERE finding_key IN ("
                    + "?, ".repeat(byHash.size() - 1) + "?) ORDER BY finding_key FOR UPDATE";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int i = 1;
                for (String hash : byHash.keySet().stream().sorted().toList()) {
                    select.setString(i++, hash);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        FindingKey key = byHash.get(rows.getString(2));
                        ObjectNode document = (ObjectNode) Json.readStored(rows.getString(4));
                        states.put(key, FindingState.stored(key, rows.getLong(1), scope.allowsAccount(rows.getString(5)), document,
                                rows.getInt(3)));
                    }
                }
            }
        }
        for (FindingKey key : keys) {
            states.computeIfAbsent(key, FindingState::absent);
        }
        return states;
    }

    /**
     * Stores every changed state; unchanged ones are skipped. Returns the number of findings written. A
     * finding whose account is outside {@code scope} is never written, whatever the caller's code did.
     */
    public int write(Connection connection, Collection<FindingState> states, AccessScope scope) throws SQLException {
        List<FindingState> created = new ArrayList<>();
        List<FindingState> updated = new ArrayList<>();
        for (FindingState state : states) {
            if (state.isChanged()) {
                if (!state.inScope() || !scope.allowsAccount(state.document().path("AwsAccountId").asText())) {
                    throw new IllegalStateException("Refusing to write finding " + state.key() + " outside the caller's scope");
                }
                (state.isNew() ? created : updated).add(state);
            }
        }
        if (created.isEmpty() && updated.isEmpty()) {
            return 0;
        }
        created.sort((a, b) -> a.key().compareTo(b.key()));
        Map<FindingState, Long> rowIds = new HashMap<>();
        long nextId = 0;
        for (int i = 0; i < created.size(); i++) {
            if (i % ID_BLOCK == 0) {
                nextId = nextIdBlock(connection);
            }
            rowIds.put(created.get(i), nextId++);
        }
        for (FindingState state : updated) {
            rowIds.put(state, state.rowId());
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Map<ObjectNode, String> json = new IdentityHashMap<>();
        insertFindings(connection, created, rowIds, now, json);
        updateFindings(connection, updated, now, json);
        writeValueRows(connection, created, updated, rowIds);
        writeHistory(connection, created, updated, rowIds);
        List<OutboundEvent> events = new ArrayList<>();
        for (List<FindingState> group : List.of(created, updated)) {
            for (FindingState state : group) {
                for (FindingChange change : state.changes()) {
                    events.add(SecurityHubEvents.findingImported(change.id(), change.at(), change.findingAfter(),
                            json.computeIfAbsent(change.findingAfter(), Json::write)));
                }
            }
        }
        outbox.append(connection, events);
        // last: the counter projectors lock rows every concurrent import shares
        project(connection, created, updated, rowIds);
        return created.size() + updated.size();
    }

    private void project(Connection connection, List<FindingState> created, List<FindingState> updated,
            Map<FindingState, Long> rowIds) throws SQLException {
        if (projectors.isUnsatisfied()) {
            return;
        }
        List<FindingProjector.Written> written = new ArrayList<>(created.size() + updated.size());
        for (FindingState state : created) {
            written.add(new FindingProjector.Written(rowIds.get(state), null, state.document()));
        }
        for (FindingState state : updated) {
            written.add(new FindingProjector.Written(rowIds.get(state), state.storedDocument(), state.document()));
        }
        for (FindingProjector projector : projectors.stream().sorted(java.util.Comparator.comparingInt(FindingProjector::order)).toList()) {
            projector.project(connection, written);
        }
    }

    /** The first of {@link #ID_BLOCK} row ids of our own: one sequence call per block of new findings. */
    private static long nextIdBlock(Connection connection) throws SQLException {
        try (PreparedStatement next = connection.prepareStatement("SELECT nextval('finding_id_seq')");
                ResultSet row = next.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private void insertFindings(Connection connection, List<FindingState> created, Map<FindingState, Long> rowIds,
            OffsetDateTime now, Map<ObjectNode, String> json) throws SQLException {
        if (created.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_FINDING)) {
            for (FindingState state : created) {
                int i = 1;
                insert.setLong(i++, rowIds.get(state));
                insert.setString(i++, state.key().hash());
                i = bindColumns(insert, i, state.document());
                insert.setInt(i++, state.analystFields());
                insert.setObject(i++, now);
                insert.setString(i, json.computeIfAbsent(state.document(), Json::write));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void updateFindings(Connection connection, List<FindingState> updated, OffsetDateTime now,
            Map<ObjectNode, String> json) throws SQLException {
        if (updated.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(UPDATE_FINDING)) {
            for (FindingState state : updated) {
                int i = bindColumns(update, 1, state.document());
                update.setInt(i++, state.analystFields());
                update.setObject(i++, now);
                update.setString(i++, json.computeIfAbsent(state.document(), Json::write));
                update.setLong(i, state.rowId());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    private static int bindColumns(PreparedStatement statement, int first, ObjectNode document) throws SQLException {
        Object[] values = FindingProjection.columns(document);
        int i = first;
        for (int c = 0; c < values.length; c++) {
            Object value = values[c];
            if (value == null) {
                statement.setNull(i++, switch (FindingProjection.COLUMNS.get(c).type()) {
                    case NUMBER -> Types.DOUBLE;
                    case DATE -> Types.TIMESTAMP_WITH_TIMEZONE;
                    case BOOLEAN -> Types.BOOLEAN;
                    case STRING, MAP, IP -> Types.VARCHAR;
                });
            } else {
                statement.setObject(i++, value);
            }
        }
        return i;
    }

    /**
     * Rewrites the projection of stored findings from their documents (row id → document), after the
     * projection itself changed: columns, value rows and projection_version; the documents, their history
     * and events are untouched, since the findings did not change.
     */
    public void reproject(Connection connection, Map<Long, ObjectNode> documents) throws SQLException {
        if (documents.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(REPROJECT_FINDING);
                PreparedStatement delete = connection.prepareStatement(DELETE_VALUES);
                PreparedStatement insert = connection.prepareStatement(INSERT_VALUE)) {
            for (var entry : documents.entrySet()) {
                int i = bindColumns(update, 1, entry.getValue());
                update.setLong(i, entry.getKey());
                update.addBatch();
                delete.setLong(1, entry.getKey());
                delete.addBatch();
                for (FindingProjection.ValueRow row : FindingProjection.valueRows(entry.getValue())) {
                    insert.setLong(1, entry.getKey());
                    insert.setShort(2, row.attr());
                    insert.setString(3, row.valKey());
                    insert.setString(4, row.val());
                    insert.addBatch();
                }
            }
            update.executeBatch();
            delete.executeBatch();
            insert.executeBatch();
        }
    }

    /** Value rows are rewritten only for findings whose multi-valued attributes changed. */
    private void writeValueRows(Connection connection, List<FindingState> created, List<FindingState> updated,
            Map<FindingState, Long> rowIds) throws SQLException {
        Map<FindingState, Set<FindingProjection.ValueRow>> toInsert = new HashMap<>();
        List<Long> toClear = new ArrayList<>();
        for (FindingState state : created) {
            toInsert.put(state, FindingProjection.valueRows(state.document()));
        }
        for (FindingState state : updated) {
            Set<FindingProjection.ValueRow> rows = FindingProjection.valueRows(state.document());
            if (!rows.equals(FindingProjection.valueRows(state.storedDocument()))) {
                toClear.add(state.rowId());
                toInsert.put(state, rows);
            }
        }
        if (!toClear.isEmpty()) {
            try (PreparedStatement delete = connection.prepareStatement(DELETE_VALUES)) {
                for (Long rowId : toClear) {
                    delete.setLong(1, rowId);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
        }
        if (toInsert.values().stream().allMatch(Set::isEmpty)) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_VALUE)) {
            for (var entry : toInsert.entrySet()) {
                long rowId = rowIds.get(entry.getKey());
                for (FindingProjection.ValueRow row : entry.getValue()) {
                    insert.setLong(1, rowId);
                    insert.setShort(2, row.attr());
                    insert.setString(3, row.valKey());
                    insert.setString(4, row.val());
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    private void writeHistory(Connection connection, List<FindingState> created, List<FindingState> updated,
            Map<FindingState, Long> rowIds) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_HISTORY)) {
            int rows = 0;
            for (List<FindingState> group : List.of(created, updated)) {
                for (FindingState state : group) {
                    for (FindingChange change : state.changes()) {
                        if (change.created()) {
                            addHistoryRow(insert, rowIds.get(state), change, null);
                            rows++;
                        }
                        for (FieldChange field : change.fields()) {
                            addHistoryRow(insert, rowIds.get(state), change, field);
                            rows++;
                        }
                    }
                }
            }
            if (rows > 0) {
                insert.executeBatch();
            }
        }
    }

    private static void addHistoryRow(PreparedStatement insert, long rowId, FindingChange change, FieldChange field)
            throws SQLException {
        insert.setLong(1, rowId);
        insert.setString(2, change.id());
        insert.setObject(3, change.at().atOffset(ZoneOffset.UTC));
        insert.setString(4, change.source().type().name());
        insert.setString(5, change.source().identity());
        insert.setBoolean(6, field == null);
        insert.setString(7, field == null ? null : field.field());
        insert.setString(8, field == null ? null : field.oldValue());
        insert.setString(9, field == null ? null : field.newValue());
        insert.addBatch();
    }
}
