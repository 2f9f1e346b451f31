package io.muster.correlation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ApiException;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.auth.AccessScope;
import io.muster.db.Database;
import io.muster.db.Sql;
import io.muster.finding.filter.FindingFilter;
import io.muster.finding.filter.SqlFilter;
import io.muster.finding.filter.SqlFragment;
import io.muster.format.AsffTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Questions to the entity graph, always through findings the caller may see: an entity with its findings
 * and its neighbours (entities a finding ties it to, to a depth of 3, within a time window on UpdatedAt),
 * and the findings related to a finding through shared entities, highest priority first. An account
 * entity is shown but never walked through — it would tie every finding of the account together — and no
 * entity or finding of another account is reached, since every step goes through an in-scope finding.
 */
@ApplicationScoped
public class EntityGraph {

    private static final int MAX_NODES = 200;
    private static final int MAX_FINDINGS = 100;

    @Inject
    Database database;

    private record Node(long id, Entity entity, int depth) {
    }

    public ObjectNode entity(JsonInput request, AccessScope scope) {
        request.allowOnly("Kind", "Value", "Depth", "Since", "Until", "MaxFindings");
        Entity.Kind kind;
        String kindText = request.member("Kind").require().text(1, 16);
        try {
            kind = Entity.Kind.ofWire(kindText);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidInput("Kind '" + kindText + "' is not an entity kind; use one of resource, account, principal,"
                    + " access-key, ip, domain, image, vulnerability");
        }
        String value = request.member("Value").require().text(1, Entity.MAX_VALUE);
        Integer depthInput = request.member("Depth").integer(1, 3);
        int depth = depthInput == null ? 1 : depthInput;
        Instant since = time(request.member("Since"));
        Instant until = time(request.member("Until"));
        Integer maxInput = request.member("MaxFindings").integer(1, MAX_FINDINGS);
        int maxFindings = maxInput == null ? 20 : maxInput;
        try (Connection connection = database.connection()) {
            Long id = entityId(connection, kind, value);
            List<long[]> direct = id == null ? List.of() : findingsOf(connection, Set.of(id), scope, since, until);
            if (direct.isEmpty()) {
                throw ApiException.notFound("No finding you may see involves " + kind.wire() + " '" + value + "'"
                        + (since != null || until != null ? " in that time window" : ""));
            }
            Map<Long, Node> nodes = new LinkedHashMap<>();
            nodes.put(id, new Node(id, new Entity(kind, value), 0));
            Map<Long, Integer> linkingFindings = new LinkedHashMap<>();
            Set<Long> frontier = kind == Entity.Kind.ACCOUNT ? Set.of() : Set.of(id);
            for (int d = 1; d <= depth && !frontier.isEmpty() && nodes.size() < MAX_NODES; d++) {
                Set<Long> findings = new LinkedHashSet<>();
                for (long[] finding : findingsOf(connection, frontier, scope, since, until)) {
                    findings.add(finding[0]);
                }
                Set<Long> next = new LinkedHashSet<>();
                for (Object[] neighbour : entitiesOf(connection, findings)) {
                    long neighbourId = (Long) neighbour[0];
                    Entity entity = (Entity) neighbour[1];
                    if (d == 1 || !nodes.containsKey(neighbourId)) {
                        linkingFindings.merge(neighbourId, (Integer) neighbour[2], Integer::sum);
                    }
                    if (!nodes.containsKey(neighbourId) && nodes.size() < MAX_NODES) {
                        nodes.put(neighbourId, new Node(neighbourId, entity, d));
                        if (entity.kind() != Entity.Kind.ACCOUNT) {
                            next.add(neighbourId);
                        }
                    }
                }
                frontier = next;
            }
            ObjectNode response = Json.object();
            response.putObject("Entity").put("Kind", kind.wire()).put("Value", value);
            response.set("Findings", summaries(connection, direct.stream().limit(maxFindings).map(f -> f[0]).toList()));
            ArrayNode neighbours = response.putArray("Neighbours");
            for (Node node : nodes.values()) {
                if (node.depth() > 0) {
                    neighbours.addObject().put("Kind", node.entity().kind().wire()).put("Value", node.entity().value())
                            .put("Depth", node.depth()).put("Findings", linkingFindings.getOrDefault(node.id(), 0));
                }
            }
            return response;
        } catch (SQLException e) {
            throw new IllegalStateException("The entity graph could not be read", e);
        }
    }

