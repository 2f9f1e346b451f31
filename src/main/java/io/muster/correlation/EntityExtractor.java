package io.muster.correlation;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.correlation.Entity.Kind;
import io.muster.priority.PriorityFormula;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The entities a finding involves, read from ASFF: its account; each resource (access keys, IAM users and
 * roles as principals, container images as images, the rest as resources); the principal and access key
 * of an IAM access key resource; public IPv4 addresses of the network, the action (API calls, connections,
 * port probes) and threat intelligence; domains of DNS requests, the network and threat intelligence; and
 * vulnerability ids. Private addresses are left out: they name different hosts in different networks.
 */
public final class EntityExtractor {

    private EntityExtractor() {
    }

    public static Set<Entity> entities(JsonNode finding) {
        Set<Entity> entities = new LinkedHashSet<>();
        add(entities, Kind.ACCOUNT, finding.path("AwsAccountId").asText(""));
        for (JsonNode resource : finding.path("Resources")) {
            String type = resource.path("Type").asText("");
            String id = resource.path("Id").asText("");
            JsonNode details = resource.path("Details");
            switch (type) {
                case "AwsIamAccessKey" -> {
                    add(entities, Kind.ACCESS_KEY, id.replaceFirst("^AWS::IAM::AccessKey:", ""));
                    JsonNode key = details.path("AwsIamAccessKey");
                    add(entities, Kind.PRINCIPAL, key.path("PrincipalName").asText(key.path("UserName").asText("")));
                }
                case "AwsIamUser", "AwsIamRole" -> add(entities, Kind.PRINCIPAL, principalName(id));
                case "AwsEcrContainerImage", "Container" -> add(entities, Kind.IMAGE, Fingerprint.resource(id));
                default -> add(entities, Kind.RESOURCE, Fingerprint.resource(id));
            }
            for (JsonNode address : details.path("AwsEc2Instance").path("IpV4Addresses")) {
                addAddress(entities, address.asText(""));
            }
        }
        JsonNode network = finding.path("Network");
        addAddress(entities, network.path("SourceIpV4").asText(""));
        addAddress(entities, network.path("DestinationIpV4").asText(""));
        add(entities, Kind.DOMAIN, network.path("DestinationDomain").asText("").toLowerCase(Locale.ROOT));
        add(entities, Kind.DOMAIN, network.path("SourceDomain").asText("").toLowerCase(Locale.ROOT));
        JsonNode action = finding.path("Action");
        addAddress(entities, action.path("AwsApiCallAction").path("RemoteIpDetails").path("IpAddressV4").asText(""));
        addAddress(entities, action.path("NetworkConnectionAction").path("RemoteIpDetails").path("IpAddressV4").asText(""));
        for (JsonNode probe : action.path("PortProbeAction").path("PortProbeDetails")) {
            addAddress(entities, probe.path("RemoteIpDetails").path("IpAddressV4").asText(""));
        }
        add(entities, Kind.DOMAIN, action.path("DnsRequestAction").path("Domain").asText("").toLowerCase(Locale.ROOT));
        for (JsonNode indicator : finding.path("ThreatIntelIndicators")) {
            String value = indicator.path("Value").asText("");
            switch (indicator.path("Type").asText("")) {
                case "IPV4_ADDRESS" -> addAddress(entities, value);
                case "DOMAIN" -> add(entities, Kind.DOMAIN, value.toLowerCase(Locale.ROOT));
                default -> {
                }
            }
        }
        for (JsonNode vulnerability : finding.path("Vulnerabilities")) {
            add(entities, Kind.VULNERABILITY, vulnerability.path("Id").asText("").toUpperCase(Locale.ROOT));
        }
        return entities;
    }

    /** {@code arn:aws:iam::123456789012:user/alice} → {@code arn:aws:iam::123456789012:user/alice} (ARNs as they are, names lower-cased otherwise). */
    private static String principalName(String id) {
        return id.startsWith("arn:") ? id : id.toLowerCase(Locale.ROOT);
    }

    private static void addAddress(Set<Entity> entities, String address) {
        if (PriorityFormula.isPublic(address)) {
            entities.add(new Entity(Kind.IP, address));
        }
    }

    private static void add(Set<Entity> entities, Kind kind, String value) {
        if (value != null && !value.isBlank() && value.length() <= Entity.MAX_VALUE) {
            entities.add(new Entity(kind, value));
        }
    }
}
