package io.muster.finding;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.finding.filter.FilterAttribute;
import io.muster.finding.filter.PackedMap;
import io.muster.finding.filter.SqlFilter;
import io.muster.finding.filter.AttributeValues;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The queryable form of a finding document, derived from the attribute declarations: one value per
 * column attribute, and the value rows of the multi-valued ones.
 */
final class FindingProjection {

    /**
     * The version of this projection, stored with each row (finding.projection_version). Raise it when
     * an attribute is added or its storage changes: stored findings are then re-projected from their
     * documents at start-up ({@link FindingReprojection}).
     */
    static final int VERSION = 3;

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

    /** Column values in {@link #COLUMNS} order: String (maps packed, addresses hex), Double, OffsetDateTime or Boolean. */
    static Object[] columns(JsonNode document) {
        Object[] values = new Object[COLUMNS.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = columnValue(COLUMNS.get(i), document);
        }
        return values;
    }

    private static Object columnValue(FilterAttribute attribute, JsonNode document) {
        return switch (attribute.type()) {
            case STRING -> first(AttributeValues.strings(attribute, document));
            case NUMBER -> first(AttributeValues.numbers(attribute, document));
            case DATE -> {
                Instant instant = first(AttributeValues.instants(attribute, document));
                yield instant == null ? null : instant.atOffset(ZoneOffset.UTC);
            }
            case BOOLEAN -> first(AttributeValues.booleans(attribute, document));
            case IP -> first(AttributeValues.addresses(attribute, document));
            case MAP -> PackedMap.pack(AttributeValues.entries(attribute, document));
        };
    }

    /** The distinct value rows of a document. */
    static Set<ValueRow> valueRows(JsonNode document) {
        Set<ValueRow> rows = new LinkedHashSet<>();
        for (FilterAttribute attribute : VALUE_ROW_ATTRIBUTES) {
            List<String> values = switch (attribute.type()) {
                case DATE -> AttributeValues.instants(attribute, document).stream().map(AttributeValues::sortable).toList();
                case IP -> AttributeValues.addresses(attribute, document);
                default -> AttributeValues.strings(attribute, document);
            };
            for (String value : values) {
                rows.add(ValueRow.of(attribute.code(), value));
            }
        }
        return rows;
    }

    private static <T> T first(List<T> values) {
        return values.isEmpty() ? null : values.get(0);
    }
}
