package io.muster.ingest.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ApiException;
import io.muster.api.Json;
import io.muster.format.AsffTime;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * OCSF findings — Detection (2004), Compliance (2003), Vulnerability (2002) and the legacy Security
 * Finding (2001) — as ASFF, by the OCSF project's Security Hub mapping tables read backwards:
 * {@code finding_info.uid → Id}, {@code metadata.product → ProductArn}, {@code cloud.account.uid →
 * AwsAccountId}, {@code cloud.region → Region}, {@code severity_id → Severity}, {@code status_id →
 * Workflow / RecordState}, {@code compliance → Compliance}, {@code resources → Resources},
 * {@code vulnerabilities → Vulnerabilities}, {@code remediation → Remediation}; the rest of
 * {@code unmapped} goes to ProductFields. Prowler's OCSF output is read the same way, with its
 * {@code status_code} and {@code unmapped.compliance} becoming Compliance as Prowler's own ASFF output
 * writes them ({@code "CIS-1.4 1.20"}).
 *
 * <p>Documented leniencies: times in epoch seconds (Prowler) are read as seconds, times without a zone as
 * UTC; {@code status_id} wins over a disagreeing {@code status} caption; a non-AWS account (Azure
 * subscription, GCP project) or no account at all is filed under the AwsAccountId the sender gives and
 * kept in ProductFields as {@code ocsf/cloud.account.uid}.
 */
@ApplicationScoped
public class OcsfConverter implements FindingConverter {

    private static final Pattern AWS_ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern PRODUCT_ARN = Pattern.compile("arn:[a-z-]+:securityhub:[^:]*:[^:]*:product/[^/]+/.+");
    private static final List<String> LABELS = List.of("INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL");
    private static final int MAX_REQUIREMENTS = 32;

    @Override
    public String format() {
        return "ocsf";
    }


    @Override
    public Set<String> recordArrays() {
        return Set.of("[]", "findings[]");
    }

