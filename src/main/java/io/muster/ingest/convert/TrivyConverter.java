package io.muster.ingest.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ApiException;
import io.muster.api.Json;
import io.muster.format.AsffTime;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Trivy JSON report ({@code trivy image|fs|repo --format json}, SchemaVersion 2) as ASFF: one finding per
 * vulnerability, misconfiguration and secret of every result.
 *
 * <p>The report names no AWS account, so the sender must give one ({@code ConversionContext.accountId});
 * without it every record is refused. The Region is the context's.
 *
 * <p>Mapping, close to Trivy's own ASFF template ({@code contrib/asff.tpl}) but with Ids that cannot
 * collide — the template's {@code <Target>/<VulnerabilityID>} makes one finding of the same CVE in two
 * packages, and gives every secret in a file the same Id:
 * <ul>
 * <li>ProductArn = {@code arn:aws:securityhub:<region>::product/aquasecurity/aquasecurity} (Trivy's Security
 * Hub integration).</li>
 * <li>Vulnerability: Id = {@code <ArtifactName>/<Target>[/<PkgPath>]/<PkgID or PkgName@InstalledVersion>/<VulnerabilityID>},
 * GeneratorId {@code Trivy/<VulnerabilityID>}, Types {@code Software and Configuration Checks/Vulnerabilities/CVE},
 * Vulnerabilities[0] with the package, the V3 CVSS of each source (nvd, redhat, …), References and
 * FixAvailable YES when a FixedVersion is given, else NO.</li>
 * <li>Misconfiguration: Id = {@code <ArtifactName>/<Target>/<ID or AVDID>[/<CauseMetadata.Resource>][/<StartLine>]},
 * GeneratorId {@code Trivy/<ID>}, Types {@code Software and Configuration Checks}; Status FAIL →
 * Compliance FAILED, PASS → Compliance PASSED and Severity INFORMATIONAL, EXCEPTION → Compliance WARNING and
 * Workflow SUPPRESSED.</li>
 * <li>Secret: Id = {@code <ArtifactName>/<Target>/<RuleID>/<StartLine>}, GeneratorId
 * {@code Trivy/secret/<RuleID>}, Types {@code Sensitive Data Identifications}; the matched text is not
 * copied.</li>
 * <li>Severity: Trivy's label, UNKNOWN → INFORMATIONAL, with Trivy's word as Original.</li>
 * <li>Resources[0]: a container image whose ArtifactName is an ECR URI → AwsEcrContainerImage
 * ({@code arn:aws:ecr:<region>:<registry>:repository/<name>[/<digest>]}); another image → Container
 * (ImageName, ImageId); a filesystem, repository or anything else → Other, Id = ArtifactName. Details.Other
 * carries the result's Target and the record's location.</li>
 * <li>CreatedAt = UpdatedAt = the report's CreatedAt, else the time the report arrived.</li>
 * </ul>
 */
@ApplicationScoped
public class TrivyConverter implements FindingConverter {

    static final String FORMAT = "trivy";
    private static final Set<String> LABELS = Set.of("INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL");
    /** {@code <registry>.dkr.ecr.<region>.amazonaws.com[.cn]/<repository>[:<tag>][@<digest>]}. */
    private static final Pattern ECR = Pattern.compile(
            "^(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/([^:@]+)(?::([^@]+))?(?:@(sha256:[0-9a-f]{64}))?$");
    private static final int MAX_REFERENCES = 20;

    @Override
    public String format() {
        return FORMAT;
    }


    @Override
    public Set<String> recordArrays() {
        return Set.of("Results[].Vulnerabilities[]", "Results[].Misconfigurations[]", "Results[].Secrets[]");
    }

