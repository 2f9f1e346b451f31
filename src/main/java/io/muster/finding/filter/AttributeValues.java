package io.muster.finding.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.api.Json;
import io.muster.format.AsffTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The typed values an attribute has in a finding document, as both interpreters see them: the SQL
 * projection stores exactly these, and the in-memory matcher compares exactly these. Timestamps are
 * kept to the microsecond (what the databases store); addresses as fixed-width hex ({@link IpAddresses}).
 */
public final class AttributeValues {

    /** Timestamps in value rows: fixed width, so that text order is time order. */
    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private AttributeValues() {
    }

    public static List<String> strings(FilterAttribute attribute, JsonNode document) {
        List<String> values = new ArrayList<>();
        for (JsonNode node : attribute.select(document)) {
            values.add(text(node));
        }
        return values;
    }

    public static List<Double> numbers(FilterAttribute attribute, JsonNode document) {
        List<Double> values = new ArrayList<>();
        for (JsonNode node : attribute.select(document)) {
            if (node.isNumber()) {
                values.add(node.doubleValue());
            }
        }
        return values;
    }

    public static List<Instant> instants(FilterAttribute attribute, JsonNode document) {
        List<Instant> values = new ArrayList<>();
        for (JsonNode node : attribute.select(document)) {
            if (node.isTextual()) {
                AsffTime.parse(node.textValue()).ifPresent(t -> values.add(micros(t.toInstant())));
            }
        }
        return values;
    }

    /** Addresses in hex; text that is not an address of the attribute's family is no value. */
    public static List<String> addresses(FilterAttribute attribute, JsonNode document) {
        List<String> values = new ArrayList<>();
        for (JsonNode node : attribute.select(document)) {
            String hex = node.isTextual() ? IpAddresses.hex(node.textValue(), ipFamily(attribute)) : null;
            if (hex != null) {
                values.add(hex);
            }
        }
        return values;
    }

    public static List<Boolean> booleans(FilterAttribute attribute, JsonNode document) {
        List<Boolean> values = new ArrayList<>();
        for (JsonNode node : attribute.select(document)) {
            if (node.isBoolean()) {
                values.add(node.booleanValue());
            }
        }
        return values;
    }

    /** Map entries, from every object the attribute reaches (ResourceTags: of every resource). */
    public static List<Map.Entry<String, String>> entries(FilterAttribute attribute, JsonNode document) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (JsonNode node : attribute.select(document)) {
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> entry : node.properties()) {
                    entries.add(new AbstractMap.SimpleImmutableEntry<>(entry.getKey(), text(entry.getValue())));
                }
            }
        }
        return entries;
    }

    /** 4 for the IPv4 attributes, 6 for the IPv6 ones. */
    public static int ipFamily(FilterAttribute attribute) {
        return attribute.filterName().contains("IpV4") ? 4 : 6;
    }

    public static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** A timestamp as a value row holds it. */
    public static String sortable(Instant instant) {
        return SORTABLE.format(micros(instant));
    }

    static String text(JsonNode node) {
        return node.isValueNode() ? node.asText() : Json.write(node);
    }
}
