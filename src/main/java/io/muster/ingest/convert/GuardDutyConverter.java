package io.muster.ingest.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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

/**
 * Amazon GuardDuty's own findings (schemaVersion 2.0) as ASFF, the way Security Hub's GuardDuty integration
 * writes them.
 *
 * <p>Accepted documents: one finding; a JSON array of findings; {@code GetFindings} output
 * ({@code {"Findings":[…]}} from the AWS CLI, whose members are PascalCase — {@code AccountId},
 * {@code Resource.InstanceDetails} — or {@code {"findings":[…]}} with the API's camelCase members, which the
 * S3 export and EventBridge use); and an EventBridge event whose {@code detail-type} is
 * {@code GuardDuty Finding} (the finding is {@code detail}). Both spellings are read alike: every member name
 * is taken with its first letter in lower case before anything is read.
 *
 * <p>Mapping:
 * <ul>
 * <li>Id = {@code arn}, or {@code arn:<partition>:guardduty:<region>:<account>:detector/<detectorId>/finding/<id>}
 * when the finding carries no arn; a finding with neither is refused. ProductArn =
 * {@code arn:<partition>:securityhub:<region>::product/aws/guardduty}; GeneratorId = the detector's ARN.</li>
 * <li>Types = {@code <namespace/category>/<GuardDuty type with '/' made '-'>}, the category chosen by the
 * type's threat purpose (the part before ':') as Security Hub mostly does:
 * Backdoor, CryptoCurrency, Trojan → TTPs/Command and Control; Behavior → Unusual Behaviors/VM (or /User
 * for IAMUser types); CredentialAccess → TTPs/Credential Access; DefenseEvasion and Stealth →
 * TTPs/Defense Evasion; Discovery and Recon → TTPs/Discovery; Execution → TTPs/Execution; Exfiltration →
 * TTPs/Exfiltration; Impact → TTPs/Impact; InitialAccess and UnauthorizedAccess → TTPs/Initial Access;
 * PenTest → TTPs/PenTest; Persistence → TTPs/Persistence; Policy → Software and Configuration Checks/AWS
 * Security Best Practices; PrivilegeEscalation → TTPs/Privilege Escalation; ResourceConsumption →
 * Effects/Resource Consumption; AttackSequence → TTPs/AttackSequence; Object → TTPs/Execution; anything
 * else → Unusual Behaviors/Other.</li>
 * <li>Severity: GuardDuty's number by its own bands — 9.0 and up CRITICAL, 7.0 HIGH, 4.0 MEDIUM, above 0
 * LOW, 0 INFORMATIONAL — with the number as Original.</li>
 * <li>CreatedAt/UpdatedAt from createdAt/updatedAt; FirstObservedAt/LastObservedAt from
 * service.eventFirstSeen/eventLastSeen.</li>
 * <li>Resources by resource.resourceType: Instance → AwsEc2Instance ({@code arn:…:ec2:…:instance/<id>});
 * AccessKey → AwsIamAccessKey ({@code AWS::IAM::AccessKey:<accessKeyId>}, Security Hub's form); S3Bucket →
 * AwsS3Bucket per bucket ({@code arn:…:s3:::<name>}); EKSCluster → AwsEksCluster; Lambda →
 * AwsLambdaFunction; anything else → Other, identified by the first ARN, id or name its details give.</li>
 * <li>service.action: DNS_REQUEST, NETWORK_CONNECTION, AWS_API_CALL and PORT_PROBE become ASFF's Action of
 * the same ActionType, and Network where the action says who talked to whom (for a connection, the remote
 * end is the source when the direction is INBOUND and the destination when OUTBOUND).</li>
 * <li>service.archived true → RecordState ARCHIVED, else ACTIVE; service.additionalInfo sample → Sample true.</li>
 * <li>ProductFields: {@code aws/guardduty/service/…} archived, count, detectorId, resourceRole,
 * serviceName, featureName and action/actionType.</li>
 * </ul>
 */
@ApplicationScoped
public class GuardDutyConverter implements FindingConverter {

    static final String FORMAT = "guardduty";
    private static final String FIELD_PREFIX = "aws/guardduty/service/";

