package io.muster.ingest.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ApiException;
import io.muster.api.Json;
import io.muster.format.AsffTime;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A SARIF 2.1.0 log from any code scanner (CodeQL, Semgrep, Checkov, …) as ASFF: one finding per result of
 * every run.
 *
 * <p>A SARIF log names no AWS account, so the sender must give one ({@code ConversionContext.accountId});
 * without it every result is refused. Findings are filed under Security Hub's own-account custom product,
 * {@code arn:aws:securityhub:<region>:<account>:product/<account>/default}.
 *
 * <p>Mapping:
 * <ul>
 * <li>Id = {@code sarif/<tool slug>/<repository>/<ruleId>/<identity>}: the repository is
 * versionControlProvenance[0].repositoryUri, else automationDetails.id, else {@code local}; the identity is
 * the result's first fingerprint (by key), else its first partial fingerprint, else its guid, else
 * {@code <artifact uri>:<startLine>}.</li>
 * <li>GeneratorId = {@code <tool name>/<ruleId>}; Types = Software and Configuration Checks/Vulnerabilities/Code,
 * or just Software and Configuration Checks when the rule's tags are all non-security (no "security" tag,
 * no CWE, no security-severity).</li>
 * <li>Severity: the rule's (or result's) {@code security-severity} — 9.0 and up CRITICAL, 7.0 HIGH, 4.0
 * MEDIUM, above 0 LOW, 0 INFORMATIONAL — else the result's level, else the rule's default level (error HIGH,
 * warning MEDIUM, note LOW, none INFORMATIONAL; warning when none is given). A result of kind pass,
 * notApplicable or informational is INFORMATIONAL.</li>
 * <li>Title = the rule's shortDescription, else its name, else the ruleId; Description = the result's
 * message (a message id is looked up in the rule's messageStrings).</li>
 * <li>Resources[0] = Other, Id {@code <repository uri or tool>/<artifact uri>}, Details.Other with uri,
 * startLine and the revision; Remediation.Recommendation.Url = the rule's helpUri.</li>
 * <li>CreatedAt = UpdatedAt = run.invocations[0].endTimeUtc, else the time the log arrived.</li>
 * <li>An accepted (or status-less) suppression → Workflow SUPPRESSED; baselineState absent → RecordState
 * ARCHIVED, else ACTIVE.</li>
 * </ul>
 */
@ApplicationScoped
public class SarifConverter implements FindingConverter {

    static final String FORMAT = "sarif";
    static final String CODE_TYPE = "Software and Configuration Checks/Vulnerabilities/Code";

    @Override
    public String format() {
        return FORMAT;
    }


    @Override
    public Set<String> recordArrays() {
        return Set.of("runs[].results[]");
    }

    @Override
    public List<Converted> convert(JsonNode document, ConversionContext context) {
        check(document);
        List<Converted> converted = new ArrayList<>();
        JsonNode runs = document.path("runs");
        for (int r = 0; r < runs.size(); r++) {
            JsonNode run = runs.get(r);
            JsonNode results = run.path("results");
            for (int i = 0; i < results.size(); i++) {
                converted.add(convertOne(run, results.get(i), "runs[" + r + "].results[" + i + "]", context));
            }
        }
        return converted;
    }

    private static void check(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw ApiException.invalidInput("sarif: expected a SARIF 2.1.0 log (an object with version \"2.1.0\" and runs), "
                    + "not a JSON " + (document == null ? "null" : document.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        if (!document.path("runs").isArray()) {
            throw ApiException.invalidInput("sarif: the object is not a SARIF log; expected version \"2.1.0\" and a runs array");
        }
        String version = Asff.text(document, "version");
        if (version != null && !"2.1.0".equals(version)) {
            throw ApiException.invalidInput("sarif: SARIF version " + version + " is not supported; expected 2.1.0");
        }
    }

    private static Converted convertOne(JsonNode run, JsonNode result, String path, ConversionContext context) {
        String toolName = Asff.first(Asff.text(run, "tool", "driver", "name"), "unknown tool");
        JsonNode rule = rule(run, result);
        String ruleId = Asff.first(Asff.text(result, "ruleId"), Asff.text(result, "rule", "id"), Asff.text(rule, "id"));
        JsonNode provenance = run.path("versionControlProvenance").path(0);
        String repositoryUri = Asff.text(provenance, "repositoryUri");
        String repository = Asff.first(repositoryUri, Asff.text(run, "automationDetails", "id"), "local");
        JsonNode location = result.path("locations").path(0).path("physicalLocation");
        String uri = Asff.first(Asff.text(location, "artifactLocation", "uri"),
                Asff.text(run.path("artifacts").path(location.path("artifactLocation").path("index").asInt(-1)), "location", "uri"));
        String startLine = Asff.text(location, "region", "startLine");
        String identity = Asff.first(firstByKey(result.path("fingerprints")), firstByKey(result.path("partialFingerprints")),
                Asff.text(result, "guid"), uri == null ? null : uri + ":" + Asff.first(startLine, "0"));
        String id = Asff.id("sarif", Asff.slug(toolName), repository, ruleId == null ? "" : ruleId, identity == null ? "" : identity);

        if (context.accountId() == null) {
            return Converted.refused(id, "AwsAccountId: a SARIF log names no AWS account; send it with ?AwsAccountId=<12 digits>");
        }
        if (ruleId == null) {
            return Converted.refused(id, path + ".ruleId: missing (nor rule.id); the finding Id is derived from it");
        }
        if (identity == null) {
            return Converted.refused(id, path + ".locations: the result has no fingerprint, guid or location to identify it");
        }
        String account = context.accountId();
        String region = context.region();
        ObjectNode finding = Asff.finding(id, "arn:aws:securityhub:" + region + ":" + account + ":product/" + account + "/default",
                toolName + "/" + ruleId, account, region);
        finding.putArray("Types").add(isSecurity(rule, result) ? CODE_TYPE : "Software and Configuration Checks");
        finding.set("Severity", severity(rule, result));
        String time = Asff.first(Asff.time(run.path("invocations").path(0).path("endTimeUtc")), AsffTime.format(context.receivedAt()));
        finding.put("CreatedAt", time);
        finding.put("UpdatedAt", time);
        String title = Asff.first(Asff.text(rule, "shortDescription", "text"), Asff.text(rule, "name"), ruleId);
        finding.put("Title", Asff.clip(title, Asff.MAX_TITLE));
        finding.put("Description", Asff.clip(Asff.first(message(rule, result.path("message")),
                Asff.text(rule, "fullDescription", "text"), title), Asff.MAX_DESCRIPTION));
        ObjectNode recommendation = Json.object();
        Asff.put(recommendation, "Text", Asff.clip(Asff.text(rule, "help", "text"), 512));
        Asff.put(recommendation, "Url", Asff.text(rule, "helpUri"));
        if (!recommendation.isEmpty()) {
            finding.putObject("Remediation").set("Recommendation", recommendation);
        }

        ObjectNode resource = finding.putArray("Resources").addObject().put("Type", "Other")
                .put("Id", Asff.first(repositoryUri, toolName) + (uri == null ? "" : "/" + uri));
        resource.put("Region", region);
        ObjectNode other = resource.putObject("Details").putObject("Other");
        Asff.put(other, "uri", Asff.clip(uri, 1024));
        Asff.put(other, "startLine", startLine);
        Asff.put(other, "endLine", Asff.text(location, "region", "endLine"));
        Asff.put(other, "repositoryUri", Asff.clip(repositoryUri, 1024));
        Asff.put(other, "revisionId", Asff.text(provenance, "revisionId"));
        Asff.put(other, "branch", Asff.clip(Asff.text(provenance, "branch"), 1024));

        if (isSuppressed(result.path("suppressions"))) {
            finding.putObject("Workflow").put("Status", "SUPPRESSED");
        }
        finding.put("RecordState", "absent".equals(Asff.text(result, "baselineState")) ? "ARCHIVED" : "ACTIVE");
        Asff.productField(finding, "sarif/tool", toolName);
        Asff.productField(finding, "sarif/toolVersion", Asff.first(Asff.text(run, "tool", "driver", "semanticVersion"),
                Asff.text(run, "tool", "driver", "version")));
        Asff.productField(finding, "sarif/ruleId", ruleId);
        Asff.productField(finding, "sarif/repositoryUri", repositoryUri);
        Asff.productField(finding, "sarif/automationId", Asff.text(run, "automationDetails", "id"));
        Asff.productField(finding, "sarif/baselineState", Asff.text(result, "baselineState"));
        return Converted.finding(finding);
    }

    /**
     * The reportingDescriptor of a result: by {@code rule.toolComponent.index} and {@code rule.index} in an
     * extension (CodeQL), by ruleIndex in the driver, else by id in the driver and its extensions.
     */
    private static JsonNode rule(JsonNode run, JsonNode result) {
        JsonNode tool = run.path("tool");
        JsonNode component = result.path("rule").path("toolComponent").path("index");
        int index = result.has("ruleIndex") ? result.path("ruleIndex").asInt(-1) : result.path("rule").path("index").asInt(-1);
        if (component.canConvertToInt() && index >= 0) {
            JsonNode rule = tool.path("extensions").path(component.intValue()).path("rules").path(index);
            if (rule.isObject()) {
                return rule;
            }
        } else if (index >= 0 && tool.path("driver").path("rules").path(index).isObject()) {
            return tool.path("driver").path("rules").path(index);
        }
        String ruleId = Asff.first(Asff.text(result, "ruleId"), Asff.text(result, "rule", "id"));
        if (ruleId != null) {
            List<JsonNode> components = new ArrayList<>();
            components.add(tool.path("driver"));
            tool.path("extensions").forEach(components::add);
            for (JsonNode toolComponent : components) {
                for (JsonNode rule : toolComponent.path("rules")) {
                    if (ruleId.equals(Asff.text(rule, "id"))) {
                        return rule;
                    }
                }
            }
        }
        return Json.MAPPER.missingNode();
    }

    private static ObjectNode severity(JsonNode rule, JsonNode result) {
        String kind = Asff.first(Asff.text(result, "kind"), "fail");
        if (List.of("pass", "notApplicable", "informational").contains(kind)) {
            return Asff.severity("INFORMATIONAL", kind);
        }
        String securitySeverity = Asff.first(Asff.text(result, "properties", "security-severity"),
                Asff.text(rule, "properties", "security-severity"));
        if (securitySeverity != null) {
            try {
                double score = new BigDecimal(securitySeverity.trim()).doubleValue();
                String label = score >= 9.0 ? "CRITICAL" : score >= 7.0 ? "HIGH" : score >= 4.0 ? "MEDIUM" : score > 0 ? "LOW" : "INFORMATIONAL";
                return Asff.severity(label, securitySeverity.trim());
            } catch (NumberFormatException e) {
                // not a number: fall back to the level
            }
        }
        String level = Asff.first(Asff.text(result, "level"), Asff.text(rule, "defaultConfiguration", "level"), "warning");
        String label = switch (level) {
            case "error" -> "HIGH";
            case "note" -> "LOW";
            case "none" -> "INFORMATIONAL";
            default -> "MEDIUM";
        };
        return Asff.severity(label, level);
    }

    /** True unless the rule is tagged, and none of its tags nor a security-severity says security. */
    private static boolean isSecurity(JsonNode rule, JsonNode result) {
        JsonNode tags = rule.path("properties").path("tags");
        if (!tags.isArray() || tags.isEmpty() || rule.path("properties").has("security-severity")
                || result.path("properties").has("security-severity")) {
            return true;
        }
        for (JsonNode tag : tags) {
            String text = tag.asText("").toLowerCase(Locale.ROOT);
            if (text.contains("security") || text.contains("cwe")) {
                return true;
            }
        }
        return false;
    }

    /** The message text, or the rule's messageStrings entry for its id with {0}, {1}… filled from arguments. */
    private static String message(JsonNode rule, JsonNode message) {
        String text = Asff.first(Asff.text(message, "text"), Asff.text(message, "markdown"));
        if (text != null) {
            return text;
        }
        String id = Asff.text(message, "id");
        String template = id == null ? null : Asff.text(rule, "messageStrings", id, "text");
        if (template == null) {
            return null;
        }
        JsonNode arguments = message.path("arguments");
        for (int i = 0; i < arguments.size(); i++) {
            template = template.replace("{" + i + "}", arguments.get(i).asText(""));
        }
        return template;
    }

    /** The value of the first member by key, so that the identity does not depend on member order. */
    private static String firstByKey(JsonNode fingerprints) {
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : fingerprints.properties()) {
            if (entry.getValue().isTextual() && !entry.getValue().textValue().isBlank()) {
                sorted.put(entry.getKey(), entry.getValue().textValue());
            }
        }
        return sorted.isEmpty() ? null : sorted.firstEntry().getValue();
    }

    /** Suppressed when a suppression is accepted, or gives no status (SARIF's default is accepted). */
    private static boolean isSuppressed(JsonNode suppressions) {
        for (JsonNode suppression : suppressions) {
            String status = Asff.text(suppression, "status");
            if (status == null || "accepted".equals(status)) {
                return true;
            }
        }
        return false;
    }
}