    @Override
    public List<Converted> convert(JsonNode document, ConversionContext context) {
        Report report = Report.of(document, context);
        List<Converted> converted = new ArrayList<>();
        JsonNode results = document.path("Results");
        for (int r = 0; r < results.size(); r++) {
            JsonNode result = results.get(r);
            String path = "Results[" + r + "]";
            JsonNode vulnerabilities = result.path("Vulnerabilities");
            for (int i = 0; i < vulnerabilities.size(); i++) {
                converted.add(vulnerability(report, result, vulnerabilities.get(i), path + ".Vulnerabilities[" + i + "]"));
            }
            JsonNode misconfigurations = result.path("Misconfigurations");
            for (int i = 0; i < misconfigurations.size(); i++) {
                converted.add(misconfiguration(report, result, misconfigurations.get(i), path + ".Misconfigurations[" + i + "]"));
            }
            JsonNode secrets = result.path("Secrets");
            for (int i = 0; i < secrets.size(); i++) {
                converted.add(secret(report, result, secrets.get(i), path + ".Secrets[" + i + "]"));
            }
        }
        return converted;
    }

    /** What every finding of one report shares. */
    private record Report(String artifactName, String artifactType, JsonNode metadata, String accountId, String region,
            String time) {

        static Report of(JsonNode document, ConversionContext context) {
            if (document == null || !document.isObject()) {
                throw ApiException.invalidInput("trivy: expected a Trivy JSON report (an object with SchemaVersion 2, "
                        + "ArtifactName and Results), not a JSON "
                        + (document == null ? "null" : document.getNodeType().name().toLowerCase(Locale.ROOT)));
            }
            JsonNode version = document.get("SchemaVersion");
            if (version == null || !(document.has("Results") || document.has("ArtifactName"))) {
                throw ApiException.invalidInput("trivy: the object is not a Trivy JSON report; expected SchemaVersion 2 "
                        + "with ArtifactName and Results (trivy --format json)");
            }
            if (version.asInt() != 2) {
                throw ApiException.invalidInput("trivy: SchemaVersion " + version.asText() + " is not supported; expected 2 "
                        + "(Trivy 0.20 or later)");
            }
            if (!document.path("Results").isArray() && document.has("Results") && !document.path("Results").isNull()) {
                throw ApiException.invalidInput("trivy: Results must be an array");
            }
            String time = Asff.first(Asff.time(document.path("CreatedAt")), AsffTime.format(context.receivedAt()));
            return new Report(Asff.text(document, "ArtifactName"), Asff.text(document, "ArtifactType"),
                    document.path("Metadata"), context.accountId(), context.region(), time);
        }
    }

