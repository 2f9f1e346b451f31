package io.muster.ingest.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ApiException;
import io.muster.api.Json;
import io.muster.format.AsffTime;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Amazon Inspector (v2) findings as ASFF, the way Inspector's own Security Hub integration writes them.
 *
 * <p>Accepted documents: {@code ListFindings} output ({@code {"findings":[…]}}), a JSON array of findings,
 * one finding, and an EventBridge event whose {@code detail-type} is {@code Inspector2 Finding}. Times may be
 * ISO-8601 (the CLI), epoch numbers (SDK dumps) or the forms EventBridge events use
 * ({@code Wed Sep 04 16:59:44.356 UTC 2024}, {@code Mar 20, 2023, 6:08:05 PM}, taken as UTC).
 *
 * <p>Mapping:
 * <ul>
 * <li>Id = findingArn (refused without it); ProductArn =
 * {@code arn:<partition>:securityhub:<region>::product/aws/inspector}; GeneratorId = {@code AWSInspector}
 * (what Security Hub shows for every Inspector finding); AwsAccountId = awsAccountId; Region = the first
 * resource's region, else the ARN's.</li>
 * <li>Types by type: PACKAGE_VULNERABILITY → Software and Configuration Checks/Vulnerabilities/CVE;
 * CODE_VULNERABILITY → …/Vulnerabilities/Code; NETWORK_REACHABILITY → Software and Configuration Checks/AWS
 * Security Best Practices/Network Reachability; else Software and Configuration Checks.</li>
 * <li>Severity = Inspector's label, UNTRIAGED → INFORMATIONAL, with Inspector's word as Original.</li>
 * <li>CreatedAt = FirstObservedAt = firstObservedAt; LastObservedAt = lastObservedAt; UpdatedAt = updatedAt
 * (else lastObservedAt).</li>
 * <li>status ACTIVE → RecordState ACTIVE; SUPPRESSED (a suppression rule matched) → Workflow SUPPRESSED,
 * still ACTIVE; CLOSED (the vulnerability is gone) → RecordState ARCHIVED and Workflow RESOLVED, which is
 * what Security Hub itself does when a provider archives a NEW or NOTIFIED finding.</li>
 * <li>Resources: AWS_EC2_INSTANCE → AwsEc2Instance ({@code arn:…:ec2:…:instance/<id>}),
 * AWS_ECR_CONTAINER_IMAGE → AwsEcrContainerImage, AWS_LAMBDA_FUNCTION → AwsLambdaFunction, others → Other;
 * each with its details and tags.</li>
 * <li>Vulnerabilities[0] from packageVulnerabilityDetails (packages, CVSS, references, vendor, FixAvailable,
 * ExploitAvailable, EpssScore) or codeVulnerabilityDetails (CWEs and the file position); network
 * reachability → Network.OpenPortRange/Protocol and NetworkPath.</li>
 * <li>Remediation.Recommendation from remediation.recommendation; ProductFields
 * {@code aws/inspector/ProductVersion} 2, {@code aws/inspector/FindingStatus},
 * {@code aws/inspector/inspectorScore}.</li>
 * </ul>
 */
@ApplicationScoped
public class InspectorConverter implements FindingConverter {

    static final String FORMAT = "inspector2";
    private static final Set<String> LABELS = Set.of("INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL");
    private static final Map<String, String> TYPES = Map.of(
            "PACKAGE_VULNERABILITY", "Software and Configuration Checks/Vulnerabilities/CVE",
            "CODE_VULNERABILITY", "Software and Configuration Checks/Vulnerabilities/Code",
            "NETWORK_REACHABILITY", "Software and Configuration Checks/AWS Security Best Practices/Network Reachability");
    /** The time forms of Inspector's EventBridge events, read as UTC. */
    private static final List<DateTimeFormatter> EVENT_TIMES = List.of(
            new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("EEE MMM dd HH:mm:ss[.SSS] zzz yyyy")
                    .toFormatter(Locale.US),
            new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("MMM d, yyyy, h:mm:ss a").toFormatter(Locale.US));

    @Override
    public String format() {
        return FORMAT;
    }


    @Override
    public Set<String> recordArrays() {
        return Set.of("[]", "findings[]");
    }

