package io.muster.ingest.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.format.AsffTime;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * What every converter needs to write ASFF: the product ARN of an integration, times in ASFF's form from
 * whatever the source uses, Ids derived from source identifiers, ASFF's length limits, and ProductFields
 * that stay within ASFF's 50 entries.
 */
public final class Asff {

    public static final String SCHEMA_VERSION = "2018-10-08";
    public static final int MAX_TITLE = 256;
    public static final int MAX_DESCRIPTION = 1024;
    public static final int MAX_ID = 512;
    public static final int MAX_PRODUCT_FIELDS = 50;
    private static final int MAX_PRODUCT_FIELD_VALUE = 2048;
    /** 10^10: as seconds the year 2286, as milliseconds April 1970 — below it a number is taken as seconds. */
    private static final long LARGEST_EPOCH_SECONDS = 10_000_000_000L;

    private Asff() {
    }

    /** A new finding with SchemaVersion, Id, ProductArn, GeneratorId, AwsAccountId and Region. */
    public static ObjectNode finding(String id, String productArn, String generatorId, String accountId, String region) {
        ObjectNode finding = Json.object().put("SchemaVersion", SCHEMA_VERSION).put("Id", id).put("ProductArn", productArn)
                .put("GeneratorId", clip(generatorId, MAX_ID));
        if (accountId != null) {
            finding.put("AwsAccountId", accountId);
        }
        if (region != null) {
            finding.put("Region", region);
        }
        return finding;
    }

    /** The ARN Security Hub gives a product integration: {@code arn:aws:securityhub:<region>::product/<company>/<product>}. */
    public static String productArn(String partition, String region, String company, String product) {
        return "arn:" + (partition == null || partition.isBlank() ? "aws" : partition) + ":securityhub:" + region
                + "::product/" + slug(company) + "/" + slug(product);
    }

    /** Lower case, with every run of characters other than letters, digits and '-' made one '-'. */
    public static String slug(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? "unknown" : slug;
    }

    /**
     * An Id from the source's identifiers joined by '/'. When that would pass ASFF's 512 characters, the
     * tail is replaced by a digest of the whole, so the Id stays stable and unique.
     */
    public static String id(String... parts) {
        String joined = String.join("/", parts);
        if (joined.length() <= MAX_ID) {
            return joined;
        }
        String digest = sha256(joined).substring(0, 32);
        return joined.substring(0, MAX_ID - digest.length() - 1) + "#" + digest;
    }

    /** The first 64 hex digits of SHA-256 of the text. */
    public static String sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * A time as ASFF writes it, from a number of epoch milliseconds (OCSF's timestamp_t) — or of epoch
     * seconds, which some producers write instead (Prowler) and which no real millisecond time can be
     * mistaken for — or from an ISO-8601 text, with or without a zone (UTC assumed).
     * Null when the node is missing or is not a time.
     */
    public static String time(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) {
            long value = node.longValue();
            return AsffTime.format(value < LARGEST_EPOCH_SECONDS ? Instant.ofEpochSecond(value) : Instant.ofEpochMilli(value));
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            return null;
        }
        String text = node.textValue().trim();
        if (text.chars().allMatch(Character::isDigit)) {
            return time(Json.MAPPER.getNodeFactory().numberNode(Long.parseLong(text)));
        }
        var parsed = AsffTime.parse(text);
        if (parsed.isPresent()) {
            return AsffTime.format(parsed.get().toInstant());
        }
        try {
            return AsffTime.format(LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The text cut to at most {@code max} characters, ending in "..." when cut; null stays null. */
    public static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 3) + "...";
    }

    /** Severity with Label (and Original, the source's own word, when given). */
    public static ObjectNode severity(String label, String original) {
        ObjectNode severity = Json.object().put("Label", label);
        if (original != null && !original.isBlank()) {
            severity.put("Original", clip(original, 128));
        }
        return severity;
    }

    /** Sets a ProductFields entry if there is room (ASFF allows 50) and a value; long values are clipped. */
    public static void productField(ObjectNode finding, String key, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        ObjectNode fields = finding.has("ProductFields") ? (ObjectNode) finding.get("ProductFields") : finding.putObject("ProductFields");
        if (fields.size() < MAX_PRODUCT_FIELDS || fields.has(key)) {
            fields.put(clip(key, 128), clip(value, MAX_PRODUCT_FIELD_VALUE));
        }
    }

    /** The text at a path of member names, or null when any step is missing or the value is not a scalar. */
    public static String text(JsonNode node, String... path) {
        JsonNode current = node;
        for (String name : path) {
            current = current.path(name);
        }
        if (current.isValueNode() && !current.isNull()) {
            String text = current.asText();
            return text.isEmpty() ? null : text;
        }
        return null;
    }

    /** An array of the given strings, skipping nulls and blanks. */
    public static ArrayNode strings(Iterable<String> values) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                array.add(value);
            }
        }
        return array;
    }

    /** The first of the values that is neither null nor blank; null when there is none. */
    public static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    /** Sets a text member only when the value is neither null nor blank (ASFF has no empty strings). */
    public static void put(ObjectNode node, String name, String value) {
        if (value != null && !value.isBlank()) {
            node.put(name, value);
        }
    }
}