    /** Findings that share entities with the given one (not counting its account), highest priority first. */
    public ObjectNode related(JsonInput request, AccessScope scope) {
        request.allowOnly("FindingIdentifier", "MaxResults");
        JsonInput identifier = request.member("FindingIdentifier").require().requireObject().allowOnly("Id", "ProductArn");
        String id = identifier.member("Id").require().text(1, 512);
        String productArn = identifier.member("ProductArn").require().text(1, 2048);
        Integer maxInput = request.member("MaxResults").integer(1, MAX_FINDINGS);
        int max = maxInput == null ? 20 : maxInput;
        try (Connection connection = database.connection()) {
            SqlFragment self = new SqlFragment().append("SELECT f.id FROM finding f WHERE f.product_arn = ?", productArn).append(" AND f.asff_id = ?", id);
            SqlFragment inScope = SqlFilter.where(FindingFilter.ALL, scope);
            if (!inScope.isEmpty()) {
                self.append(" AND ").append(inScope);
            }
            List<Long> rows = longs(connection, self);
            if (rows.isEmpty()) {
                throw ApiException.notFound("Finding " + id + " of " + productArn + " does not exist");
            }
            long row = rows.get(0);
            SqlFragment sql = new SqlFragment().append("SELECT f.id, COUNT(*) FROM finding_entity s"
                    + " JOIN entity e ON e.id = s.entity_id AND e.entity_kind <> 'account'"
                    + " JOIN finding_entity t ON t.entity_id = s.entity_id AND t.finding_id <> s.finding_id"
                    + " JOIN finding f ON f.id = t.finding_id WHERE s.finding_id = ?", row);
            if (!inScope.isEmpty()) {
                sql.append(" AND ").append(inScope);
            }
            sql.append(" GROUP BY f.id, f.priority ORDER BY COALESCE(f.priority, 0) DESC, COUNT(*) DESC, f.id LIMIT ?", max);
            List<Long> related = longs(connection, sql);
            ArrayNode findings = summaries(connection, related);
            Map<Long, List<Entity>> shared = shared(connection, row, related);
            for (int i = 0; i < findings.size(); i++) {
                ArrayNode entities = ((ObjectNode) findings.get(i)).putArray("SharedEntities");
                shared.getOrDefault(related.get(i), List.of()).forEach(entity ->
                        entities.addObject().put("Kind", entity.kind().wire()).put("Value", entity.value()));
            }
            ObjectNode response = Json.object();
            response.set("Findings", findings);
            return response;
        } catch (SQLException e) {
            throw new IllegalStateException("The entity graph could not be read", e);
        }
    }

