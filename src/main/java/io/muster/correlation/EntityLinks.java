package io.muster.correlation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.finding.FindingProjector;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps the entity graph in step with the findings, in the transaction that writes them: each written
 * finding's links to the entities it involves are replaced when they changed, and entities are created on
 * first sight. Entities are inserted in one global order, so concurrent imports never deadlock on them.
 */
@ApplicationScoped
public class EntityLinks implements FindingProjector {

    @jakarta.inject.Inject
    GraphConfig config;

    private static final Comparator<Entity> ORDER = Comparator.comparing((Entity e) -> e.kind().wire()).thenComparing(Entity::value);

    @Override
    public void project(Connection connection, List<Written> written) throws SQLException {
        if (!config.enabled()) {
            return;
        }
        Map<Long, Set<Entity>> links = new LinkedHashMap<>();
        List<Long> replaced = new ArrayList<>();
        for (Written finding : written) {
            Set<Entity> after = EntityExtractor.entities(finding.after());
            if (finding.before() != null) {
                if (after.equals(EntityExtractor.entities(finding.before()))) {
                    continue;
                }
                replaced.add(finding.rowId());
            }
            links.put(finding.rowId(), after);
        }
        if (links.isEmpty()) {
            return;
        }
        link(connection, links, replaced);
    }

    /** Links findings (row id → entities), replacing the links of the rows in {@code replaced}. */
    void link(Connection connection, Map<Long, Set<Entity>> links, List<Long> replaced) throws SQLException {
        if (!replaced.isEmpty()) {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM finding_entity WHERE finding_id = ?")) {
                for (Long row : replaced) {
                    delete.setLong(1, row);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
        }
        TreeSet<Entity> all = new TreeSet<>(ORDER);
        links.values().forEach(all::addAll);
        Map<Entity, Long> ids = ids(connection, all);
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO finding_entity (finding_id, entity_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            for (Map.Entry<Long, Set<Entity>> finding : links.entrySet()) {
                for (Entity entity : finding.getValue()) {
                    insert.setLong(1, finding.getKey());
                    insert.setLong(2, ids.get(entity));
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    private static Map<Entity, Long> ids(Connection connection, TreeSet<Entity> entities) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO entity (entity_kind, entity_value) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            for (Entity entity : entities) {
                insert.setString(1, entity.kind().wire());
                insert.setString(2, entity.value());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        Map<Entity.Kind, List<String>> byKind = new LinkedHashMap<>();
        entities.forEach(entity -> byKind.computeIfAbsent(entity.kind(), k -> new ArrayList<>()).add(entity.value()));
        Map<Entity, Long> ids = new HashMap<>();
        for (Map.Entry<Entity.Kind, List<String>> kind : byKind.entrySet()) {
            List<String> values = kind.getValue();
            String sql = "SELECT id, entity_value FROM entity WHERE entity_kind = ? AND entity_value IN (" + "?, ".repeat(values.size() - 1) + "?)";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, kind.getKey().wire());
                for (int i = 0; i < values.size(); i++) {
                    select.setString(i + 2, values.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.put(new Entity(kind.getKey(), rows.getString(2)), rows.getLong(1));
                    }
                }
            }
        }
        return ids;
    }

    /** Links a stored finding that has no links yet (findings stored before the graph existed). */
    boolean enabled() {
        return config.enabled();
    }

    void backfill(Connection connection, Map<Long, ObjectNode> documents) throws SQLException {
        Map<Long, Set<Entity>> links = new LinkedHashMap<>();
        documents.forEach((row, document) -> links.put(row, EntityExtractor.entities(document)));
        link(connection, links, List.of());
    }
}