    @Override
    public List<Converted> convert(JsonNode document, ConversionContext context) {
        List<Converted> converted = new ArrayList<>();
        if (document.isArray()) {
            document.forEach(event -> converted.add(convertEvent(event, context)));
        } else if (document.isObject() && document.path("findings").isArray()) {
            document.get("findings").forEach(event -> converted.add(convertEvent(event, context)));
        } else if (document.isObject()) {
            converted.add(convertEvent(document, context));
        } else {
            throw ApiException.invalidInput("An OCSF document is a finding event (a JSON object), an array of them or NDJSON; got "
                    + document.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return converted;
    }

    /** One OCSF event as an ASFF finding, or the reason it cannot be one. */
    Converted convertEvent(JsonNode event, ConversionContext context) {
        if (!event.isObject()) {
            return Converted.refused("", "an OCSF event must be a JSON object");
        }
        JsonNode info = event.has("finding_info") ? event.path("finding_info") : event.path("finding");
        String uid = Asff.text(info, "uid");
        int classUid = event.path("class_uid").asInt(0);
        if (classUid < 2001 || classUid > 2004) {
            return Converted.refused(uid, "class_uid: " + (event.has("class_uid") ? "'" + event.get("class_uid").asText() + "'" : "missing")
                    + "; Muster converts the OCSF finding classes 2001 Security Finding, 2002 Vulnerability Finding,"
                    + " 2003 Compliance Finding and 2004 Detection Finding");
        }
        if (uid == null) {
            return Converted.refused("", (event.has("finding_info") ? "finding_info.uid" : "finding_info") + ": required (the finding's identifier becomes its Id)");
        }
        if (uid.length() > Asff.MAX_ID) {
            return Converted.refused(uid.substring(0, 64) + "…", "finding_info.uid: " + uid.length() + " characters; an Id may have at most " + Asff.MAX_ID);
        }
        JsonNode cloud = event.path("cloud");
        String sourceAccount = Asff.text(cloud, "account", "uid");
        String provider = Asff.text(cloud, "provider");
        boolean aws = provider == null ? sourceAccount != null : provider.toLowerCase(Locale.ROOT).startsWith("aws");
        String account;
        if (sourceAccount != null && AWS_ACCOUNT.matcher(sourceAccount).matches()) {
            account = sourceAccount;
        } else if (aws && sourceAccount != null) {
            return Converted.refused(uid, "cloud.account.uid: '" + sourceAccount + "' is not an AWS account id (12 digits)");
        } else if (context.accountId() != null) {
            account = context.accountId();
        } else {
            return Converted.refused(uid, sourceAccount == null
                    ? "cloud.account.uid: the event names no AWS account; send it with AwsAccountId=<12 digits> to file it under one"
                    : "cloud.account.uid: '" + sourceAccount + "' is a " + provider + " account, not an AWS account; send the event with"
                            + " AwsAccountId=<12 digits> to file it under one (the source account is kept in ProductFields)");
        }
        String sourceRegion = firstText(Asff.text(cloud, "region"), Asff.text(event.path("resources").path(0), "region"));
        String region = aws && sourceRegion != null && sourceRegion.length() <= 16 ? sourceRegion : context.region();
        String partition = partition(firstText(Asff.text(cloud, "cloud_partition"), Asff.text(event.path("resources").path(0), "cloud_partition")));
        JsonNode product = event.path("metadata").path("product");
        String productName = firstText(Asff.text(product, "name"), Asff.text(product, "uid"), "OCSF");
        String vendor = firstText(Asff.text(product, "vendor_name"), productName);
        String productUid = Asff.text(product, "uid");
        String productArn = productUid != null && PRODUCT_ARN.matcher(productUid).matches() ? productUid
                : Asff.productArn(partition, region, vendor, productName);
        String eventCode = Asff.text(event, "metadata", "event_code");
        String generatorId = firstText(Asff.text(product, "feature", "uid"),
                eventCode == null ? null : Asff.slug(productName) + "-" + eventCode,
                Asff.text(info, "analytic", "uid"), Asff.text(info, "analytic", "name"), "ocsf/" + classUid);

        ObjectNode finding = Asff.finding(uid, productArn, generatorId, account, region);
        finding.put("ProductName", productName).put("CompanyName", vendor);
        finding.set("Types", types(event, info, classUid));
        String created = firstText(Asff.time(info.get("created_time")), Asff.time(info.get("created_time_dt")), Asff.time(event.get("time")),
                Asff.time(event.get("time_dt")), Asff.time(event.get("event_time")), AsffTime.format(context.receivedAt()));
        String updated = firstText(Asff.time(info.get("modified_time")), Asff.time(info.get("modified_time_dt")), Asff.time(event.get("time")),
                Asff.time(event.get("time_dt")), Asff.time(event.get("event_time")), created);
        finding.put("CreatedAt", created).put("UpdatedAt", updated.compareTo(created) < 0 ? created : updated);
        putTime(finding, "FirstObservedAt", info.get("first_seen_time"), info.get("first_seen_time_dt"));
        putTime(finding, "LastObservedAt", info.get("last_seen_time"), info.get("last_seen_time_dt"));
        String title = firstText(Asff.text(info, "title"), Asff.text(event, "message"), eventCode, Asff.text(event, "class_name"));
        finding.put("Title", Asff.clip(title, Asff.MAX_TITLE));
        finding.put("Description", Asff.clip(firstText(Asff.text(event, "status_detail"), Asff.text(info, "desc"),
                Asff.text(event, "message"), title), Asff.MAX_DESCRIPTION));
        finding.set("Severity", severity(event));
        String sourceUrl = Asff.text(info, "src_url");
        if (sourceUrl != null) {
            finding.put("SourceUrl", sourceUrl);
        }
        if (event.path("confidence_score").isNumber()) {
            finding.put("Confidence", Math.max(0, Math.min(100, event.get("confidence_score").asInt())));
        }
        state(finding, event, classUid);
        remediation(finding, event.path("remediation").isObject() ? event.path("remediation") : info.path("remediation"));
        finding.set("Resources", resources(event, account, partition, region));
        compliance(finding, event, classUid);
        vulnerabilities(finding, event.path("vulnerabilities"));
        productFields(finding, event, product, sourceAccount, account);
        return Converted.finding(finding);
    }

    private static ArrayNode types(JsonNode event, JsonNode info, int classUid) {
        List<String> types = new ArrayList<>();
        for (JsonNode attack : event.path("attacks").isArray() ? event.path("attacks") : info.path("attacks")) {
            String tactic = Asff.text(attack, "tactic", "name");
            String technique = Asff.text(attack, "technique", "name");
            if (tactic != null) {
                types.add("TTPs/" + segment(tactic) + (technique == null ? "" : "/" + segment(technique)));
            }
        }
        String namespace = classUid == 2002 ? "Software and Configuration Checks/Vulnerabilities"
                : classUid == 2004 && types.isEmpty() && !event.has("status_code") ? "Unusual Behaviors" : "Software and Configuration Checks";
        for (JsonNode type : info.path("types")) {
            if (type.isTextual() && !type.textValue().isBlank()) {
                types.add(namespace + "/" + segment(type.textValue()));
            }
        }
        if (types.isEmpty()) {
            types.add(classUid == 2002 ? "Software and Configuration Checks/Vulnerabilities/CVE"
                    : classUid == 2003 ? "Software and Configuration Checks/Industry and Regulatory Standards" : namespace);
        }
        return Asff.strings(types.stream().distinct().limit(50).toList());
    }

    /** A type name made fit for one segment of an ASFF type: no '/', at most 64 characters. */
    private static String segment(String text) {
        return Asff.clip(text.replace('/', '-').trim(), 64);
    }

    private static ObjectNode severity(JsonNode event) {
        String caption = Asff.text(event, "severity");
        String label = switch (event.path("severity_id").asInt(0)) {
            case 1 -> "INFORMATIONAL";
            case 2 -> "LOW";
            case 3 -> "MEDIUM";
            case 4 -> "HIGH";
            case 5, 6 -> "CRITICAL";
            default -> caption != null && LABELS.contains(caption.toUpperCase(Locale.ROOT)) ? caption.toUpperCase(Locale.ROOT) : "INFORMATIONAL";
        };
        return Asff.severity(label, caption);
    }

    /** status_id (state_id in 2001) → Workflow.Status, and Archived/Deleted or a Close activity → ARCHIVED. */
    private static void state(ObjectNode finding, JsonNode event, int classUid) {
        int status = event.path(classUid == 2001 && !event.has("status_id") ? "state_id" : "status_id").asInt(0);
        String workflow = switch (status) {
            case 1 -> "NEW";
            case 2 -> "NOTIFIED";
            case 3 -> "SUPPRESSED";
            case 4 -> "RESOLVED";
            default -> null;
        };
        if (workflow != null) {
            finding.putObject("Workflow").put("Status", workflow);
        }
        boolean closed = status == 5 || status == 6 || event.path("activity_id").asInt(0) == 3;
        finding.put("RecordState", closed ? "ARCHIVED" : "ACTIVE");
    }

    private static void remediation(ObjectNode finding, JsonNode remediation) {
        String text = Asff.text(remediation, "desc");
        String url = firstText(Asff.text(remediation.path("references").path(0)),
                Asff.text(remediation.path("kb_article_list").path(0), "src_url"));
        if (text == null && url == null) {
            return;
        }
        ObjectNode recommendation = finding.putObject("Remediation").putObject("Recommendation");
        if (text != null) {
            recommendation.put("Text", Asff.clip(text, 512));
        }
        if (url != null) {
            recommendation.put("Url", url);
        }
    }

    private static ArrayNode resources(JsonNode event, String account, String partition, String region) {
        ArrayNode resources = Json.MAPPER.createArrayNode();
        JsonNode source = event.path("resources").isArray() ? event.path("resources") : Json.MAPPER.createArrayNode().add(event.path("resource"));
        for (JsonNode resource : source) {
            String id = firstText(Asff.text(resource, "uid"), Asff.text(resource, "name"));
            if (id == null) {
                continue;
            }
            ObjectNode asff = resources.addObject().put("Type", Asff.clip(firstText(Asff.text(resource, "type"), "Other"), 256)).put("Id", id);
            String resourcePartition = partition(Asff.text(resource, "cloud_partition"));
            if (resourcePartition != null) {
                asff.put("Partition", resourcePartition);
            }
            String resourceRegion = Asff.text(resource, "region");
            if (resourceRegion != null && resourceRegion.length() <= 16) {
                asff.put("Region", resourceRegion);
            }
            ObjectNode tags = tags(resource);
            if (!tags.isEmpty()) {
                asff.set("Tags", tags);
            }
            ObjectNode other = Json.object();
            putIfPresent(other, "name", Asff.text(resource, "name"));
            putIfPresent(other, "group", Asff.text(resource, "group", "name"));
            putIfPresent(other, "namespace", Asff.text(resource, "namespace"));
            putIfPresent(other, "hostname", Asff.text(resource, "hostname"));
            putIfPresent(other, "ip", Asff.text(resource, "ip"));
            if (!other.isEmpty()) {
                asff.putObject("Details").set("Other", other);
            }
            if (resources.size() == 32) {
                break;
            }
        }
        if (resources.isEmpty()) {
            resources.addObject().put("Type", "AwsAccount").put("Id", "AWS::::Account:" + account);
            if (partition != null) {
                ((ObjectNode) resources.get(0)).put("Partition", partition);
            }
            if (region != null && region.length() <= 16) {
                ((ObjectNode) resources.get(0)).put("Region", region);
            }
        }
        return resources;
    }

    /** OCSF labels ("key:value" strings) and tags ([{name, value}]) as ASFF's Tags map. */
    private static ObjectNode tags(JsonNode resource) {
        ObjectNode tags = Json.object();
        for (JsonNode label : resource.path("labels")) {
            if (label.isTextual()) {
                int colon = label.textValue().indexOf(':');
                if (colon > 0) {
                    tags.put(label.textValue().substring(0, colon), label.textValue().substring(colon + 1));
                }
            }
        }
        for (JsonNode tag : resource.path("tags")) {
            String name = Asff.text(tag, "name");
            if (name != null) {
                tags.put(name, tag.path("value").asText(""));
            }
        }
        return tags;
    }

    /**
     * Compliance from the OCSF compliance object (2003, and any class that has one), or from Prowler's
     * check outcome ({@code status_code} PASS/FAIL/MANUAL) and its {@code unmapped.compliance} map.
     */
    private static void compliance(ObjectNode finding, JsonNode event, int classUid) {
        JsonNode compliance = event.path("compliance");
        String statusCode = Asff.text(event, "status_code");
        if (!compliance.isObject() && classUid != 2003 && !isCheckOutcome(statusCode)) {
            return;
        }
        ObjectNode asff = finding.putObject("Compliance");
        String status = switch (compliance.path("status_id").asInt(0)) {
            case 1 -> "PASSED";
            case 2 -> "WARNING";
            case 3 -> "FAILED";
            default -> checkStatus(firstText(Asff.text(compliance, "status"), statusCode));
        };
        asff.put("Status", status);
        putIfPresent(asff, "SecurityControlId", Asff.text(compliance, "control"));
        List<String> requirements = new ArrayList<>();
        compliance.path("requirements").forEach(requirement -> requirements.add(requirement.asText()));
        ArrayNode standards = Json.MAPPER.createArrayNode();
        compliance.path("standards").forEach(standard -> standards.addObject().put("StandardsId", standard.asText()));
        JsonNode frameworks = event.path("unmapped").path("compliance");
        for (Iterator<Map.Entry<String, JsonNode>> it = frameworks.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> framework = it.next();
            List<String> ids = new ArrayList<>();
            framework.getValue().forEach(id -> ids.add(id.asText()));
            if (!ids.isEmpty()) {
                requirements.add(Asff.clip(framework.getKey() + " " + String.join(" ", ids), 64));
            }
            if (standards.size() < 20) {
                standards.addObject().put("StandardsId", framework.getKey());
            }
        }
        if (!requirements.isEmpty()) {
            asff.set("RelatedRequirements", Asff.strings(requirements.stream().filter(r -> !r.isBlank()).distinct().limit(MAX_REQUIREMENTS).toList()));
        }
        if (!standards.isEmpty()) {
            asff.set("AssociatedStandards", standards);
        }
        String reasonCode = firstText(Asff.text(compliance, "status_code"), statusCode);
        if (reasonCode != null) {
            ObjectNode reason = asff.putArray("StatusReasons").addObject().put("ReasonCode", reasonCode);
            putIfPresent(reason, "Description", Asff.clip(firstText(Asff.text(compliance, "status_detail"), Asff.text(event, "status_detail")), 2048));
        }
    }

    private static boolean isCheckOutcome(String statusCode) {
        return statusCode != null && List.of("PASS", "FAIL", "MANUAL", "MUTED", "WARNING").contains(statusCode.toUpperCase(Locale.ROOT));
    }

    private static String checkStatus(String text) {
        if (text == null) {
            return "NOT_AVAILABLE";
        }
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "PASS", "PASSED" -> "PASSED";
            case "FAIL", "FAILED" -> "FAILED";
            case "WARNING", "MUTED" -> "WARNING";
            default -> "NOT_AVAILABLE";
        };
    }

    private static void vulnerabilities(ObjectNode finding, JsonNode vulnerabilities) {
        if (!vulnerabilities.isArray() || vulnerabilities.isEmpty()) {
            return;
        }
        ArrayNode asff = finding.putArray("Vulnerabilities");
        for (JsonNode vulnerability : vulnerabilities) {
            String id = firstText(Asff.text(vulnerability, "cve", "uid"), Asff.text(vulnerability, "advisory", "uid"),
                    Asff.text(vulnerability, "cwe", "uid"), Asff.text(vulnerability, "title"));
            if (id == null) {
                continue;
            }
            ObjectNode entry = asff.addObject().put("Id", id);
            ArrayNode packages = Json.MAPPER.createArrayNode();
            for (JsonNode pkg : vulnerability.path("affected_packages")) {
                ObjectNode asffPackage = packages.addObject();
                putIfPresent(asffPackage, "Name", Asff.text(pkg, "name"));
                putIfPresent(asffPackage, "Version", Asff.text(pkg, "version"));
                putIfPresent(asffPackage, "Epoch", Asff.text(pkg, "epoch"));
                putIfPresent(asffPackage, "Release", Asff.text(pkg, "release"));
                putIfPresent(asffPackage, "Architecture", Asff.text(pkg, "architecture"));
                putIfPresent(asffPackage, "PackageManager", Asff.text(pkg, "package_manager"));
                putIfPresent(asffPackage, "FilePath", Asff.text(pkg, "path"));
                putIfPresent(asffPackage, "FixedInVersion", Asff.text(pkg, "fixed_in_version"));
                putIfPresent(asffPackage, "Remediation", Asff.text(pkg, "remediation", "desc"));
            }
            if (!packages.isEmpty()) {
                entry.set("VulnerablePackages", packages);
            }
            ArrayNode cvss = Json.MAPPER.createArrayNode();
            for (JsonNode score : vulnerability.path("cve").path("cvss")) {
                ObjectNode asffScore = cvss.addObject();
                putIfPresent(asffScore, "Version", Asff.text(score, "version"));
                if (score.path("base_score").isNumber()) {
                    asffScore.put("BaseScore", score.get("base_score").doubleValue());
                }
                putIfPresent(asffScore, "BaseVector", Asff.text(score, "vector_string"));
                putIfPresent(asffScore, "Source", Asff.text(score, "src_url"));
            }
            if (!cvss.isEmpty()) {
                entry.set("Cvss", cvss);
            }
            List<String> references = new ArrayList<>();
            vulnerability.path("references").forEach(reference -> references.add(reference.asText()));
            if (!references.isEmpty()) {
                entry.set("ReferenceUrls", Asff.strings(references));
            }
            String vendor = Asff.text(vulnerability, "vendor_name");
            if (vendor != null) {
                ObjectNode asffVendor = entry.putObject("Vendor").put("Name", vendor);
                putIfPresent(asffVendor, "VendorSeverity", Asff.text(vulnerability, "severity"));
            }
            yesNo(entry, "FixAvailable", vulnerability.get("is_fix_available"));
            yesNo(entry, "ExploitAvailable", vulnerability.get("is_exploit_available"));
            JsonNode epss = vulnerability.path("cve").path("epss").path("score");
            if (epss.isNumber() || epss.isTextual() && epss.asText().matches("[0-9.]+")) {
                entry.put("EpssScore", epss.asDouble());
            }
        }
        if (asff.isEmpty()) {
            finding.remove("Vulnerabilities");
        }
    }

    private static void yesNo(ObjectNode entry, String member, JsonNode value) {
        if (value != null && value.isBoolean()) {
            entry.put(member, value.booleanValue() ? "YES" : "NO");
        }
    }

    /** Product, class and the scalar members of {@code unmapped} (and Prowler's risk text), up to ASFF's 50 entries. */
    private static void productFields(ObjectNode finding, JsonNode event, JsonNode product, String sourceAccount, String account) {
        Asff.productField(finding, "ProviderName", Asff.text(product, "name"));
        Asff.productField(finding, "ProviderVersion", Asff.text(product, "version"));
        Asff.productField(finding, "ocsf/class_uid", event.path("class_uid").asText());
        Asff.productField(finding, "ocsf/metadata.version", Asff.text(event, "metadata", "version"));
        Asff.productField(finding, "ocsf/metadata.event_code", Asff.text(event, "metadata", "event_code"));
        if (sourceAccount != null && !sourceAccount.equals(account)) {
            Asff.productField(finding, "ocsf/cloud.account.uid", sourceAccount);
            Asff.productField(finding, "ocsf/cloud.provider", Asff.text(event, "cloud", "provider"));
        }
        String sourceRegion = Asff.text(event, "cloud", "region");
        if (sourceRegion != null && !sourceRegion.equals(finding.path("Region").asText())) {
            Asff.productField(finding, "ocsf/cloud.region", sourceRegion);
        }
        Asff.productField(finding, "ocsf/risk_details", Asff.text(event, "risk_details"));
        flatten(finding, "ocsf/unmapped", event.path("unmapped"));
    }

    private static void flatten(ObjectNode finding, String prefix, JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                if (!member.getKey().equals("compliance")) {
                    flatten(finding, prefix + "." + member.getKey(), member.getValue());
                }
            }
        } else if (node.isArray()) {
            List<String> values = new ArrayList<>();
            node.forEach(value -> values.add(value.isValueNode() ? value.asText() : Json.write(value)));
            Asff.productField(finding, prefix, String.join(", ", values));
        } else if (node.isValueNode() && !node.isNull()) {
            Asff.productField(finding, prefix, node.asText());
        }
    }

    private static void putTime(ObjectNode finding, String member, JsonNode epoch, JsonNode text) {
        String time = firstText(Asff.time(epoch), Asff.time(text));
        if (time != null) {
            finding.put(member, time);
        }
    }

    private static String partition(String text) {
        return text != null && List.of("aws", "aws-cn", "aws-us-gov").contains(text) ? text : null;
    }

    private static void putIfPresent(ObjectNode node, String member, String value) {
        if (value != null && !value.isBlank()) {
            node.put(member, value);
        }
    }

    private static String firstText(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }
}
