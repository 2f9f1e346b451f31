package io.muster.finding;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.api.Json;
import io.muster.finding.filter.FilterAttribute;
import io.muster.finding.filter.PackedMap;
import io.muster.finding.filter.SqlFilter;
import io.muster.format.AsffTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The queryable form of a finding document, derived from the attribute declarations: one value per
 * column attribute, and the value rows of the multi-valued ones.
 */
final class FindingProjection {

    static final List<FilterAttribute> COLUMNS = FilterAttribute.columns();
    private static final List<FilterAttribute> VALUE_ROW_ATTRIBUTES = FilterAttribute.valueRowAttributes();

    /** One {@code finding_value} row. */
    record ValueRow(short attr, String valKey, String val) {

        static ValueRow of(short attr, String value) {
            boolean fits = value.length() <= SqlFilter.VALUE_KEY_LENGTH;
            return new ValueRow(attr, fits ? value : value.substring(0, SqlFilter.VALUE_KEY_LENGTH), fits ? null : value);
        }
    }

    private FindingProjection() {
    }

    /** Column values in {@link #COLUMNS} order: String (maps packed), Double, OffsetDateTime or Boolean (or null). */
    static Object[] columns(JsonNode document) {
        Object[] values = new Object[COLUMNS.size()];
        for (int i = 0; i < values.length; i++) {
            FilterAttribute attribute = COLUMNS.get(i);
            List<JsonNode> selected = attribute.select(document);
            values[i] = selected.isEmpty() ? null : columnValue(attribute, selected.get(0));
        }
        return values;
    }

    private static Object columnValue(FilterAttribute attribute, JsonNode node) {
        return switch (attribute.type()) {
            case STRING -> text(node);
            case NUMBER -> node.isNumber() ? node.doubleValue() : null;
            case DATE -> node.isTextual() ? AsffTime.parse(node.textValue()).map(t -> t.withOffsetSameInstant(ZoneOffset.UTC)).orElse(null) : null;
            case BOOLEAN -> node.isBoolean() ? node.booleanValue() : null;
            case MAP -> PackedMap.pack(node);
        };
    }

    /** The distinct value rows of a document. */
    static Set<ValueRow> valueRows(JsonNode document) {
        Set<ValueRow> rows = new LinkedHashSet<>();
        for (FilterAttribute attribute : VALUE_ROW_ATTRIBUTES) {
            for (JsonNode node : attribute.select(document)) {
                rows.add(ValueRow.of(attribute.code(), text(node)));
            }
        }
        return rows;
    }

    private static String text(JsonNode node) {
        return node.isValueNode() ? node.asText() : Json.write(node);
    }
}
