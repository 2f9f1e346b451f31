package io.muster.testing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Real-size documents in every format Muster reads, written record by record to a file (never built in
 * memory): a real record of each format (the test resources) repeated with its identifiers varied, and
 * chosen records broken the way real outputs break, so that a test can check that they are refused alone.
 */
public final class LargeDocuments {

    /** One generated document: where it is, how many records it holds, which of them are broken. */
    public record Document(Path file, String format, int records, Set<Integer> broken, String account) {

        public long bytes() {
            try {
                return Files.size(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Whether the format's records name their account (else it is sent as {@code ?AwsAccountId=}). */
    public static boolean namesItsAccount(String format) {
        return !format.equals("trivy") && !format.equals("sarif");
    }

    private LargeDocuments() {
    }

    /**
     * A document of {@code records} records of {@code format} for account {@code account}; the records at
     * {@code broken} indices lack what their format needs (an identifier, an account, a title…).
     */
    public static Document write(String format, int records, Set<Integer> broken, String account, String run) {
        try {
            Path file = Files.createTempFile("muster-" + format + "-", format.equals("asff-ndjson") ? ".ndjson" : ".json");
            try (OutputStream out = Files.newOutputStream(file); JsonGenerator json = Json.MAPPER.createGenerator(out)) {
                switch (format) {
                    case "asff" -> asff(json, records, broken, account, run);
                    case "asff-ndjson" -> asffLines(out, json, records, broken, account, run);
                    case "ocsf" -> ocsf(json, records, broken, account, run);
                    case "guardduty" -> guardDuty(json, records, broken, account, run);
                    case "inspector2" -> inspector(json, records, broken, account, run);
                    case "trivy" -> trivy(json, records, broken, run);
                    case "sarif" -> sarif(json, records, broken, run);
                    case "eventbridge" -> eventBridge(json, records, broken, account, run);
                    default -> throw new IllegalArgumentException(format);
                }
            }
            return new Document(file, format, records, broken, account);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode asffFinding(int i, boolean broken, String account, String run) {
        ObjectNode finding = Asff.finding("arn:aws:securityhub:us-east-1:" + account + ":product/" + account + "/default",
                "large-" + run + "-" + i);
        finding.put("AwsAccountId", account).put("Title", "Generated finding " + i);
        finding.withObject("/Resources/0").put("Id", "arn:aws:s3:::bucket-" + (i % 500));
        if (broken) {
            finding.remove("Title");
        }
        return finding;
    }

    private static void asff(JsonGenerator json, int records, Set<Integer> broken, String account, String run) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("Findings");
        for (int i = 0; i < records; i++) {
            json.writeTree(asffFinding(i, broken.contains(i), account, run));
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void asffLines(OutputStream out, JsonGenerator json, int records, Set<Integer> broken, String account, String run)
            throws IOException {
        for (int i = 0; i < records; i++) {
            json.writeTree(asffFinding(i, broken.contains(i), account, run));
            json.flush();
            out.write('\n');
        }
    }

    private static void ocsf(JsonGenerator json, int records, Set<Integer> broken, String account, String run) throws IOException {
        ObjectNode template = (ObjectNode) resource("/samples/defectdojo/aws_prowler_v3plus/many_vuln.ocsf.json").get(0);
        json.writeStartArray();
        for (int i = 0; i < records; i++) {
            ObjectNode event = template.deepCopy();
            event.withObject("/finding_info").put("uid", "prowler-large-" + run + "-" + i);
            event.withObject("/cloud/account").put("uid", account);
            if (broken.contains(i)) {
                event.put("class_uid", 9999);
            }
            json.writeTree(event);
        }
        json.writeEndArray();
    }

    private static void guardDuty(JsonGenerator json, int records, Set<Integer> broken, String account, String run) throws IOException {
        ObjectNode template = (ObjectNode) resource("/formats/guardduty/findings-array.json").get(0);
        json.writeStartArray();
        for (int i = 0; i < records; i++) {
            ObjectNode finding = template.deepCopy();
            String id = "large" + run.replace("-", "") + i;
            String region = finding.path("region").asText();
            finding.put("id", id).put("accountId", account)
                    .put("arn", "arn:aws:guardduty:" + region + ":" + account + ":detector/d1/finding/" + id);
            if (broken.contains(i)) {
                finding.remove("accountId");
                finding.remove("arn");
            }
            json.writeTree(finding);
        }
        json.writeEndArray();
    }

    private static void inspector(JsonGenerator json, int records, Set<Integer> broken, String account, String run) throws IOException {
        ObjectNode template = (ObjectNode) resource("/formats/inspector2/list-findings.json").path("findings").get(0);
        json.writeStartObject();
        json.writeArrayFieldStart("findings");
        for (int i = 0; i < records; i++) {
            ObjectNode finding = template.deepCopy();
            finding.put("awsAccountId", account)
                    .put("findingArn", "arn:aws:inspector2:us-east-1:" + account + ":finding/large" + run.replace("-", "") + i);
            if (broken.contains(i)) {
                finding.remove("findingArn");
            }
            json.writeTree(finding);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void trivy(JsonGenerator json, int records, Set<Integer> broken, String run) throws IOException {
        JsonNode report = resource("/formats/trivy/image-ecr.json");
        JsonNode result = report.path("Results").get(0);
        ObjectNode template = (ObjectNode) result.path("Vulnerabilities").get(0);
        json.writeStartObject();
        json.writeStringField("SchemaVersion", report.path("SchemaVersion").asText());
        json.writeStringField("ArtifactName", "registry.example.com/large/" + run + ":1.0");
        json.writeStringField("ArtifactType", "container_image");
        json.writeArrayFieldStart("Results");
        json.writeStartObject();
        json.writeStringField("Target", result.path("Target").asText());
        json.writeStringField("Class", result.path("Class").asText());
        json.writeStringField("Type", result.path("Type").asText());
        json.writeArrayFieldStart("Vulnerabilities");
        for (int i = 0; i < records; i++) {
            ObjectNode vulnerability = template.deepCopy();
            vulnerability.put("VulnerabilityID", String.format("CVE-2026-%06d", i));
            if (broken.contains(i)) {
                vulnerability.remove("VulnerabilityID");
            }
            json.writeTree(vulnerability);
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
    }

    /** SARIF with its {@code tool} after its {@code results}, as tools that sort keys write it. */
    private static void sarif(JsonGenerator json, int records, Set<Integer> broken, String run) throws IOException {
        JsonNode log = resource("/formats/sarif/semgrep.sarif");
        JsonNode sourceRun = log.path("runs").get(0);
        ObjectNode template = (ObjectNode) sourceRun.path("results").get(0);
        json.writeStartObject();
        json.writeStringField("version", "2.1.0");
        json.writeArrayFieldStart("runs");
        json.writeStartObject();
        json.writeArrayFieldStart("results");
        for (int i = 0; i < records; i++) {
            ObjectNode result = template.deepCopy();
            result.putObject("fingerprints").put("matchBasedId/v1", "large-" + run + "-" + i);
            if (broken.contains(i)) {
                result.remove("ruleId");
            }
            json.writeTree(result);
        }
        json.writeEndArray();
        json.writeFieldName("tool");
        json.writeTree(sourceRun.path("tool"));
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
    }

    /** Security Hub's own "Findings - Imported" events, 100 findings each, as an array. */
    private static void eventBridge(JsonGenerator json, int records, Set<Integer> broken, String account, String run) throws IOException {
        json.writeStartArray();
        for (int first = 0; first < records; first += 100) {
            ObjectNode event = Json.object().put("version", "0").put("id", "large-" + run + "-" + first)
                    .put("detail-type", "Security Hub Findings - Imported").put("source", "aws.securityhub")
                    .put("account", account).put("time", "2026-01-01T00:00:00Z").put("region", "us-east-1");
            ArrayNode findings = event.putObject("detail").putArray("findings");
            for (int i = first; i < Math.min(records, first + 100); i++) {
                findings.add(asffFinding(i, broken.contains(i), account, run));
            }
            json.writeTree(event);
        }
        json.writeEndArray();
    }

    private static JsonNode resource(String path) {
        try (InputStream in = LargeDocuments.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + path);
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