    /** Threat purpose (lower case) → ASFF namespace/category. */
    private static final Map<String, String> CATEGORIES = Map.ofEntries(
            Map.entry("backdoor", "TTPs/Command and Control"),
            Map.entry("behavior", "Unusual Behaviors/VM"),
            Map.entry("credentialaccess", "TTPs/Credential Access"),
            Map.entry("cryptocurrency", "TTPs/Command and Control"),
            Map.entry("defenseevasion", "TTPs/Defense Evasion"),
            Map.entry("discovery", "TTPs/Discovery"),
            Map.entry("execution", "TTPs/Execution"),
            Map.entry("exfiltration", "TTPs/Exfiltration"),
            Map.entry("impact", "TTPs/Impact"),
            Map.entry("initialaccess", "TTPs/Initial Access"),
            Map.entry("pentest", "TTPs/PenTest"),
            Map.entry("persistence", "TTPs/Persistence"),
            Map.entry("policy", "Software and Configuration Checks/AWS Security Best Practices"),
            Map.entry("privilegeescalation", "TTPs/Privilege Escalation"),
            Map.entry("recon", "TTPs/Discovery"),
            Map.entry("resourceconsumption", "Effects/Resource Consumption"),
            Map.entry("stealth", "TTPs/Defense Evasion"),
            Map.entry("trojan", "TTPs/Command and Control"),
            Map.entry("unauthorizedaccess", "TTPs/Initial Access"),
            Map.entry("attacksequence", "TTPs/AttackSequence"),
            Map.entry("object", "TTPs/Execution"));
    private static final String UNKNOWN_CATEGORY = "Unusual Behaviors/Other";

    @Override
    public String format() {
        return FORMAT;
    }


    @Override
    public Set<String> recordArrays() {
        return Set.of("[]", "Findings[]", "findings[]", "detail.findings[]");
    }

