package io.muster.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import io.muster.api.ApiException;
import io.muster.api.Digests;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.catalogue.CatalogueFiles;
import io.muster.finding.filter.FilterParser;
import io.muster.finding.filter.FindingFilter;
import io.muster.format.SchemaErrors;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads pack files — the ones shipped in {@code standards/} (on the classpath, listed in
 * {@code standards/packs.list}) and the ones an operator drops into {@code muster.compliance.packs-dir} —
 * and checks each against {@code standards/pack.schema.json} and the rules a schema cannot state
 * (unique control ids, unique standards, valid finding filters). A broken pack is reported with its file
 * and the rule it breaks, and left out; the others load.
 */
public final class PackLoader {

    /** A pack file that could not be loaded, and why. */
    public record Problem(String source, String message) {
        @Override
        public String toString() {
            return source + ": " + message;
        }
    }

    /** The packs that loaded and the files that did not. */
    public record Result(List<CompliancePack> packs, List<Problem> problems) {
    }

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Schema SCHEMA = CatalogueFiles.schema("standards/pack.schema.json");

    private final String region;

    public PackLoader(String region) {
        this.region = region;
    }

    /** The shipped packs and then the custom ones; a custom pack may not reuse a shipped standard's ARN. */
    public Result load(Optional<Path> customDirectory) {
        List<CompliancePack> packs = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (CatalogueFiles.DataFile file : CatalogueFiles.read("standards", "packs.list", customDirectory, "muster.compliance.packs-dir",
                (source, message) -> problems.add(new Problem(source, message)))) {
            add(parse(file.source(), file.content()), packs, problems);
        }
        return new Result(List.copyOf(packs), List.copyOf(problems));
    }

    private static void add(ParseResult parsed, List<CompliancePack> packs, List<Problem> problems) {
        if (parsed.problem() != null) {
            problems.add(parsed.problem());
            return;
        }
        CompliancePack pack = parsed.pack();
        for (CompliancePack loaded : packs) {
            if (loaded.key().equals(pack.key())) {
                problems.add(new Problem(pack.source(), "standardsArn " + pack.standardsArn() + " is already defined by "
                        + loaded.source() + "; give the pack its own ARN (e.g. another version)"));
                return;
            }
        }
        packs.add(pack);
    }

    private record ParseResult(CompliancePack pack, Problem problem) {
    }

    /** Parses and checks one pack file (YAML or JSON by its name). */
    ParseResult parse(String source, byte[] content) {
        JsonNode node;
        try {
            node = source.endsWith(".json") ? Json.MAPPER.readTree(content) : YAML.readTree(content);
        } catch (IOException e) {
            return failed(source, "is not valid " + (source.endsWith(".json") ? "JSON" : "YAML") + ": "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (node == null || node.isMissingNode()) {
            return failed(source, "is empty");
        }
        List<Error> errors = SCHEMA.validate(node);
        if (!errors.isEmpty()) {
            List<String> messages = errors.stream().limit(5).map(SchemaErrors::describe).toList();
            return failed(source, "breaks standards/pack.schema.json: " + String.join("; ", messages));
        }
        try {
            return new ParseResult(toPack(source, node, Digests.sha256Hex(content)), null);
        } catch (PackException e) {
            return failed(source, e.getMessage());
        }
    }

    private CompliancePack toPack(String source, JsonNode node, String digest) {
        String arn = node.get("standardsArn").textValue().replace("{region}", region);
        String key = arn.replaceFirst("^arn:[^:]+:securityhub:[^:]*:[^:]*:(ruleset|standards)/", "");
        List<PackControl> controls = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> ruleIds = new HashSet<>();
        JsonNode list = node.get("controls");
        for (int i = 0; i < list.size(); i++) {
            PackControl control = toControl("controls[" + i + "]", list.get(i));
            if (!ids.add(control.id())) {
                throw new PackException("controls[" + i + "].id: control " + control.id() + " is defined twice");
            }
            if (!ruleIds.add(control.ruleId())) {
                throw new PackException("controls[" + i + "].ruleId: rule id " + control.ruleId() + " is used by two controls");
            }
            controls.add(control);
        }
        return new CompliancePack(key, arn, node.get("name").textValue(), node.get("version").textValue(),
                node.get("description").textValue(), node.get("provider").textValue(), node.path("enabledByDefault").asBoolean(false),
                text(node, "standardsControlArnPath").orElse(key), text(node, "generatorIdPrefix"),
                prefixes(node.path("relatedRequirementPrefix")), text(node, "prowlerRequirementPrefix"), List.copyOf(controls), source,
                digest);
    }

    private static PackControl toControl(String path, JsonNode node) {
        String id = node.get("id").textValue();
        Optional<String> securityControlId = text(node, "securityControlId");
        String title = node.get("title").textValue();
        List<FindingFilter> filters = new ArrayList<>();
        JsonNode filterList = node.path("findingFilters");
        for (int i = 0; i < filterList.size(); i++) {
            String filterPath = path + ".findingFilters[" + i + "]";
            if (filterList.get(i).findValue("DateRange") != null) {
                throw new PackException(filterPath + ": DateRange is relative to the current time; a control mapping must "
                        + "match a finding the same way every time, so use Start/End instead");
            }
            try {
                filters.add(FilterParser.parse(JsonInput.of(filterList.get(i), filterPath), Instant.EPOCH));
            } catch (ApiException e) {
                throw new PackException(e.getMessage());
            }
        }
        return new PackControl(id, text(node, "ruleId").orElse(id), securityControlId, title,
                text(node, "description").orElse(title),
                PackControl.Severity.valueOf(node.get("severity").textValue().toUpperCase(Locale.ROOT)),
                strings(node.path("requirements")),
                text(node, "remediationUrl").orElse(remediationUrl(securityControlId.orElse(id))),
                strings(node.path("prowlerChecks")), List.copyOf(filters), parameters(path + ".parameters", node.path("parameters")));
    }

    private static Map<String, ControlParameter> parameters(String path, JsonNode node) {
        Map<String, ControlParameter> parameters = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> {
            try {
                parameters.put(entry.getKey(), ControlParameter.fromPack(path + "." + entry.getKey(), entry.getKey(), entry.getValue()));
            } catch (IllegalArgumentException e) {
                throw new PackException(e.getMessage());
            }
        });
        return Collections.unmodifiableMap(parameters);
    }

    /** Security Hub's documentation link for a control, the form DescribeStandardsControls returns. */
    static String remediationUrl(String controlId) {
        return "https://docs.aws.amazon.com/console/securityhub/" + controlId + "/remediation";
    }

    private static Optional<String> text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        return value == null || !value.isTextual() ? Optional.empty() : Optional.of(value.textValue());
    }

    private static List<String> prefixes(JsonNode value) {
        return value.isTextual() ? List.of(value.textValue()) : strings(value);
    }

    private static List<String> strings(JsonNode list) {
        List<String> values = new ArrayList<>();
        list.forEach(value -> values.add(value.textValue()));
        return List.copyOf(values);
    }

    private static ParseResult failed(String source, String message) {
        return new ParseResult(null, new Problem(source, message));
    }

    private static final class PackException extends RuntimeException {
        PackException(String message) {
            super(message);
        }
    }

}
