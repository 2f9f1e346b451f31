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
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks one finding against the AWS Security Finding Format exactly as strictly as Security Hub does, never
 * more: the JSON Schema in {@code schema/asff.schema.json} (compiled once), plus the rules a schema cannot state
 * well — the 240 KB size limit, Security Hub's {@code < 32768} characters for any single value, that a finding is
 * rated (Severity Label or Normalized, here or in FindingProviderFields) and typed, that every timestamp is in a
 * form Security Hub documents, and the 50 ProductFields a provider may send. Each rule and its source is a row of
 * {@code src/test/resources/validation/asff-rules.tsv}. Plain Java: construct it directly where CDI is absent.
 */
@ApplicationScoped
public class AsffValidator {

    /** BatchImportFindings: "The maximum allowed size for a finding is 240 Kb" (botocore model). */
    public static final int MAX_FINDING_BYTES = 240 * 1024;
    /** "The maximum size of an individual field should be less than 32768" (AWS's message, mitre/heimdall2#3357). */
    static final int MAX_VALUE_CHARS = 32_767;
    /** ProductFields: "Can contain up to 50 key-value pairs" (botocore model member docs). */
    static final int MAX_PRODUCT_FIELDS = 50;
    /** The ProductFields keys Security Hub writes itself ({@code aws/securityhub/FindingId}, {@code …/ProductName}, …). */
    static final String HUB_PRODUCT_FIELD_PREFIX = "aws/securityhub/";
    private static final int MAX_REPORTED = 10;
    /**
     * Every member the model documents as a timestamp ("see Timestamps"), outside Resources[].Details, as paths
     * where {@code []} stands for each element of a list.
     */
    private static final List<String> TIMESTAMPS = List.of("FirstObservedAt", "LastObservedAt", "CreatedAt", "UpdatedAt",
            "ProcessedAt", "Note.UpdatedAt", "Process.LaunchedAt", "Process.TerminatedAt", "ThreatIntelIndicators[].LastObservedAt",
            "Vulnerabilities[].Vendor.VendorCreatedAt", "Vulnerabilities[].Vendor.VendorUpdatedAt", "PatchSummary.OperationStartTime",
            "PatchSummary.OperationEndTime");

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
        for (String path : TIMESTAMPS) {
            timestamps(finding, path.split("\\."), 0, "", problems);
        }
        JsonNode productFields = finding.get("ProductFields");
        if (productFields != null && productFields.isObject()) {
            int providerSet = 0;
            for (Iterator<String> keys = productFields.fieldNames(); keys.hasNext(); ) {
                providerSet += keys.next().startsWith(HUB_PRODUCT_FIELD_PREFIX) ? 0 : 1;
            }
            if (providerSet > MAX_PRODUCT_FIELDS) {
                problems.add("ProductFields: must have at most " + MAX_PRODUCT_FIELDS + " entries besides the " + HUB_PRODUCT_FIELD_PREFIX
                        + " ones Security Hub writes, this one has " + providerSet);
            }
        }
        return problems.size() > MAX_REPORTED ? problems.subList(0, MAX_REPORTED) : problems;
    }

    private static boolean rated(JsonNode finding) {
        JsonNode severity = finding.path("Severity");
        return severity.path("Label").isTextual() || severity.path("Normalized").isNumber()
                || finding.path("FindingProviderFields").path("Severity").path("Label").isTextual();
    }

    /** Checks the timestamps at {@code steps[from..]} below {@code node}; {@code name[]} walks each element of a list. */
    private static void timestamps(JsonNode node, String[] steps, int from, String at, List<String> problems) {
        if (from == steps.length) {
            if (node.isTextual() && AsffTime.parse(node.textValue()).isEmpty()) {
                problems.add(at + ": '" + node.textValue() + "' is not a timestamp Security Hub accepts (YYYY-MM-DDTHH:MM:SS, up to 9 "
                        + "fractional digits, then Z, ±HH, ±HH:MM or ±HHMM within ±18:00)");
            }
            return;
        }
        String step = steps[from];
        boolean each = step.endsWith("[]");
        String name = each ? step.substring(0, step.length() - 2) : step;
        JsonNode child = node.get(name);
        String path = at.isEmpty() ? name : at + "." + name;
        if (child == null) {
            return;
        }
        if (!each) {
            timestamps(child, steps, from + 1, path, problems);
        } else if (child.isArray()) {
            for (int i = 0; i < child.size(); i++) {
                timestamps(child.get(i), steps, from + 1, path + "[" + i + "]", problems);
            }
        }
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
