package io.muster.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A customizable parameter of a security control, as a pack defines it ({@code parameters:} of a control in
 * {@code standards/}), described on the wire as Security Hub's {@code ParameterDefinition} and checked here the way
 * UpdateSecurityControl checks a value: the type the definition gives, its range, list size, allowed values or
 * regular expression.
 *
 * @param min smallest value of an Integer, an IntegerList item or a Double, when bounded
 * @param max largest value of the same, when bounded
 * @param maxItems most items of a list value, when bounded
 * @param allowedValues the values of an Enum or EnumList (empty for other types)
 * @param defaultValue Security Hub's default, as the JSON value of the parameter's type; null when it has none
 */
public record ControlParameter(String name, String description, Type type, Double min, Double max, Integer maxItems,
        List<String> allowedValues, Optional<String> re2Expression, Optional<String> expressionDescription, JsonNode defaultValue) {

    /** Security Hub's parameter data types, with the member names ConfigurationOptions and ParameterValue use for them. */
    public enum Type {
        INTEGER("Integer"), INTEGER_LIST("IntegerList"), DOUBLE("Double"), STRING("String"), STRING_LIST("StringList"),
        BOOLEAN("Boolean"), ENUM("Enum"), ENUM_LIST("EnumList");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        /** The member name on the wire, e.g. {@code IntegerList}. */
        public String wireName() {
            return wireName;
        }

        public static Optional<Type> ofWireName(String name) {
            for (Type type : values()) {
                if (type.wireName.equals(name)) {
                    return Optional.of(type);
                }
            }
            return Optional.empty();
        }

        boolean isList() {
            return this == INTEGER_LIST || this == STRING_LIST || this == ENUM_LIST;
        }
    }

    /**
     * Reads one parameter of a pack (already checked against {@code pack.schema.json}) and checks what the schema
     * cannot: a range that is not empty, a regular expression that compiles, and a default that is itself a valid
     * value.
     *
     * @throws IllegalArgumentException naming {@code path} and the rule broken
     */
    static ControlParameter fromPack(String path, String name, JsonNode node) {
        Type type = Type.ofWireName(node.path("type").asText())
                .orElseThrow(() -> new IllegalArgumentException(path + ".type: unknown parameter type " + node.path("type")));
        Double min = node.has("min") ? node.get("min").doubleValue() : null;
        Double max = node.has("max") ? node.get("max").doubleValue() : null;
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException(path + ": min " + node.get("min") + " is larger than max " + node.get("max"));
        }
        List<String> allowed = new ArrayList<>();
        node.path("allowedValues").forEach(value -> allowed.add(value.textValue()));
        Optional<String> expression = Optional.ofNullable(node.path("re2Expression").textValue());
        expression.ifPresent(regex -> {
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(path + ".re2Expression does not compile: " + e.getDescription());
            }
        });
        ControlParameter parameter = new ControlParameter(name, node.path("description").textValue(), type, min, max,
                node.has("maxItems") ? node.get("maxItems").intValue() : null, List.copyOf(allowed), expression,
                Optional.ofNullable(node.path("expressionDescription").textValue()), node.get("default"));
        if (parameter.defaultValue() != null) {
            String problem = parameter.problemWith(parameter.defaultValue());
            if (problem != null) {
                throw new IllegalArgumentException(path + ".default: " + problem);
            }
        }
        return parameter;
    }

    /**
     * What is wrong with {@code value} as a value of this parameter, in words that complete "the value …", or null
     * when it is valid. {@code value} is the JSON under the type's member of a ParameterValue ({@code Value.Integer}).
     */
    public String problemWith(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "is missing";
        }
        if (type.isList()) {
            if (!value.isArray()) {
                return "must be a list";
            }
            if (value.isEmpty()) {
                return "must have at least one item";
            }
            if (maxItems != null && value.size() > maxItems) {
                return "has " + value.size() + " items; at most " + maxItems + " are allowed";
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < value.size(); i++) {
                String problem = itemProblem(value.get(i));
                if (problem != null) {
                    return "item " + i + " " + problem;
                }
                if (type == Type.ENUM_LIST && !seen.add(value.get(i).textValue())) {
                    return "names " + value.get(i) + " twice";
                }
            }
            return null;
        }
        return itemProblem(value);
    }

    /** The problem with a single value, or one item of a list value. */
    private String itemProblem(JsonNode value) {
        return switch (type) {
            case INTEGER, INTEGER_LIST -> !value.isIntegralNumber() || !value.canConvertToInt() ? "must be an integer, not " + value
                    : outOfRange(value.intValue(), value.toString());
            case DOUBLE -> !value.isNumber() ? "must be a number, not " + value : outOfRange(value.doubleValue(), value.toString());
            case STRING, STRING_LIST -> {
                if (!value.isTextual() || value.textValue().isBlank()) {
                    yield "must be a non-blank string, not " + value;
                }
                yield re2Expression.filter(regex -> !Pattern.compile(regex).matcher(value.textValue()).find())
                        .map(regex -> "'" + value.textValue() + "' does not match " + expressionDescription.map(d -> d + " (")
                                .orElse("(") + regex + ")")
                        .orElse(null);
            }
            case BOOLEAN -> value.isBoolean() ? null : "must be true or false, not " + value;
            case ENUM, ENUM_LIST -> value.isTextual() && allowedValues.contains(value.textValue()) ? null
                    : "must be one of " + String.join(", ", allowedValues) + ", not " + value;
        };
    }

    private String outOfRange(double value, String shown) {
        if ((min != null && value < min) || (max != null && value > max)) {
            return "must be " + (min == null ? "at most " + number(max) : max == null ? "at least " + number(min)
                    : "from " + number(min) + " to " + number(max)) + ", not " + shown;
        }
        return null;
    }

    /** A bound as the type shows it: 14 for an Integer, 0.1 for a Double. */
    private JsonNode numberNode(double bound) {
        return type == Type.DOUBLE ? JsonNodeFactory.instance.numberNode(bound) : JsonNodeFactory.instance.numberNode((int) bound);
    }

    private static String number(double bound) {
        return BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString();
    }

    /** Security Hub's {@code ParameterDefinition}: the description and the type's ConfigurationOptions. */
    public ObjectNode definitionJson() {
        ObjectNode definition = Json.object().put("Description", description);
        ObjectNode options = definition.putObject("ConfigurationOptions").putObject(type.wireName());
        if (defaultValue != null) {
            options.set("DefaultValue", defaultValue.deepCopy());
        }
        switch (type) {
            case INTEGER, DOUBLE -> putRange(options);
            case INTEGER_LIST -> {
                putRange(options);
                putMaxItems(options);
            }
            case STRING -> putExpression(options);
            case STRING_LIST -> {
                re2Expression.ifPresent(regex -> options.put("Re2Expression", regex));
                putMaxItems(options);
                expressionDescription.ifPresent(text -> options.put("ExpressionDescription", text));
            }
            case ENUM -> putAllowed(options);
            case ENUM_LIST -> {
                putMaxItems(options);
                putAllowed(options);
            }
            case BOOLEAN -> {
                // a boolean has only its default
            }
        }
        return definition;
    }

    /**
     * Security Hub's {@code ParameterConfiguration} of this parameter: {@code CUSTOM} with the value set, or
     * {@code DEFAULT} with Security Hub's default (no Value when it has none).
     */
    public ObjectNode configurationJson(JsonNode customValue) {
        ObjectNode configuration = Json.object().put("ValueType", customValue != null ? "CUSTOM" : "DEFAULT");
        JsonNode value = customValue != null ? customValue : defaultValue;
        if (value != null) {
            configuration.putObject("Value").set(type.wireName(), value.deepCopy());
        }
        return configuration;
    }

    private void putRange(ObjectNode options) {
        if (min != null) {
            options.set("Min", numberNode(min));
        }
        if (max != null) {
            options.set("Max", numberNode(max));
        }
    }

    private void putMaxItems(ObjectNode options) {
        if (maxItems != null) {
            options.put("MaxItems", maxItems);
        }
    }

    private void putExpression(ObjectNode options) {
        re2Expression.ifPresent(regex -> options.put("Re2Expression", regex));
        expressionDescription.ifPresent(text -> options.put("ExpressionDescription", text));
    }

    private void putAllowed(ObjectNode options) {
        ArrayNode allowed = options.putArray("AllowedValues");
        allowedValues.forEach(allowed::add);
    }
}