    private static Converted vulnerability(Report report, JsonNode result, JsonNode v, String path) {
        String vulnerabilityId = Asff.text(v, "VulnerabilityID");
        String pkgName = Asff.text(v, "PkgName");
        String installed = Asff.text(v, "InstalledVersion");
        String pkg = Asff.first(Asff.text(v, "PkgID"), pkgName == null ? null : pkgName + (installed == null ? "" : "@" + installed));
        String target = orEmpty(Asff.text(result, "Target"));
        String pkgPath = Asff.text(v, "PkgPath");
        String artifact = orEmpty(report.artifactName);
        String id = pkgPath == null ? Asff.id(artifact, target, orEmpty(pkg), orEmpty(vulnerabilityId))
                : Asff.id(artifact, target, pkgPath, orEmpty(pkg), orEmpty(vulnerabilityId));
        Converted refused = refusal(report, id, path, vulnerabilityId == null ? "VulnerabilityID" : pkg == null ? "PkgName" : null);
        if (refused != null) {
            return refused;
        }
        ObjectNode finding = start(report, id, "Trivy/" + vulnerabilityId, "Software and Configuration Checks/Vulnerabilities/CVE",
                Asff.text(v, "Severity"));
        finding.put("Title", Asff.clip("Trivy found a vulnerability to " + vulnerabilityId + " in " + target + ", related to "
                + Asff.first(pkgName, pkg), Asff.MAX_TITLE));
        finding.put("Description", Asff.clip(Asff.first(Asff.text(v, "Description"), Asff.text(v, "Title"), vulnerabilityId),
                Asff.MAX_DESCRIPTION));
        String fixed = Asff.text(v, "FixedVersion");
        String url = Asff.text(v, "PrimaryURL");
        ObjectNode recommendation = Json.object().put("Text", Asff.clip(fixed != null
                ? "Upgrade " + Asff.first(pkgName, pkg) + " to " + fixed + " or later."
                : "No fixed version is known yet; more information on this vulnerability is provided in the hyperlink.", 512));
        Asff.put(recommendation, "Url", url);
        finding.putObject("Remediation").set("Recommendation", recommendation);

        ObjectNode resource = resource(report, finding);
        ObjectNode other = other(resource, target);
        Asff.put(other, "PkgName", pkgName);
        Asff.put(other, "InstalledVersion", installed);

        ObjectNode vulnerability = finding.putArray("Vulnerabilities").addObject().put("Id", vulnerabilityId);
        ObjectNode vulnerablePackage = vulnerability.putArray("VulnerablePackages").addObject();
        Asff.put(vulnerablePackage, "Name", pkgName);
        Asff.put(vulnerablePackage, "Version", installed);
        Asff.put(vulnerablePackage, "FixedInVersion", fixed);
        Asff.put(vulnerablePackage, "FilePath", pkgPath);
        Asff.put(vulnerablePackage, "PackageManager", Asff.text(result, "Type"));
        Asff.put(vulnerablePackage, "SourceLayerHash", Asff.text(v, "Layer", "Digest"));
        ArrayNode cvss = Json.MAPPER.createArrayNode();
        for (Map.Entry<String, JsonNode> source : v.path("CVSS").properties()) {
            JsonNode score = source.getValue().path("V3Score");
            if (score.isNumber()) {
                ObjectNode entry = cvss.addObject();
                String vector = Asff.text(source.getValue(), "V3Vector");
                entry.put("Version", vector != null && vector.startsWith("CVSS:3.1/") ? "3.1" : "3.0");
                entry.put("BaseScore", score.decimalValue());
                Asff.put(entry, "BaseVector", vector);
                entry.put("Source", source.getKey());
            }
        }
        if (!cvss.isEmpty()) {
            vulnerability.set("Cvss", cvss);
        }
        List<String> references = new ArrayList<>();
        for (JsonNode reference : v.path("References")) {
            if (references.size() < MAX_REFERENCES && reference.isTextual() && !reference.textValue().isBlank()) {
                references.add(reference.textValue());
            }
        }
        if (!references.isEmpty()) {
            vulnerability.set("ReferenceUrls", Asff.strings(references));
        }
        String vendorName = Asff.first(Asff.text(v, "DataSource", "Name"), Asff.text(v, "SeveritySource"));
        if (vendorName != null) {
            ObjectNode vendor = vulnerability.putObject("Vendor").put("Name", vendorName);
            Asff.put(vendor, "Url", Asff.first(url, Asff.text(v, "DataSource", "URL")));
            Asff.put(vendor, "VendorSeverity", Asff.text(v, "Severity"));
            Asff.put(vendor, "VendorCreatedAt", Asff.time(v.path("PublishedDate")));
            Asff.put(vendor, "VendorUpdatedAt", Asff.time(v.path("LastModifiedDate")));
        }
        vulnerability.put("FixAvailable", fixed != null ? "YES" : "NO");

        productFields(finding, report, result);
        Asff.productField(finding, "aquasecurity/trivy/PkgID", pkg);
        Asff.productField(finding, "aquasecurity/trivy/VulnerabilityID", vulnerabilityId);
        return Converted.finding(finding);
    }