    private static Long entityId(Connection connection, Entity.Kind kind, String value) throws SQLException {
        List<Long> ids = longs(connection, new SqlFragment().append("SELECT id FROM entity WHERE entity_kind = ?", kind.wire())
                .append(" AND entity_value = ?", value));
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** In-scope findings involving any of the entities, within the window: [row id], highest priority first. */
    private static List<long[]> findingsOf(Connection connection, Set<Long> entities, AccessScope scope, Instant since, Instant until)
            throws SQLException {
        SqlFragment sql = new SqlFragment().append("SELECT DISTINCT f.id, COALESCE(f.priority, 0) FROM finding_entity l"
                + " JOIN finding f ON f.id = l.finding_id WHERE l.entity_id IN (");
        int i = 0;
        for (Long entity : entities) {
            sql.append(i++ == 0 ? "?" : ", ?", entity);
        }
        sql.append(")");
        SqlFragment inScope = SqlFilter.where(FindingFilter.ALL, scope);
        if (!inScope.isEmpty()) {
            sql.append(" AND ").append(inScope);
        }
        if (since != null) {
            sql.append(" AND f.updated_at >= ?", OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
        }
        if (until != null) {
            sql.append(" AND f.updated_at <= ?", OffsetDateTime.ofInstant(until, ZoneOffset.UTC));
        }
        sql.append(" ORDER BY 2 DESC, 1 LIMIT ?", 1000);
        List<long[]> rows = new ArrayList<>();
        for (Long row : longs(connection, sql)) {
            rows.add(new long[] {row});
        }
        return rows;
    }

    /** The entities of the findings: [entity id, entity, number of those findings involving it]. */
    private static List<Object[]> entitiesOf(Connection connection, Set<Long> findings) throws SQLException {
        if (findings.isEmpty()) {
            return List.of();
        }
        SqlFragment sql = new SqlFragment().append("SELECT e.id, e.entity_kind, e.entity_value, COUNT(*) FROM finding_entity l JOIN entity e ON e.id = l.entity_id"
                + " WHERE l.finding_id IN (");
        int i = 0;
        for (Long finding : findings) {
            sql.append(i++ == 0 ? "?" : ", ?", finding);
        }
        sql.append(") GROUP BY e.id, e.entity_kind, e.entity_value ORDER BY 4 DESC, e.id");
        return Sql.query(connection, sql.sql(), sql.parameters(), rows -> new Object[] {rows.getLong(1),
            new Entity(Entity.Kind.ofWire(rows.getString(2)), rows.getString(3)), rows.getInt(4)});
    }

    private static Map<Long, List<Entity>> shared(Connection connection, long row, List<Long> related) throws SQLException {
        Map<Long, List<Entity>> shared = new LinkedHashMap<>();
        if (related.isEmpty()) {
            return shared;
        }
        SqlFragment sql = new SqlFragment().append("SELECT t.finding_id, e.entity_kind, e.entity_value FROM finding_entity s"
                + " JOIN entity e ON e.id = s.entity_id AND e.entity_kind <> 'account'"
                + " JOIN finding_entity t ON t.entity_id = s.entity_id WHERE s.finding_id = ?", row).append(" AND t.finding_id IN (");
        for (int i = 0; i < related.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?", related.get(i));
        }
        sql.append(") ORDER BY e.entity_kind, e.entity_value");
        Sql.query(connection, sql.sql(), sql.parameters(), rows -> Map.entry(rows.getLong(1),
                new Entity(Entity.Kind.ofWire(rows.getString(2)), rows.getString(3))))
                .forEach(link -> shared.computeIfAbsent(link.getKey(), k -> new ArrayList<>()).add(link.getValue()));
        return shared;
    }

    /** Id, ProductArn, Title, Priority, AwsAccountId and UpdatedAt of each row, in the given order. */
    private static ArrayNode summaries(Connection connection, List<Long> rows) throws SQLException {
        ArrayNode summaries = Json.MAPPER.createArrayNode();
        if (rows.isEmpty()) {
            return summaries;
        }
        SqlFragment sql = new SqlFragment().append("SELECT f.id, f.asff_id, f.product_arn, f.title, f.priority, f.aws_account_id, f.updated_at"
                + " FROM finding f WHERE f.id IN (");
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?", rows.get(i));
        }
        sql.append(")");
        Map<Long, ObjectNode> byRow = new LinkedHashMap<>();
        Sql.query(connection, sql.sql(), sql.parameters(), result -> Map.entry(result.getLong(1),
                Json.object().put("Id", result.getString(2)).put("ProductArn", result.getString(3)).put("Title", result.getString(4))
                        .put("Priority", Math.round(result.getDouble(5))).put("AwsAccountId", result.getString(6))
                        .put("UpdatedAt", AsffTime.format(result.getObject(7, OffsetDateTime.class).toInstant()))))
                .forEach(entry -> byRow.put(entry.getKey(), entry.getValue()));
        rows.forEach(row -> summaries.add(byRow.get(row)));
        return summaries;
    }

    private static List<Long> longs(Connection connection, SqlFragment sql) throws SQLException {
        return Sql.query(connection, sql.sql(), sql.parameters(), rows -> rows.getLong(1));
    }

    private static Instant time(JsonInput member) {
        String text = member.text();
        if (text == null) {
            return null;
        }
        return AsffTime.parse(text).map(OffsetDateTime::toInstant)
                .orElseThrow(() -> ApiException.invalidInput(member.path() + ": '" + text + "' is not a date-time"));
    }
}
