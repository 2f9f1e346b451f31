package io.muster.finding.filter;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * How a map attribute (ProductFields, UserDefinedFields …) is kept in one text column so that a MapFilter
 * EQUALS is one exact LIKE, on H2 and PostgreSQL alike: every entry as {@code "key":"value"} with JSON
 * string escaping, each entry followed by a comma and the whole preceded by one:
 * {@code ,"k1":"v1","k2":"v2",}. Inside an escaped string every quote is preceded by a backslash, so
 * {@code ,"} only ever starts an entry and {@code ",} only ever ends one: {@code %,"k":"v",%} matches
 * exactly the maps holding that entry. (A map holds dozens of entries; one row per entry would multiply
 * the rows an import writes.)
 */
public final class PackedMap {

    private PackedMap() {
    }

    /** The packed form of a JSON object of strings; null when it has no entries. */
    public static String pack(JsonNode map) {
        if (map == null || !map.isObject() || map.isEmpty()) {
            return null;
        }
        StringBuilder packed = new StringBuilder(map.size() * 32).append(',');
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            JsonNode value = entry.getValue();
            entry(packed, entry.getKey(), value.isValueNode() ? value.asText() : value.toString());
        }
        return packed.toString();
    }

    /** The text one entry contributes, {@code "key":"value",}, for building LIKE patterns. */
    public static String entry(String key, String value) {
        return entry(new StringBuilder(), key, value).toString();
    }

    private static StringBuilder entry(StringBuilder packed, String key, String value) {
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        packed.append('"');
        encoder.quoteAsString(key, packed);
        packed.append("\":\"");
        encoder.quoteAsString(value, packed);
        return packed.append("\",");
    }
}