    private static Converted misconfiguration(Report report, JsonNode result, JsonNode m, String path) {
        String checkId = Asff.first(Asff.text(m, "ID"), Asff.text(m, "AVDID"));
        String target = orEmpty(Asff.text(result, "Target"));
        List<String> parts = new ArrayList<>(List.of(orEmpty(report.artifactName), target, orEmpty(checkId)));
        String causeResource = Asff.text(m, "CauseMetadata", "Resource");
        String startLine = Asff.text(m, "CauseMetadata", "StartLine");
        if (causeResource != null) {
            parts.add(causeResource);
        }
        if (startLine != null && !"0".equals(startLine)) {
            parts.add(startLine);
        }
        String id = Asff.id(parts.toArray(String[]::new));
        Converted refused = refusal(report, id, path, checkId == null ? "ID" : null);
        if (refused != null) {
            return refused;
        }
        String status = Asff.first(Asff.text(m, "Status"), "FAIL");
        String severity = Asff.text(m, "Severity");
        ObjectNode finding = start(report, id, "Trivy/" + checkId, "Software and Configuration Checks",
                "FAIL".equals(status) ? severity : null);
        if (!"FAIL".equals(status)) {
            finding.set("Severity", Asff.severity("INFORMATIONAL", severity));
        }
        String title = Asff.first(Asff.text(m, "Title"), checkId);
        finding.put("Title", Asff.clip("Trivy found a misconfiguration in " + target + ": " + title, Asff.MAX_TITLE));
        finding.put("Description", Asff.clip(Asff.first(Asff.text(m, "Description"), Asff.text(m, "Message"), title),
                Asff.MAX_DESCRIPTION));
        ObjectNode recommendation = Json.object();
        Asff.put(recommendation, "Text", Asff.clip(Asff.text(m, "Resolution"), 512));
        Asff.put(recommendation, "Url", Asff.text(m, "PrimaryURL"));
        if (!recommendation.isEmpty()) {
            finding.putObject("Remediation").set("Recommendation", recommendation);
        }
        ObjectNode other = other(resource(report, finding), target);
        Asff.put(other, "Message", Asff.clip(Asff.text(m, "Message"), 1024));
        Asff.put(other, "CauseResource", Asff.clip(causeResource, 1024));
        Asff.put(other, "StartLine", startLine);
        Asff.put(other, "EndLine", Asff.text(m, "CauseMetadata", "EndLine"));
        switch (status) {
            case "PASS" -> finding.putObject("Compliance").put("Status", "PASSED");
            case "EXCEPTION" -> {
                finding.putObject("Compliance").put("Status", "WARNING");
                finding.putObject("Workflow").put("Status", "SUPPRESSED");
            }
            default -> finding.putObject("Compliance").put("Status", "FAILED");
        }
        productFields(finding, report, result);
        Asff.productField(finding, "aquasecurity/trivy/AVDID", Asff.text(m, "AVDID"));
        Asff.productField(finding, "aquasecurity/trivy/Status", status);
        return Converted.finding(finding);
    }

    private static Converted secret(Report report, JsonNode result, JsonNode s, String path) {
        String ruleId = Asff.text(s, "RuleID");
        String target = orEmpty(Asff.text(result, "Target"));
        String startLine = Asff.first(Asff.text(s, "StartLine"), "0");
        String id = Asff.id(orEmpty(report.artifactName), target, orEmpty(ruleId), startLine);
        Converted refused = refusal(report, id, path, ruleId == null ? "RuleID" : null);
        if (refused != null) {
            return refused;
        }
        ObjectNode finding = start(report, id, "Trivy/secret/" + ruleId, "Sensitive Data Identifications", Asff.text(s, "Severity"));
        String title = Asff.first(Asff.text(s, "Title"), ruleId);
        finding.put("Title", Asff.clip("Trivy found a secret in " + target + ": " + title, Asff.MAX_TITLE));
        finding.put("Description", Asff.clip("Trivy found a secret (" + title + ", rule " + ruleId + ") in " + target
                + " at line " + startLine + ". Rotate the credential and remove it from the artifact.", Asff.MAX_DESCRIPTION));
        ObjectNode other = other(resource(report, finding), target);
        Asff.put(other, "StartLine", startLine);
        Asff.put(other, "EndLine", Asff.text(s, "EndLine"));
        Asff.put(other, "Category", Asff.text(s, "Category"));
        productFields(finding, report, result);
        Asff.productField(finding, "aquasecurity/trivy/RuleID", ruleId);
        return Converted.finding(finding);
    }

    /** The refusal for a record the report cannot make a finding of, or null when it can. */
    private static Converted refusal(Report report, String id, String path, String missingMember) {
        if (report.accountId == null) {
            return Converted.refused(id, "AwsAccountId: a Trivy report names no AWS account; send it with "
                    + "?AwsAccountId=<12 digits>");
        }
        if (report.artifactName == null) {
            return Converted.refused(id, "ArtifactName: the report names no artifact, and finding Ids are derived from it");
        }
        if (missingMember != null) {
            return Converted.refused(id, path + "." + missingMember + ": missing; the finding Id is derived from it");
        }
        return null;
    }

