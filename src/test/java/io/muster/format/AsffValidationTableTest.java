package io.muster.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.muster.api.ApiException;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.finding.AnalystUpdate;
import io.muster.testing.Asff;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Muster is exactly as strict as Security Hub, never stricter: every row of
 * {@code src/test/resources/validation/asff-rules.tsv} puts one value into a valid finding (or BatchUpdateFindings
 * request, or automation rule action) and says whether AWS accepts it, with the source that says so. A refusal
 * must name the field at fault. Plain JUnit: the validator and the analyst-update parser need no server.
 */
class AsffValidationTableTest {

    private static final String TABLE = "/validation/asff-rules.tsv";
    private static final String AUTOMATION_PATH = "Actions[0].FindingFieldsUpdate";
    private static final Pattern CHARS = Pattern.compile("chars:(\\d+)");
    private static final Pattern STEP = Pattern.compile("([^\\[]+)(?:\\[(\\d+)])?");

    private static final AsffValidator VALIDATOR = new AsffValidator();

    record Rule(int line, String target, String path, String value, boolean accepted, String message, String also, String source) {

        @Override
        public String toString() {
            return "line " + line + ": " + target + " " + path + " = " + abbreviated(value) + (also.isEmpty() ? "" : " (with " + also + ")")
                    + " → " + (accepted ? "ACCEPTED" : "REFUSED");
        }

        private static String abbreviated(String text) {
            return text.length() > 60 ? text.substring(0, 57) + "..." : text;
        }
    }

