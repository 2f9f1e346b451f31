package io.muster.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.muster.api.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks one finding against the AWS Security Finding Format: the JSON Schema in
 * {@code schema/asff.schema.json} (compiled once), plus the rules a schema cannot state well — the
 * 240 KB size limit, Security Hub's 32 KB limit on any single value, that a finding is rated (Severity
 * Label or Normalized, here or in FindingProviderFields), that it has Types, and that its timestamps name
 * real instants.
 */
@ApplicationScoped
public class AsffValidator {

    public static final int MAX_FINDING_BYTES = 240 * 1024;
    static final int MAX_VALUE_CHARS = 32_767;
    private static final int MAX_REPORTED = 10;
    private static final List<String> TIMESTAMPS = List.of("CreatedAt", "UpdatedAt", "FirstObservedAt", "LastObservedAt");

    private final Schema schema;

    public AsffValidator() {
        try (InputStream in = AsffValidator.class.getResourceAsStream("/schema/asff.schema.json")) {
            JsonNode schemaNode = Json.MAPPER.readTree(in);
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaNode);
        } catch (IOException e) {
            throw new UncheckedIOException("The ASFF schema could not be loaded", e);
        }
    }

    /**
     * The reasons a finding is refused, each naming the member and the rule; empty when it is valid.
     *
     * @param sizeInBytes the finding's size as it was sent
     */
    public List<String> problems(JsonNode finding, long sizeInBytes) {
        if (!finding.isObject()) {
            return List.of("a finding must be a JSON object");
        }
        if (sizeInBytes > MAX_FINDING_BYTES) {
            return List.of("the finding is " + sizeInBytes + " bytes; a finding may be at most 240 KB (" + MAX_FINDING_BYTES + " bytes)");
        }
        List<String> problems = new ArrayList<>();
        for (Error error : schema.validate(finding)) {
            problems.add(SchemaErrors.describe(error));
            if (problems.size() == MAX_REPORTED) {
                return problems;
            }
        }
        oversizedValues(finding, "", problems);
        if (!rated(finding)) {
            problems.add("Severity: a finding needs Severity.Label or Severity.Normalized (or FindingProviderFields.Severity.Label)");
        }
        if (!finding.has("Types") && !finding.path("FindingProviderFields").has("Types")) {
            problems.add("Types: required property is missing (give Types or FindingProviderFields.Types)");
        }
        for (String member : TIMESTAMPS) {
            JsonNode value = finding.get(member);
            if (value != null && value.isTextual() && AsffTime.parse(value.textValue()).isEmpty()) {
                problems.add(member + ": '" + value.textValue() + "' is not a valid date-time");
            }
        }
        return problems.size() > MAX_REPORTED ? problems.subList(0, MAX_REPORTED) : problems;
    }

    private static boolean rated(JsonNode finding) {
        JsonNode severity = finding.path("Severity");
        return severity.path("Label").isTextual() || severity.path("Normalized").isNumber()
                || finding.path("FindingProviderFields").path("Severity").path("Label").isTextual();
    }

    private static void oversizedValues(JsonNode node, String path, List<String> problems) {
        if (node.isTextual() && node.textValue().length() > MAX_VALUE_CHARS) {
            problems.add(path + ": a single value may be at most " + MAX_VALUE_CHARS + " characters, this one has "
                    + node.textValue().length());
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                oversizedValues(member.getValue(), path.isEmpty() ? member.getKey() : path + "." + member.getKey(), problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                oversizedValues(node.get(i), path + "[" + i + "]", problems);
            }
        }
    }
}
