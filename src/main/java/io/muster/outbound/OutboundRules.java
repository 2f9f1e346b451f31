package io.muster.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.muster.api.ApiException;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.db.Database;
import io.muster.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.event.ruler.JsonRuleCompiler;

/**
 * Outbound rules (Muster's EventBridge rules): an event pattern in EventBridge's syntax, checked by the
 * event-ruler library when saved, and the targets matching events go to. Stored in {@code outbound_rule}.
 */
@ApplicationScoped
public class OutboundRules {

    public static final int MAX_TARGETS_PER_RULE = 5;
    private static final String COLUMNS = "rule_id, name, event_pattern, target_ids, enabled, created_at, updated_at";

    @Inject
    Database database;

    @Inject
    OutboundTargets targets;

    public OutboundRule create(JsonInput request) {
        request.allowOnly("Name", "EventPattern", "Targets", "Enabled");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        JsonInput enabled = request.member("Enabled");
        OutboundRule rule = new OutboundRule(UUID.randomUUID().toString(), request.member("Name").require().text(1, 128),
                pattern(request.member("EventPattern").require()), targetIds(request.member("Targets").require()),
                !enabled.isPresent() || enabled.bool(), now, now);
        write("INSERT INTO outbound_rule (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", rule.id(), rule.name(),
                Json.write(rule.eventPattern()), Json.write(Json.MAPPER.valueToTree(rule.targetIds())), rule.enabled(), at(now), at(now));
        return rule;
    }

    public List<OutboundRule> list() {
        return query("SELECT " + COLUMNS + " FROM outbound_rule ORDER BY created_at, rule_id");
    }

    public OutboundRule find(String id) {
        return query("SELECT " + COLUMNS + " FROM outbound_rule WHERE rule_id = ?", id).stream().findFirst()
                .orElseThrow(() -> notFound(id));
    }

    public OutboundRule update(String id, JsonInput request) {
        request.allowOnly("Name", "EventPattern", "Targets", "Enabled");
        OutboundRule old = find(id);
        JsonInput name = request.member("Name");
        JsonInput pattern = request.member("EventPattern");
        JsonInput targetList = request.member("Targets");
        JsonInput enabled = request.member("Enabled");
        OutboundRule rule = new OutboundRule(id, name.isPresent() ? name.text(1, 128) : old.name(),
                pattern.isPresent() ? pattern(pattern) : old.eventPattern(), targetList.isPresent() ? targetIds(targetList) : old.targetIds(),
                enabled.isPresent() ? enabled.bool() : old.enabled(), old.createdAt(), Instant.now().truncatedTo(ChronoUnit.MICROS));
        write("UPDATE outbound_rule SET name = ?, event_pattern = ?, target_ids = ?, enabled = ?, updated_at = ? WHERE rule_id = ?",
                rule.name(), Json.write(rule.eventPattern()), Json.write(Json.MAPPER.valueToTree(rule.targetIds())), rule.enabled(),
                at(rule.updatedAt()), id);
        return rule;
    }

    public void delete(String id) {
        if (write("DELETE FROM outbound_rule WHERE rule_id = ?", id) != 1) {
            throw notFound(id);
        }
    }

    /** The rules that send to a target. */
    public List<String> usingTarget(String targetId) {
        return list().stream().filter(rule -> rule.targetIds().contains(targetId)).map(OutboundRule::id).toList();
    }

    /** The pattern as JSON, if event-ruler accepts it; InvalidInputException with its complaint otherwise. */
    private static JsonNode pattern(JsonInput input) {
        JsonNode pattern = input.node();
        if (pattern.isTextual()) {
            try {
                pattern = Json.MAPPER.readTree(pattern.textValue());
            } catch (Exception e) {
                throw ApiException.invalidInput(input.path() + " is not JSON: " + e.getMessage());
            }
        }
        if (!pattern.isObject() || pattern.isEmpty()) {
            throw ApiException.invalidInput(input.path() + " must be an EventBridge event pattern: a non-empty JSON object such as "
                    + "{\"detail-type\":[\"Security Hub Findings - Custom Action\"]}");
        }
        String problem = JsonRuleCompiler.check(Json.write(pattern));
        if (problem != null) {
            throw ApiException.invalidInput(input.path() + " is not a valid event pattern: " + problem);
        }
        return pattern;
    }

    private List<String> targetIds(JsonInput list) {
        List<String> ids = new ArrayList<>();
        for (JsonInput item : list.elements(1, MAX_TARGETS_PER_RULE)) {
            String id = item.require().text(1, 36);
            targets.find(id);
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private int write(String sql, Object... parameters) {
        return Sql.update(database, "Outbound rules", sql, parameters);
    }

    private List<OutboundRule> query(String sql, Object... parameters) {
        return Sql.query(database, "Outbound rules", sql, r -> {
            List<String> ids = new ArrayList<>();
            ((ArrayNode) Json.readStored(r.getString(4))).forEach(id -> ids.add(id.asText()));
            return new OutboundRule(r.getString(1), r.getString(2), Json.readStored(r.getString(3)), ids, r.getBoolean(5),
                    r.getObject(6, OffsetDateTime.class).toInstant(), r.getObject(7, OffsetDateTime.class).toInstant());
        }, parameters);
    }

    static ApiException notFound(String id) {
        return ApiException.notFound("No outbound rule has the id '" + id + "'; GET /outbound/rules lists them");
    }
}