    private static ObjectNode start(Report report, String id, String generatorId, String type, String severity) {
        ObjectNode finding = Asff.finding(id, Asff.productArn("aws", report.region, "aquasecurity", "aquasecurity"), generatorId,
                report.accountId, report.region);
        finding.putArray("Types").add(type);
        finding.put("CreatedAt", report.time);
        finding.put("UpdatedAt", report.time);
        String label = severity == null ? "INFORMATIONAL" : severity.toUpperCase(Locale.ROOT);
        finding.set("Severity", Asff.severity(LABELS.contains(label) ? label : "INFORMATIONAL", severity));
        finding.put("RecordState", "ACTIVE");
        return finding;
    }

    /** Resources[0], the scanned artifact. */
    private static ObjectNode resource(Report report, ObjectNode finding) {
        ObjectNode resource = finding.putArray("Resources").addObject();
        String name = report.artifactName;
        boolean image = "container_image".equals(report.artifactType) || "container-image".equals(report.artifactType);
        Matcher ecr = image ? ECR.matcher(name) : null;
        if (ecr != null && ecr.matches()) {
            String region = ecr.group(2);
            String digest = Asff.first(ecr.group(5), repoDigest(report.metadata, name));
            String repositoryArn = "arn:" + (region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws")
                    + ":ecr:" + region + ":" + ecr.group(1) + ":repository/" + ecr.group(3);
            resource.put("Type", "AwsEcrContainerImage").put("Id", digest == null ? repositoryArn : repositoryArn + "/" + digest);
            resource.put("Region", region);
            ObjectNode details = resource.putObject("Details").putObject("AwsEcrContainerImage");
            details.put("RegistryId", ecr.group(1)).put("RepositoryName", ecr.group(3));
            Asff.put(details, "ImageDigest", digest);
            if (ecr.group(4) != null) {
                details.putArray("ImageTags").add(ecr.group(4));
            }
            Asff.put(details, "Architecture", Asff.text(report.metadata, "ImageConfig", "architecture"));
        } else if (image) {
            resource.put("Type", "Container").put("Id", name).put("Region", report.region);
            ObjectNode details = resource.putObject("Details").putObject("Container");
            details.put("ImageName", name);
            Asff.put(details, "ImageId", Asff.text(report.metadata, "ImageID"));
        } else {
            resource.put("Type", "Other").put("Id", name).put("Region", report.region);
            resource.putObject("Details");
        }
        resource.put("Partition", "aws");
        return resource;
    }

    /** Details.Other of a resource, started with the artifact and the result's target. */
    private static ObjectNode other(ObjectNode resource, String target) {
        ObjectNode other = ((ObjectNode) resource.path("Details")).putObject("Other");
        Asff.put(other, "Target", Asff.clip(target, 1024));
        return other;
    }

    /** The digest in Metadata.RepoDigests for the image's repository ({@code <repo>@sha256:…}), if any. */
    private static String repoDigest(JsonNode metadata, String artifactName) {
        String repository = artifactName.replaceAll(":[^/:@]+$", "").replaceAll("@.*$", "");
        for (JsonNode repoDigest : metadata.path("RepoDigests")) {
            String text = repoDigest.asText("");
            if (text.startsWith(repository + "@")) {
                return text.substring(repository.length() + 1);
            }
        }
        return null;
    }

    private static void productFields(ObjectNode finding, Report report, JsonNode result) {
        Asff.productField(finding, "Product Name", "Trivy");
        Asff.productField(finding, "aquasecurity/trivy/ArtifactName", report.artifactName);
        Asff.productField(finding, "aquasecurity/trivy/ArtifactType", report.artifactType);
        Asff.productField(finding, "aquasecurity/trivy/Target", Asff.text(result, "Target"));
        Asff.productField(finding, "aquasecurity/trivy/Class", Asff.text(result, "Class"));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
