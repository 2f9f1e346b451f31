package io.muster.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A member of a request body, with the path that names it in error messages
 * ({@code Filters.SeverityLabel[0].Comparison}). Every accessor either returns a value of the expected type
 * or throws an {@link ApiException} that says which member is wrong and why.
 */
public final class JsonInput {

    private final JsonNode node;
    private final String path;

    private JsonInput(JsonNode node, String path) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.path = path;
    }

    /** Parses a whole request body, which must be one JSON object (an empty body counts as {}). */
    public static JsonInput parseBody(byte[] body) {
        if (body == null || body.length == 0 || isBlank(body)) {
            return new JsonInput(Json.object(), "");
        }
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.invalidInput("Request body is not valid JSON: " + describe(e));
        } catch (IOException e) {
            throw ApiException.invalidInput("Request body could not be read: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw ApiException.invalidInput("Request body must be a JSON object");
        }
        return new JsonInput(tree, "");
    }

    public static JsonInput of(JsonNode node, String path) {
        return new JsonInput(node, path);
    }

    /** A parse error as a user reads it: the problem and where, without parser internals. */
    public static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        int cut = message.indexOf('\n');
        if (cut > 0) {
            message = message.substring(0, cut);
        }
        JsonLocation at = e.getLocation();
        return at == null ? message : message + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    public JsonNode node() {
        return node;
    }

    public String path() {
        return path.isEmpty() ? "request" : path;
    }

    public boolean isPresent() {
        return !node.isMissingNode() && !node.isNull();
    }

    public JsonInput member(String name) {
        requireObject();
        return new JsonInput(node.get(name), path.isEmpty() ? name : path + "." + name);
    }

    public JsonInput require() {
        if (!isPresent()) {
            throw ApiException.invalidInput(path() + " is required");
        }
        return this;
    }

    /** Refuses members other than the given ones, so that a misspelt name is an error, not a silent no-op. */
    public JsonInput allowOnly(String... names) {
        requireObject();
        Set<String> allowed = Set.of(names);
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw ApiException.invalidInput("Unknown member '" + name + "' in " + path() + "; expected one of "
                        + Arrays.stream(names).sorted().collect(Collectors.joining(", ")));
            }
        }
        return this;
    }

    public JsonInput requireObject() {
        if (isPresent() && !node.isObject()) {
            throw ApiException.invalidInput(path() + " must be an object");
        }
        return this;
    }

    public String text() {
        if (!isPresent()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.invalidInput(path() + " must be a string");
        }
        return node.textValue();
    }

    public String text(int minLength, int maxLength) {
        String value = text();
        if (value != null && (value.length() < minLength || value.length() > maxLength)) {
            throw ApiException.invalidInput(path() + " must be " + minLength + " to " + maxLength
                    + " characters long, not " + value.length());
        }
        return value;
    }

    public Integer integer(int min, int max) {
        if (!isPresent()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw ApiException.invalidInput(path() + " must be an integer");
        }
        int value = node.intValue();
        if (value < min || value > max) {
            throw ApiException.invalidInput(path() + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }

    public Double number() {
        if (!isPresent()) {
            return null;
        }
        if (!node.isNumber()) {
            throw ApiException.invalidInput(path() + " must be a number");
        }
        return node.doubleValue();
    }

    public Boolean bool() {
        if (!isPresent()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw ApiException.invalidInput(path() + " must be true or false");
        }
        return node.booleanValue();
    }

    public <E extends Enum<E>> E enumValue(Class<E> type) {
        String value = text();
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw ApiException.invalidInput(path() + " must be one of "
                + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "))
                + ", not '" + value + "'");
    }

    public List<JsonInput> elements() {
        if (!isPresent()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiException.invalidInput(path() + " must be a list");
        }
        List<JsonInput> elements = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            elements.add(new JsonInput(node.get(i), path() + "[" + i + "]"));
        }
        return elements;
    }

    public List<JsonInput> elements(int min, int max) {
        List<JsonInput> elements = elements();
        if (isPresent() && (elements.size() < min || elements.size() > max)) {
            throw ApiException.invalidInput("Invalid parameter '" + path() + "'. Size '" + elements.size() + "' is "
                    + (elements.size() < min ? "less than minimum value: " + min : "greater than maximum value: " + max)
                    + ".");
        }
        return elements;
    }

    /** The members of an object, in the order they were sent. */
    public Map<String, JsonInput> members() {
        if (!isPresent()) {
            return Map.of();
        }
        requireObject();
        Map<String, JsonInput> members = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> members.put(e.getKey(),
                new JsonInput(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey())));
        return members;
    }
}
