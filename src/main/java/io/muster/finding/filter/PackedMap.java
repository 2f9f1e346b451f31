package io.muster.finding.filter;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.List;
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

    /** The packed form of map entries; null when there are none. */
    public static String pack(List<Map.Entry<String, String>> entries) {
        if (entries.isEmpty()) {
            return null;
        }
        StringBuilder packed = new StringBuilder(entries.size() * 32).append(',');
        for (Map.Entry<String, String> entry : entries) {
            entry(packed, entry.getKey(), entry.getValue());
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