    @Override
    public List<Converted> convert(JsonNode document, ConversionContext context) {
        List<JsonNode> records = records(document);
        List<Converted> converted = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            converted.add(record.isObject() ? convertOne(record, context)
                    : Converted.refused("", "[" + i + "]: an Inspector finding must be a JSON object"));
        }
        return converted;
    }

    private static List<JsonNode> records(JsonNode document) {
        if (document == null || !(document.isObject() || document.isArray())) {
            throw ApiException.invalidInput("inspector2: expected ListFindings output {\"findings\":[…]}, an array of "
                    + "Inspector findings, one finding or an 'Inspector2 Finding' EventBridge event, not a JSON "
                    + (document == null ? "null" : document.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        List<JsonNode> records = new ArrayList<>();
        if (document.isArray()) {
            document.forEach(records::add);
        } else if (document.has("detail-type")) {
            String detailType = document.path("detail-type").asText();
            if (!"Inspector2 Finding".equals(detailType) || !document.path("detail").isObject()) {
                throw ApiException.invalidInput("inspector2: the EventBridge event's detail-type is '" + detailType
                        + "'; expected 'Inspector2 Finding' with the finding as detail");
            }
            records.add(document.path("detail"));
        } else if (document.path("findings").isArray()) {
            document.path("findings").forEach(records::add);
        } else if (document.has("findingArn") || (document.path("type").isTextual() && document.path("resources").isArray())) {
            records.add(document);
        } else {
            throw ApiException.invalidInput("inspector2: the object is not an Inspector finding (no findingArn), nor "
                    + "{\"findings\":[…]}, nor an 'Inspector2 Finding' EventBridge event");
        }
        return records;
    }

    private static Converted convertOne(JsonNode f, ConversionContext context) {
        String arn = Asff.text(f, "findingArn");
        if (arn == null) {
            return Converted.refused("", "findingArn: an Inspector finding needs its findingArn to become an ASFF Id");
        }
        String account = Asff.first(Asff.text(f, "awsAccountId"), arnPart(arn, 4));
        if (account == null) {
            return Converted.refused(arn, "awsAccountId: the Inspector finding names no AWS account");
        }
        JsonNode resources = f.path("resources");
        if (!resources.isArray() || resources.isEmpty()) {
            return Converted.refused(arn, "resources: the Inspector finding names no resource");
        }
        String region = Asff.first(Asff.text(resources.get(0), "region"), arnPart(arn, 3), context.region());
        String partition = Asff.first(arnPart(arn, 1), Asff.text(resources.get(0), "partition"), "aws");
        String type = Objects.requireNonNullElse(Asff.text(f, "type"), "");

        ObjectNode finding = Asff.finding(arn, Asff.productArn(partition, region, "aws", "inspector"), "AWSInspector", account, region);
        finding.putArray("Types").add(TYPES.getOrDefault(type, "Software and Configuration Checks"));
        String severity = Asff.text(f, "severity");
        String label = severity == null ? "INFORMATIONAL" : severity.toUpperCase(Locale.ROOT);
        finding.set("Severity", Asff.severity(LABELS.contains(label) ? label : "INFORMATIONAL", severity));

        String first = time(f.path("firstObservedAt"));
        String last = time(f.path("lastObservedAt"));
        String updated = Asff.first(time(f.path("updatedAt")), last, first, AsffTime.format(context.receivedAt()));
        finding.put("CreatedAt", Asff.first(first, updated));
        finding.put("UpdatedAt", updated);
        Asff.put(finding, "FirstObservedAt", first);
        Asff.put(finding, "LastObservedAt", last);

        String title = Asff.first(Asff.text(f, "title"), Asff.text(f, "packageVulnerabilityDetails", "vulnerabilityId"), type,
                "Amazon Inspector finding");
        finding.put("Title", Asff.clip(title, Asff.MAX_TITLE));
        finding.put("Description", Asff.clip(Asff.first(Asff.text(f, "description"), title), Asff.MAX_DESCRIPTION));
        ObjectNode recommendation = Json.object();
        Asff.put(recommendation, "Text", Asff.clip(Asff.text(f, "remediation", "recommendation", "text"), 512));
        Asff.put(recommendation, "Url", Asff.text(f, "remediation", "recommendation", "Url"));
        if (!recommendation.isEmpty()) {
            finding.putObject("Remediation").set("Recommendation", recommendation);
        }

        ArrayNode asffResources = finding.putArray("Resources");
        for (JsonNode resource : resources) {
            if (asffResources.size() < 32) {
                asffResources.add(resource(resource, partition, region, account));
            }
        }
        if (f.has("packageVulnerabilityDetails")) {
            finding.putArray("Vulnerabilities").add(packageVulnerability(f));
        } else if (f.has("codeVulnerabilityDetails")) {
            finding.putArray("Vulnerabilities").add(codeVulnerability(f));
        }
        if (f.has("networkReachabilityDetails")) {
            networkReachability(finding, f.path("networkReachabilityDetails"));
        }

        String status = Asff.first(Asff.text(f, "status"), "ACTIVE");
        switch (status) {
            case "CLOSED" -> {
                finding.put("RecordState", "ARCHIVED");
                finding.putObject("Workflow").put("Status", "RESOLVED");
            }
            case "SUPPRESSED" -> {
                finding.put("RecordState", "ACTIVE");
                finding.putObject("Workflow").put("Status", "SUPPRESSED");
            }
            default -> finding.put("RecordState", "ACTIVE");
        }
        Asff.productField(finding, "aws/inspector/ProductVersion", "2");
        Asff.productField(finding, "aws/inspector/FindingStatus", status);
        Asff.productField(finding, "aws/inspector/inspectorScore", Asff.text(f, "inspectorScore"));
        Asff.productField(finding, "aws/inspector/type", type);
        return Converted.finding(finding);
    }

    private static ObjectNode resource(JsonNode resource, String partition, String findingRegion, String account) {
        String type = Objects.requireNonNullElse(Asff.text(resource, "type"), "");
        String id = Asff.first(Asff.text(resource, "id"), "unknown");
        String region = Asff.first(Asff.text(resource, "region"), findingRegion);
        JsonNode details = resource.path("details");
        ObjectNode out = Json.object();
        switch (type) {
            case "AWS_EC2_INSTANCE" -> {
                JsonNode ec2 = details.path("awsEc2Instance");
                out.put("Type", "AwsEc2Instance")
                        .put("Id", id.startsWith("arn:") ? id : "arn:" + partition + ":ec2:" + region + ":" + account + ":instance/" + id);
                ObjectNode d = out.putObject("Details").putObject("AwsEc2Instance");
                Asff.put(d, "Type", Asff.text(ec2, "type"));
                Asff.put(d, "ImageId", Asff.text(ec2, "imageId"));
                strings(d, "IpV4Addresses", ec2.path("ipV4Addresses"));
                strings(d, "IpV6Addresses", ec2.path("ipV6Addresses"));
                Asff.put(d, "KeyName", Asff.text(ec2, "keyName"));
                Asff.put(d, "IamInstanceProfileArn", Asff.text(ec2, "iamInstanceProfileArn"));
                Asff.put(d, "VpcId", Asff.text(ec2, "vpcId"));
                Asff.put(d, "SubnetId", Asff.text(ec2, "subnetId"));
                Asff.put(d, "LaunchedAt", time(ec2.path("launchedAt")));
                Asff.put(d, "Platform", Asff.text(ec2, "platform"));
            }
            case "AWS_ECR_CONTAINER_IMAGE" -> {
                JsonNode image = details.path("awsEcrContainerImage");
                out.put("Type", "AwsEcrContainerImage").put("Id", id);
                ObjectNode d = out.putObject("Details").putObject("AwsEcrContainerImage");
                Asff.put(d, "RegistryId", Asff.text(image, "registry"));
                Asff.put(d, "RepositoryName", Asff.text(image, "repositoryName"));
                Asff.put(d, "ImageDigest", Asff.text(image, "imageHash"));
                strings(d, "ImageTags", image.path("imageTags"));
                Asff.put(d, "Architecture", Asff.text(image, "architecture"));
                Asff.put(d, "ImagePublishedAt", time(image.path("pushedAt")));
            }
            case "AWS_LAMBDA_FUNCTION" -> {
                JsonNode lambda = details.path("awsLambdaFunction");
                out.put("Type", "AwsLambdaFunction").put("Id", id);
                ObjectNode d = out.putObject("Details").putObject("AwsLambdaFunction");
                Asff.put(d, "FunctionName", Asff.text(lambda, "functionName"));
                Asff.put(d, "Runtime", Asff.text(lambda, "runtime"));
                Asff.put(d, "Version", Asff.text(lambda, "version"));
                Asff.put(d, "Role", Asff.text(lambda, "executionRoleArn"));
                Asff.put(d, "CodeSha256", Asff.text(lambda, "codeSha256"));
                Asff.put(d, "PackageType", Asff.text(lambda, "packageType"));
                strings(d, "Architectures", lambda.path("architectures"));
                Asff.put(d, "LastModified", time(lambda.path("lastModifiedAt")));
            }
            default -> {
                out.put("Type", "Other").put("Id", id);
                ObjectNode other = out.putObject("Details").putObject("Other");
                Asff.put(other, "type", Asff.clip(type, 1024));
            }
        }
        if (List.of("aws", "aws-cn", "aws-us-gov").contains(partition)) {
            out.put("Partition", partition);
        }
        out.put("Region", region);
        ObjectNode tags = Json.object();
        for (Map.Entry<String, JsonNode> tag : resource.path("tags").properties()) {
            if (tag.getValue().isValueNode() && tags.size() < 50) {
                tags.put(tag.getKey(), tag.getValue().asText());
            }
        }
        if (!tags.isEmpty()) {
            out.set("Tags", tags);
        }
        return out;
    }

    private static ObjectNode packageVulnerability(JsonNode f) {
        JsonNode details = f.path("packageVulnerabilityDetails");
        ObjectNode v = Json.object().put("Id", Asff.first(Asff.text(details, "vulnerabilityId"), Asff.text(f, "title"), "unknown"));
        ArrayNode packages = Json.MAPPER.createArrayNode();
        for (JsonNode p : details.path("vulnerablePackages")) {
            ObjectNode out = packages.addObject();
            Asff.put(out, "Name", Asff.text(p, "name"));
            Asff.put(out, "Version", Asff.text(p, "version"));
            Asff.put(out, "Epoch", Asff.text(p, "epoch"));
            Asff.put(out, "Release", Asff.text(p, "release"));
            Asff.put(out, "Architecture", Asff.text(p, "arch"));
            Asff.put(out, "PackageManager", Asff.text(p, "packageManager"));
            Asff.put(out, "FilePath", Asff.text(p, "filePath"));
            Asff.put(out, "FixedInVersion", Asff.text(p, "fixedInVersion"));
            Asff.put(out, "Remediation", Asff.text(p, "remediation"));
            Asff.put(out, "SourceLayerHash", Asff.text(p, "sourceLayerHash"));
            Asff.put(out, "SourceLayerArn", Asff.text(p, "sourceLambdaLayerArn"));
        }
        if (!packages.isEmpty()) {
            v.set("VulnerablePackages", packages);
        }
        ArrayNode cvss = Json.MAPPER.createArrayNode();
        for (JsonNode c : details.path("cvss")) {
            ObjectNode out = cvss.addObject();
            Asff.put(out, "Version", Asff.text(c, "version"));
            if (c.path("baseScore").isNumber()) {
                out.put("BaseScore", c.path("baseScore").decimalValue());
            }
            Asff.put(out, "BaseVector", Asff.text(c, "scoringVector"));
            Asff.put(out, "Source", Asff.text(c, "source"));
        }
        if (!cvss.isEmpty()) {
            v.set("Cvss", cvss);
        }
        strings(v, "RelatedVulnerabilities", details.path("relatedVulnerabilities"));
        strings(v, "ReferenceUrls", details.path("referenceUrls"));
        String source = Asff.text(details, "source");
        if (source != null) {
            ObjectNode vendor = v.putObject("Vendor").put("Name", source);
            Asff.put(vendor, "Url", Asff.text(details, "sourceUrl"));
            Asff.put(vendor, "VendorSeverity", Asff.text(details, "vendorSeverity"));
            Asff.put(vendor, "VendorCreatedAt", time(details.path("vendorCreatedAt")));
            Asff.put(vendor, "VendorUpdatedAt", time(details.path("vendorUpdatedAt")));
        }
        enumValue(v, "FixAvailable", Asff.text(f, "fixAvailable"), Set.of("YES", "NO", "PARTIAL"));
        enumValue(v, "ExploitAvailable", Asff.text(f, "exploitAvailable"), Set.of("YES", "NO"));
        if (f.path("epss").path("score").isNumber()) {
            v.put("EpssScore", f.path("epss").path("score").decimalValue());
        }
        Asff.put(v, "LastKnownExploitAt", time(f.path("exploitabilityDetails").path("lastKnownExploitAt")));
        return v;
    }

    private static ObjectNode codeVulnerability(JsonNode f) {
        JsonNode details = f.path("codeVulnerabilityDetails");
        ObjectNode v = Json.object().put("Id", Asff.first(Asff.text(details, "detectorId"), Asff.text(details, "ruleId"),
                Asff.text(f, "title"), "unknown"));
        ObjectNode code = v.putArray("CodeVulnerabilities").addObject();
        strings(code, "Cwes", details.path("cwes"));
        JsonNode file = details.path("filePath");
        ObjectNode path = Json.object();
        Asff.put(path, "FileName", Asff.text(file, "fileName"));
        Asff.put(path, "FilePath", Asff.text(file, "filePath"));
        if (file.path("startLine").canConvertToInt()) {
            path.put("StartLine", file.path("startLine").intValue());
        }
        if (file.path("endLine").canConvertToInt()) {
            path.put("EndLine", file.path("endLine").intValue());
        }
        if (!path.isEmpty()) {
            code.set("FilePath", path);
        }
        Asff.put(code, "SourceArn", Asff.text(details, "sourceLambdaLayerArn"));
        strings(v, "ReferenceUrls", details.path("referenceUrls"));
        v.putObject("Vendor").put("Name", "Amazon CodeGuru");
        return v;
    }

    private static void networkReachability(ObjectNode finding, JsonNode details) {
        ObjectNode network = finding.putObject("Network").put("Direction", "IN");
        Asff.put(network, "Protocol", Asff.clip(Asff.text(details, "protocol"), 16));
        JsonNode range = details.path("openPortRange");
        if (range.path("begin").canConvertToInt() && range.path("end").canConvertToInt()) {
            network.putObject("OpenPortRange").put("Begin", range.path("begin").intValue()).put("End", range.path("end").intValue());
        }
        ArrayNode path = Json.MAPPER.createArrayNode();
        for (JsonNode step : details.path("networkPath").path("steps")) {
            ObjectNode component = Json.object();
            Asff.put(component, "ComponentId", Asff.clip(Asff.text(step, "componentId"), 32));
            Asff.put(component, "ComponentType", Asff.clip(Asff.text(step, "componentType"), 32));
            if (!component.isEmpty()) {
                path.add(component);
            }
        }
        if (!path.isEmpty()) {
            finding.set("NetworkPath", path);
        }
    }

    /**
     * A time in ASFF's form from whatever Inspector wrote: ISO-8601 or epoch (see {@link Asff#time}), or the
     * {@code Wed Sep 04 16:59:44.356 UTC 2024} and {@code Mar 20, 2023, 6:08:05 PM} forms of its events.
     */
    static String time(JsonNode node) {
        String asff = Asff.time(node);
        if (asff != null || !node.isTextual()) {
            return asff;
        }
        String text = node.textValue().trim();
        for (DateTimeFormatter formatter : EVENT_TIMES) {
            try {
                var parsed = formatter.parseBest(text, ZonedDateTime::from, LocalDateTime::from);
                return AsffTime.format(parsed instanceof ZonedDateTime zoned ? zoned.toInstant()
                        : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return null;
    }

    private static void strings(ObjectNode node, String name, JsonNode values) {
        List<String> texts = new ArrayList<>();
        for (JsonNode value : values) {
            if (value.isTextual() && !value.textValue().isBlank()) {
                texts.add(value.textValue());
            }
        }
        if (!texts.isEmpty()) {
            node.set(name, Asff.strings(texts));
        }
    }

    private static void enumValue(ObjectNode node, String name, String value, Set<String> allowed) {
        if (value != null && allowed.contains(value.toUpperCase(Locale.ROOT))) {
            node.put(name, value.toUpperCase(Locale.ROOT));
        }
    }

    private static String arnPart(String arn, int index) {
        if (arn == null || !arn.startsWith("arn:")) {
            return null;
        }
        String[] parts = arn.split(":", 6);
        return parts.length > index && !parts[index].isEmpty() ? parts[index] : null;
    }
}
