package io.muster.finding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The field-level difference between two versions of a finding, for its history. Objects are compared
 * member by member down to their leaves ({@code Severity.Label}); lists and scalars are compared whole.
 * As in Security Hub, the top-level timestamps (CreatedAt, UpdatedAt, ProcessedAt) are not history.
 */
public final class FindingDiff {

    private static final Set<String> NOT_HISTORY = Set.of("CreatedAt", "UpdatedAt", "ProcessedAt");

    private FindingDiff() {
    }

    public static List<FieldChange> between(ObjectNode before, ObjectNode after) {
        List<FieldChange> changes = new ArrayList<>();
        compareObjects("", before, after, changes);
        return changes;
    }

    private static void compareObjects(String prefix, JsonNode before, JsonNode after, List<FieldChange> changes) {
        Set<String> names = new LinkedHashSet<>();
        before.fieldNames().forEachRemaining(names::add);
        after.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (prefix.isEmpty() && NOT_HISTORY.contains(name)) {
                continue;
            }
            String path = prefix.isEmpty() ? name : prefix + "." + name;
            JsonNode old = before.get(name);
            JsonNode now = after.get(name);
            if (old != null && now != null && old.isObject() && now.isObject()) {
                compareObjects(path, old, now, changes);
            } else if (old == null ? now != null : !old.equals(now)) {
                changes.add(new FieldChange(path, text(old), text(now)));
            }
        }
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isTextual() ? value.textValue() : Json.write(value);
    }
}