    static Stream<Arguments> rules() throws IOException {
        return table().stream().map(rule -> Arguments.of(rule));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void musterAcceptsExactlyWhatSecurityHubAccepts(Rule rule) {
        assertThat(rule.source()).as("every rule names its source").isNotBlank();
        String refusal = switch (rule.target()) {
            case "finding" -> findingRefusal(rule);
            case "BatchUpdateFindings" -> updateRefusal(rule, base(rule, Json.object().<ObjectNode>set("Workflow",
                    Json.object().put("Status", "NOTIFIED"))), "");
            case "AutomationRule" -> updateRefusal(rule, base(rule, Json.object().put("Confidence", 50)), AUTOMATION_PATH);
            default -> throw new IllegalArgumentException("unknown target " + rule.target());
        };
        if (rule.accepted()) {
            assertThat(refusal).as("%s (%s)", rule, rule.source()).isNull();
        } else {
            String field = rule.message().isEmpty()
                    ? (rule.target().equals("AutomationRule") ? AUTOMATION_PATH + "." : "") + rule.path()
                    : rule.message();
            assertThat(refusal).as("%s (%s)", rule, rule.source()).isNotNull().contains(field);
        }
    }

    @Test
    void theTableCoversEveryTopLevelMemberOfTheModel() throws IOException {
        List<String> members = List.of("SchemaVersion", "Id", "ProductArn", "ProductName", "CompanyName", "Region", "GeneratorId",
                "AwsAccountId", "Types", "FirstObservedAt", "LastObservedAt", "CreatedAt", "UpdatedAt", "Severity", "Confidence",
                "Criticality", "Title", "Description", "Remediation", "SourceUrl", "ProductFields", "UserDefinedFields", "Malware",
                "Network", "NetworkPath", "Process", "Threats", "ThreatIntelIndicators", "Resources", "Compliance",
                "VerificationState", "WorkflowState", "Workflow", "RecordState", "RelatedFindings", "Note", "Vulnerabilities",
                "PatchSummary", "Action", "FindingProviderFields", "Sample", "GeneratorDetails", "ProcessedAt", "AwsAccountName",
                "Detection");
        List<Rule> table = table();
        for (String member : members) {
            assertThat(table).as("rows for %s", member)
                    .anyMatch(rule -> rule.target().equals("finding") && rule.path().split("[.\\[]")[0].equals(member));
        }
        assertThat(table).hasSizeGreaterThanOrEqualTo(80);
    }

    @Test
    void theSchemaAndTheJavaRuleUseAwssOwnTypePattern() throws IOException {
        try (InputStream in = AsffValidator.class.getResourceAsStream("/schema/asff.schema.json")) {
            JsonNode schema = Json.MAPPER.readTree(in);
            assertThat(schema.path("$defs").path("FindingType").path("pattern").asText()).isEqualTo(FindingTypes.PATTERN)
                    .isEqualTo("^([^/]+)(/[^/]+){0,2}$");
        }
    }

    private static String findingRefusal(Rule rule) {
        ObjectNode finding = base(rule, Asff.finding("arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default",
                "table-" + rule.line()));
        long size = Json.write(finding).getBytes(StandardCharsets.UTF_8).length;
        List<String> problems = VALIDATOR.problems(finding, size);
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    /** Parses the fields as BatchUpdateFindings (path "") or an automation rule action (its FindingFieldsUpdate) does. */
    private static String updateRefusal(Rule rule, ObjectNode fields, String path) {
        try {
            AnalystUpdate.parse(JsonInput.of(fields, path));
            return null;
        } catch (ApiException refused) {
            return refused.getMessage();
        }
    }

    /** The base document with the row's further edits, then its value, applied. */
    private static ObjectNode base(Rule rule, ObjectNode document) {
        if (!rule.also().isEmpty()) {
            for (String edit : rule.also().split(" ; ")) {
                int equals = edit.indexOf('=');
                apply(document, edit.substring(0, equals).trim(), edit.substring(equals + 1).trim());
            }
        }
        apply(document, rule.path(), rule.value());
        return document;
    }

    private static void apply(ObjectNode document, String path, String value) {
        String[] steps = path.split("\\.");
        JsonNode parent = document;
        for (int i = 0; i < steps.length - 1; i++) {
            parent = child(parent, steps[i]);
        }
        Matcher last = STEP.matcher(steps[steps.length - 1]);
        if (!last.matches()) {
            throw new IllegalArgumentException("bad path " + path);
        }
        ObjectNode holder = (ObjectNode) parent;
        if (last.group(2) == null) {
            if (value.equals("<absent>")) {
                holder.remove(last.group(1));
            } else {
                holder.set(last.group(1), generate(value));
            }
            return;
        }
        ArrayNode list = holder.has(last.group(1)) ? (ArrayNode) holder.get(last.group(1)) : holder.putArray(last.group(1));
        int index = Integer.parseInt(last.group(2));
        while (list.size() <= index) {
            list.addObject();
        }
        if (value.equals("<absent>")) {
            list.remove(index);
        } else {
            list.set(index, generate(value));
        }
    }

    /** The member (or list element) named by one step, made when missing. */
    private static JsonNode child(JsonNode parent, String step) {
        Matcher matcher = STEP.matcher(step);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("bad step " + step);
        }
        ObjectNode object = (ObjectNode) parent;
        String name = matcher.group(1);
        if (matcher.group(2) == null) {
            return object.has(name) ? object.get(name) : object.putObject(name);
        }
        ArrayNode list = object.has(name) ? (ArrayNode) object.get(name) : object.putArray(name);
        int index = Integer.parseInt(matcher.group(2));
        while (list.size() <= index) {
            list.addObject();
        }
        return list.get(index);
    }

    private static JsonNode generate(String value) {
        String[] parts = value.split(":", 3);
        switch (parts[0]) {
            case "chars" -> {
                return TextNode.valueOf("a".repeat(Integer.parseInt(parts[1])));
            }
            case "list" -> {
                ArrayNode list = Json.MAPPER.createArrayNode();
                for (int i = 0; i < Integer.parseInt(parts[1]); i++) {
                    list.add(generate(parts[2]));
                }
                return list;
            }
            case "map" -> {
                String[] size = parts[1].split("x");
                int length = size.length > 1 ? Integer.parseInt(size[1]) : 5;
                ObjectNode map = Json.object();
                for (int i = 1; i <= Integer.parseInt(size[0]); i++) {
                    map.put("field" + i, "v".repeat(length));
                }
                return map;
            }
            case "hubmap" -> {
                ObjectNode map = (ObjectNode) generate("map:" + parts[1]);
                map.put("aws/securityhub/FindingId", "arn:aws:securityhub:us-east-1::product/aws/guardduty/arn:aws:guardduty:finding/1");
                map.put("aws/securityhub/ProductName", "GuardDuty");
                map.put("aws/securityhub/CompanyName", "Amazon");
                return map;
            }
            case "key" -> {
                return Json.object().put("k".repeat(Integer.parseInt(parts[1])), "v");
            }
            default -> {
                try {
                    return expandChars(Json.MAPPER.readTree(value));
                } catch (IOException e) {
                    throw new IllegalArgumentException("not JSON: " + value, e);
                }
            }
        }
    }

    /** {@code "chars:N"} anywhere inside a JSON value becomes a string of N characters. */
    private static JsonNode expandChars(JsonNode node) {
        if (node.isTextual()) {
            Matcher chars = CHARS.matcher(node.textValue());
            return chars.matches() ? TextNode.valueOf("a".repeat(Integer.parseInt(chars.group(1)))) : node;
        }
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (Map.Entry<String, JsonNode> member : List.copyOf(object.properties())) {
                object.set(member.getKey(), expandChars(member.getValue()));
            }
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, expandChars(array.get(i)));
            }
        }
        return node;
    }

    private static List<Rule> table() throws IOException {
        List<Rule> rules = new ArrayList<>();
        try (InputStream in = AsffValidationTableTest.class.getResourceAsStream(TABLE);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            boolean header = true;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (cells.length != 7 || !(cells[3].equals("ACCEPTED") || cells[3].equals("REFUSED"))) {
                    throw new IllegalStateException(TABLE + " line " + number + " is not target, path, value, ACCEPTED|REFUSED, "
                            + "message, also, source: " + line);
                }
                rules.add(new Rule(number, cells[0], cells[1], cells[2], cells[3].equals("ACCEPTED"), cells[4], cells[5], cells[6]));
            }
        }
        return rules;
    }
}