    @Override
    public List<Converted> convert(JsonNode document, ConversionContext context) {
        List<Converted> converted = new ArrayList<>();
        List<JsonNode> records = records(document);
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            if (!record.isObject()) {
                converted.add(Converted.refused("", "[" + i + "]: a GuardDuty finding must be a JSON object"));
            } else {
                converted.add(convertOne(camelCase(record), context));
            }
        }
        return converted;
    }

    /** The findings a document holds, in order; throws when the document is not GuardDuty's. */
    private static List<JsonNode> records(JsonNode document) {
        if (document == null || !(document.isObject() || document.isArray())) {
            throw ApiException.invalidInput("guardduty: expected a GuardDuty finding, an array of findings, "
                    + "{\"Findings\":[…]} or a 'GuardDuty Finding' EventBridge event, not a JSON "
                    + (document == null ? "null" : document.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        List<JsonNode> records = new ArrayList<>();
        if (document.isArray()) {
            document.forEach(records::add);
            return records;
        }
        JsonNode detailType = document.get("detail-type");
        if (detailType != null) {
            if (!"GuardDuty Finding".equals(detailType.asText())) {
                throw ApiException.invalidInput("guardduty: the EventBridge event's detail-type is '" + detailType.asText()
                        + "'; expected 'GuardDuty Finding'");
            }
            JsonNode detail = document.path("detail");
            JsonNode wrapped = member(detail, "findings");
            if (wrapped.isArray()) {
                wrapped.forEach(records::add);
            } else if (detail.isObject()) {
                records.add(detail);
            } else {
                throw ApiException.invalidInput("guardduty: the 'GuardDuty Finding' event has no detail object");
            }
            return records;
        }
        JsonNode findings = member(document, "findings");
        if (findings.isArray()) {
            findings.forEach(records::add);
            return records;
        }
        if ("2018-10-08".equals(member(document, "schemaVersion").asText())) {
            throw ApiException.invalidInput("guardduty: this document is already ASFF (SchemaVersion 2018-10-08); "
                    + "send it to BatchImportFindings instead");
        }
        if (member(document, "type").isTextual()
                && (member(document, "resource").isObject() || member(document, "service").isObject())) {
            records.add(document);
            return records;
        }
        throw ApiException.invalidInput("guardduty: the object is not a GuardDuty finding (no type with resource "
                + "or service), nor {\"Findings\":[…]}, nor a 'GuardDuty Finding' EventBridge event");
    }

    private static Converted convertOne(JsonNode f, ConversionContext context) {
        String arn = Asff.text(f, "arn");
        String findingId = Asff.text(f, "id");
        String account = Asff.text(f, "accountId");
        String region = Asff.first(Asff.text(f, "region"), arnPart(arn, 3));
        String partition = Asff.first(Asff.text(f, "partition"), arnPart(arn, 1), "aws");
        String detectorId = Asff.first(Asff.text(f, "service", "detectorId"), detectorOf(arn));
        String sourceId = Asff.first(arn, findingId);
        if (arn == null && findingId == null) {
            return Converted.refused(sourceId, "arn: a GuardDuty finding needs its arn (or id) to become an ASFF Id");
        }
        if (account == null) {
            return Converted.refused(sourceId, "accountId: the GuardDuty finding names no AWS account");
        }
        if (region == null) {
            return Converted.refused(sourceId, "region: the GuardDuty finding names no Region");
        }
        String detectorArn = detectorId == null ? null
                : "arn:" + partition + ":guardduty:" + region + ":" + account + ":detector/" + detectorId;
        if (arn == null && detectorArn == null) {
            return Converted.refused(sourceId, "service.detectorId: without an arn, the finding's ARN is derived from "
                    + "the detector id, and there is none");
        }
        String id = arn != null ? arn : detectorArn + "/finding/" + findingId;

        ObjectNode finding = Asff.finding(id, Asff.productArn(partition, region, "aws", FORMAT),
                detectorArn != null ? detectorArn : id, account, region);
        String type = Asff.text(f, "type");
        finding.set("Types", Json.MAPPER.createArrayNode().add(asffType(type)));
        finding.set("Severity", severity(f.path("severity")));

        String created = Asff.first(Asff.time(f.path("createdAt")), Asff.time(f.path("updatedAt")),
                AsffTime.format(context.receivedAt()));
        finding.put("CreatedAt", created);
        finding.put("UpdatedAt", Asff.first(Asff.time(f.path("updatedAt")), created));
        JsonNode service = f.path("service");
        Asff.put(finding, "FirstObservedAt", Asff.time(service.path("eventFirstSeen")));
        Asff.put(finding, "LastObservedAt", Asff.time(service.path("eventLastSeen")));

        String title = Asff.first(Asff.text(f, "title"), type, "GuardDuty finding " + Asff.first(findingId, id));
        finding.put("Title", Asff.clip(title, Asff.MAX_TITLE));
        finding.put("Description", Asff.clip(Asff.first(Asff.text(f, "description"), title), Asff.MAX_DESCRIPTION));

        finding.set("Resources", resources(f.path("resource"), partition, region, account));
        action(finding, service.path("action"));
        finding.put("RecordState", service.path("archived").asBoolean(false) ? "ARCHIVED" : "ACTIVE");
        if (isSample(service.path("additionalInfo"))) {
            finding.put("Sample", true);
        }
        Asff.productField(finding, FIELD_PREFIX + "archived", Boolean.toString(service.path("archived").asBoolean(false)));
        Asff.productField(finding, FIELD_PREFIX + "count", Asff.text(service, "count"));
        Asff.productField(finding, FIELD_PREFIX + "detectorId", detectorId);
        Asff.productField(finding, FIELD_PREFIX + "resourceRole", Asff.text(service, "resourceRole"));
        Asff.productField(finding, FIELD_PREFIX + "serviceName", Asff.text(service, "serviceName"));
        Asff.productField(finding, FIELD_PREFIX + "featureName", Asff.text(service, "featureName"));
        Asff.productField(finding, FIELD_PREFIX + "action/actionType", Asff.text(service, "action", "actionType"));
        return Converted.finding(finding);
    }

    /** {@code Backdoor:EC2/C&CActivity.B!DNS} → {@code TTPs/Command and Control/Backdoor:EC2-C&CActivity.B!DNS}. */
    static String asffType(String type) {
        if (type == null || type.isBlank()) {
            return UNKNOWN_CATEGORY;
        }
        int colon = type.indexOf(':');
        String purpose = colon > 0 ? type.substring(0, colon).toLowerCase(Locale.ROOT) : "";
        String category = CATEGORIES.getOrDefault(purpose, UNKNOWN_CATEGORY);
        if ("behavior".equals(purpose) && type.startsWith("IAMUser", colon + 1)) {
            category = "Unusual Behaviors/User";
        }
        return category + "/" + type.replace('/', '-');
    }

    /** GuardDuty's 0.1–10 scale in its own bands. */
    private static ObjectNode severity(JsonNode node) {
        BigDecimal value = null;
        if (node.isNumber()) {
            value = node.decimalValue();
        } else if (node.isTextual()) {
            try {
                value = new BigDecimal(node.textValue().trim());
            } catch (NumberFormatException e) {
                value = null;
            }
        }
        if (value == null) {
            return Asff.severity("INFORMATIONAL", null);
        }
        double score = value.doubleValue();
        String label = score >= 9.0 ? "CRITICAL" : score >= 7.0 ? "HIGH" : score >= 4.0 ? "MEDIUM" : score > 0 ? "LOW" : "INFORMATIONAL";
        return Asff.severity(label, value.stripTrailingZeros().toPlainString());
    }

    private static ArrayNode resources(JsonNode resource, String partition, String region, String account) {
        ArrayNode resources = Json.MAPPER.createArrayNode();
        String resourceType = Asff.first(Asff.text(resource, "resourceType"), "Unknown");
        switch (resourceType) {
            case "Instance" -> {
                JsonNode instance = resource.path("instanceDetails");
                String instanceId = Asff.text(instance, "instanceId");
                if (instanceId != null) {
                    ObjectNode ec2 = resource(resources, "AwsEc2Instance",
                            "arn:" + partition + ":ec2:" + region + ":" + account + ":instance/" + instanceId, partition, region);
                    ec2.putObject("Details").set("AwsEc2Instance", ec2Details(instance));
                    tags(ec2, instance.path("tags"));
                }
            }
            case "AccessKey" -> {
                JsonNode key = resource.path("accessKeyDetails");
                String keyId = Asff.text(key, "accessKeyId");
                if (keyId != null) {
                    ObjectNode iam = resource(resources, "AwsIamAccessKey", "AWS::IAM::AccessKey:" + keyId, partition, region);
                    ObjectNode details = iam.putObject("Details").putObject("AwsIamAccessKey");
                    Asff.put(details, "PrincipalId", Asff.text(key, "principalId"));
                    Asff.put(details, "PrincipalName", Asff.text(key, "userName"));
                    Asff.put(details, "PrincipalType", Asff.text(key, "userType"));
                    Asff.put(details, "UserName", Asff.text(key, "userName"));
                }
            }
            case "S3Bucket" -> {
                for (JsonNode bucket : resource.path("s3BucketDetails")) {
                    String name = Asff.first(Asff.text(bucket, "name"), arnPart(Asff.text(bucket, "arn"), 5));
                    if (name != null && resources.size() < 32) {
                        ObjectNode s3 = resource(resources, "AwsS3Bucket", "arn:" + partition + ":s3:::" + name, partition, region);
                        ObjectNode details = s3.putObject("Details").putObject("AwsS3Bucket");
                        Asff.put(details, "Name", name);
                        Asff.put(details, "OwnerId", Asff.text(bucket, "owner", "id"));
                        Asff.put(details, "CreatedAt", Asff.time(bucket.path("createdAt")));
                        tags(s3, bucket.path("tags"));
                    }
                }
            }
            case "EKSCluster" -> {
                JsonNode eks = resource.path("eksClusterDetails");
                String name = Asff.text(eks, "name");
                String arn = Asff.first(Asff.text(eks, "arn"),
                        name == null ? null : "arn:" + partition + ":eks:" + region + ":" + account + ":cluster/" + name);
                if (arn != null) {
                    ObjectNode cluster = resource(resources, "AwsEksCluster", arn, partition, region);
                    ObjectNode details = cluster.putObject("Details").putObject("AwsEksCluster");
                    Asff.put(details, "Name", name);
                    Asff.put(details, "Arn", arn);
                    Asff.put(details, "Status", Asff.text(eks, "status"));
                    tags(cluster, eks.path("tags"));
                }
            }
            case "Lambda" -> {
                JsonNode lambda = resource.path("lambdaDetails");
                String arn = Asff.text(lambda, "functionArn");
                if (arn != null) {
                    ObjectNode function = resource(resources, "AwsLambdaFunction", arn, partition, region);
                    ObjectNode details = function.putObject("Details").putObject("AwsLambdaFunction");
                    Asff.put(details, "FunctionName", Asff.text(lambda, "functionName"));
                    Asff.put(details, "Version", Asff.text(lambda, "functionVersion"));
                }
            }
            default -> {
            }
        }
        if (resources.isEmpty()) {
            ObjectNode other = resource(resources, "Other",
                    Asff.first(identifier(resource), resourceType + "/" + account), partition, region);
            other.putObject("Details").putObject("Other").put("resourceType", Asff.clip(resourceType, 1024));
        }
        return resources;
    }

    private static ObjectNode resource(ArrayNode resources, String type, String id, String partition, String region) {
        ObjectNode resource = resources.addObject().put("Type", type).put("Id", id);
        if (List.of("aws", "aws-cn", "aws-us-gov").contains(partition)) {
            resource.put("Partition", partition);
        }
        resource.put("Region", region);
        return resource;
    }

    private static ObjectNode ec2Details(JsonNode instance) {
        ObjectNode details = Json.object();
        Asff.put(details, "Type", Asff.text(instance, "instanceType"));
        Asff.put(details, "ImageId", Asff.text(instance, "imageId"));
        List<String> v4 = new ArrayList<>();
        List<String> v6 = new ArrayList<>();
        JsonNode firstInterface = instance.path("networkInterfaces").path(0);
        for (JsonNode networkInterface : instance.path("networkInterfaces")) {
            addUnique(v4, Asff.text(networkInterface, "privateIpAddress"));
            addUnique(v4, Asff.text(networkInterface, "publicIp"));
            networkInterface.path("ipv6Addresses").forEach(address -> addUnique(v6, address.asText(null)));
        }
        if (!v4.isEmpty()) {
            details.set("IpV4Addresses", Asff.strings(v4));
        }
        if (!v6.isEmpty()) {
            details.set("IpV6Addresses", Asff.strings(v6));
        }
        Asff.put(details, "VpcId", Asff.text(firstInterface, "vpcId"));
        Asff.put(details, "SubnetId", Asff.text(firstInterface, "subnetId"));
        Asff.put(details, "IamInstanceProfileArn", Asff.text(instance, "iamInstanceProfile", "arn"));
        Asff.put(details, "LaunchedAt", Asff.time(instance.path("launchTime")));
        return details;
    }

    /** GuardDuty's tags, [{key, value}], as ASFF's Resource.Tags map. */
    private static void tags(ObjectNode resource, JsonNode tags) {
        ObjectNode map = Json.object();
        for (JsonNode tag : tags) {
            String key = Asff.text(tag, "key");
            if (key != null && map.size() < 50) {
                map.put(key, tag.path("value").asText(""));
            }
        }
        if (!map.isEmpty()) {
            resource.set("Tags", map);
        }
    }

    /** The first ARN, then id, then name found among the resource's *Details members. */
    private static String identifier(JsonNode resource) {
        for (String member : List.of("arn", "id", "name")) {
            for (Map.Entry<String, JsonNode> details : resource.properties()) {
                JsonNode node = details.getValue().isArray() ? details.getValue().path(0) : details.getValue();
                if (!node.isObject()) {
                    continue;
                }
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    String name = field.getKey().toLowerCase(Locale.ROOT);
                    if ((name.equals(member) || name.endsWith(member)) && field.getValue().isTextual()
                            && !field.getValue().textValue().isBlank()) {
                        return field.getValue().textValue();
                    }
                }
            }
        }
        return null;
    }

    /** ASFF's Action (and Network, where the action names both ends) from service.action. */
    private static void action(ObjectNode finding, JsonNode action) {
        String actionType = Asff.text(action, "actionType");
        if (actionType == null) {
            return;
        }
        ObjectNode network = Json.object();
        ObjectNode asffAction = Json.object().put("ActionType", actionType);
        switch (actionType) {
            case "DNS_REQUEST" -> {
                JsonNode dns = action.path("dnsRequestAction");
                ObjectNode out = asffAction.putObject("DnsRequestAction");
                Asff.put(out, "Domain", Asff.text(dns, "domain"));
                Asff.put(out, "Protocol", Asff.text(dns, "protocol"));
                if (dns.path("blocked").isBoolean()) {
                    out.put("Blocked", dns.path("blocked").booleanValue());
                }
                Asff.put(network, "Direction", "OUT");
                Asff.put(network, "Protocol", Asff.clip(Asff.text(dns, "protocol"), 16));
                Asff.put(network, "DestinationDomain", Asff.clip(Asff.text(dns, "domain"), 128));
            }
            case "NETWORK_CONNECTION" -> {
                JsonNode connection = action.path("networkConnectionAction");
                ObjectNode out = asffAction.putObject("NetworkConnectionAction");
                String direction = Asff.text(connection, "connectionDirection");
                Asff.put(out, "ConnectionDirection", direction);
                Asff.put(out, "Protocol", Asff.text(connection, "protocol"));
                if (connection.path("blocked").isBoolean()) {
                    out.put("Blocked", connection.path("blocked").booleanValue());
                }
                setIf(out, "RemoteIpDetails", ipDetails(connection.path("remoteIpDetails")));
                setIf(out, "RemotePortDetails", portDetails(connection.path("remotePortDetails")));
                setIf(out, "LocalPortDetails", portDetails(connection.path("localPortDetails")));
                String remoteIp = Asff.text(connection, "remoteIpDetails", "ipAddressV4");
                String localIp = Asff.text(connection, "localIpDetails", "ipAddressV4");
                Integer remotePort = port(connection.path("remotePortDetails").path("port"));
                Integer localPort = port(connection.path("localPortDetails").path("port"));
                boolean inbound = "INBOUND".equals(direction);
                if (inbound || "OUTBOUND".equals(direction)) {
                    network.put("Direction", inbound ? "IN" : "OUT");
                }
                Asff.put(network, "Protocol", Asff.clip(Asff.text(connection, "protocol"), 16));
                Asff.put(network, "SourceIpV4", inbound ? remoteIp : localIp);
                Asff.put(network, "DestinationIpV4", inbound ? localIp : remoteIp);
                putInt(network, "SourcePort", inbound ? remotePort : localPort);
                putInt(network, "DestinationPort", inbound ? localPort : remotePort);
            }
            case "AWS_API_CALL" -> {
                JsonNode call = action.path("awsApiCallAction");
                ObjectNode out = asffAction.putObject("AwsApiCallAction");
                Asff.put(out, "Api", Asff.text(call, "api"));
                Asff.put(out, "ServiceName", Asff.text(call, "serviceName"));
                Asff.put(out, "CallerType", Asff.text(call, "callerType"));
                setIf(out, "RemoteIpDetails", ipDetails(call.path("remoteIpDetails")));
                String domain = Asff.text(call, "domainDetails", "domain");
                if (domain != null) {
                    out.putObject("DomainDetails").put("Domain", domain);
                }
            }
            case "PORT_PROBE" -> {
                JsonNode probe = action.path("portProbeAction");
                ObjectNode out = asffAction.putObject("PortProbeAction");
                if (probe.path("blocked").isBoolean()) {
                    out.put("Blocked", probe.path("blocked").booleanValue());
                }
                ArrayNode details = out.putArray("PortProbeDetails");
                for (JsonNode detail : probe.path("portProbeDetails")) {
                    ObjectNode item = details.addObject();
                    setIf(item, "LocalPortDetails", portDetails(detail.path("localPortDetails")));
                    String localIp = Asff.text(detail, "localIpDetails", "ipAddressV4");
                    if (localIp != null) {
                        item.putObject("LocalIpDetails").put("IpAddressV4", localIp);
                    }
                    setIf(item, "RemoteIpDetails", ipDetails(detail.path("remoteIpDetails")));
                }
                JsonNode firstProbe = probe.path("portProbeDetails").path(0);
                network.put("Direction", "IN");
                Asff.put(network, "SourceIpV4", Asff.text(firstProbe, "remoteIpDetails", "ipAddressV4"));
                Asff.put(network, "DestinationIpV4", Asff.text(firstProbe, "localIpDetails", "ipAddressV4"));
                putInt(network, "DestinationPort", port(firstProbe.path("localPortDetails").path("port")));
            }
            default -> {
                return;
            }
        }
        finding.set("Action", asffAction);
        if (!network.isEmpty()) {
            finding.set("Network", network);
        }
    }

    private static ObjectNode ipDetails(JsonNode ip) {
        ObjectNode out = Json.object();
        Asff.put(out, "IpAddressV4", Asff.text(ip, "ipAddressV4"));
        ObjectNode organization = Json.object();
        JsonNode asn = ip.path("organization").path("asn");
        if (asn.isIntegralNumber()) {
            organization.put("Asn", asn.intValue());
        } else if (asn.isTextual() && asn.textValue().matches("\\d{1,9}")) {
            organization.put("Asn", Integer.parseInt(asn.textValue()));
        }
        Asff.put(organization, "AsnOrg", Asff.text(ip, "organization", "asnOrg"));
        Asff.put(organization, "Isp", Asff.text(ip, "organization", "isp"));
        Asff.put(organization, "Org", Asff.text(ip, "organization", "org"));
        setIf(out, "Organization", organization);
        ObjectNode country = Json.object();
        Asff.put(country, "CountryCode", Asff.text(ip, "country", "countryCode"));
        Asff.put(country, "CountryName", Asff.text(ip, "country", "countryName"));
        setIf(out, "Country", country);
        String city = Asff.text(ip, "city", "cityName");
        if (city != null) {
            out.putObject("City").put("CityName", city);
        }
        JsonNode geo = ip.path("geoLocation");
        if (geo.path("lat").isNumber() && geo.path("lon").isNumber()) {
            out.putObject("GeoLocation").put("Lat", geo.path("lat").decimalValue()).put("Lon", geo.path("lon").decimalValue());
        }
        return out;
    }

    private static ObjectNode portDetails(JsonNode port) {
        ObjectNode out = Json.object();
        putInt(out, "Port", port(port.path("port")));
        Asff.put(out, "PortName", Asff.text(port, "portName"));
        return out;
    }

    private static Integer port(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.intValue();
        }
        if (node.isTextual() && node.textValue().matches("\\d{1,5}")) {
            return Integer.parseInt(node.textValue());
        }
        return null;
    }

    /**
     * GuardDuty marks sample findings in service.additionalInfo: as {@code sample: true}, or (in the API and
     * console export) inside {@code value}, a JSON text such as {@code {"sample":true}}.
     */
    private static boolean isSample(JsonNode additionalInfo) {
        if (additionalInfo.path("sample").asBoolean(false)) {
            return true;
        }
        String value = Asff.text(additionalInfo, "value");
        if (value == null || !value.contains("sample")) {
            return false;
        }
        try {
            return Json.MAPPER.readTree(value).path("sample").asBoolean(false);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** A copy of the tree with every member name's first letter in lower case (PascalCase → camelCase). */
    static JsonNode camelCase(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = Json.object();
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                String name = member.getKey();
                String camel = name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
                copy.set(camel, camelCase(member.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Json.MAPPER.createArrayNode();
            node.forEach(item -> copy.add(camelCase(item)));
            return copy;
        }
        return node;
    }

    /** A member by name, matched without regard to case. */
    private static JsonNode member(JsonNode object, String name) {
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            if (member.getKey().equalsIgnoreCase(name)) {
                return member.getValue();
            }
        }
        return Json.MAPPER.missingNode();
    }

    /** The n-th ':'-separated part of an ARN, or null. */
    private static String arnPart(String arn, int index) {
        if (arn == null || !arn.startsWith("arn:")) {
            return null;
        }
        String[] parts = arn.split(":", 6);
        return parts.length > index && !parts[index].isEmpty() ? parts[index] : null;
    }

    /** {@code …:detector/<id>/finding/…} → the detector id. */
    private static String detectorOf(String arn) {
        if (arn == null) {
            return null;
        }
        int start = arn.indexOf(":detector/");
        if (start < 0) {
            return null;
        }
        String rest = arn.substring(start + ":detector/".length());
        int slash = rest.indexOf('/');
        return slash > 0 ? rest.substring(0, slash) : rest.isEmpty() ? null : rest;
    }

    private static void addUnique(List<String> values, String value) {
        if (value != null && !value.isBlank() && !values.contains(value)) {
            values.add(value);
        }
    }

    private static void putInt(ObjectNode node, String name, Integer value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static void setIf(ObjectNode node, String name, ObjectNode value) {
        if (value != null && !value.isEmpty()) {
            node.set(name, value);
        }
    }
}
