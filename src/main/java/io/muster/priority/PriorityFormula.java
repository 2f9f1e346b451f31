package io.muster.priority;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One priority (0–100) per finding, from the finding alone:
 *
 * <pre>
 * base     = severityScale × Severity.Normalized (from Severity.Label when absent: LOW 1, MEDIUM 40, HIGH 70, CRITICAL 90)
 * factors  = (1 + criticalityWeight × (Criticality − 50) / 50)      — Criticality absent: 1
 *          × (1 − confidenceWeight × (100 − Confidence) / 100)       — Confidence absent: 1
 * points   = exploitAvailable (a vulnerability with ExploitAvailable YES)
 *          + fixAvailable     (a vulnerability with FixAvailable YES or PARTIAL)
 *          + tactic           (a type TTPs/&lt;one of the high-risk tactics&gt;/…)
 *          + internetExposed  (a public address on an EC2 resource, or an inbound connection from one)
 * priority = 0 for an INFORMATIONAL finding, else min(100, round(base × factors + points))
 * </pre>
 *
 * and then, across findings, {@link #withAgreement}: agreeingDetector points for each other detector that
 * reports the same problem (the same fingerprint), up to three.
 *
 * Worked examples (default weights) are in the README and {@code PriorityFormulaTest}.
 */
public final class PriorityFormula {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private PriorityFormula() {
    }

    public static int priority(JsonNode finding) {
        return priority(finding, PriorityWeights.current());
    }

    public static int priority(JsonNode finding, PriorityWeights weights) {
        double severity = base(finding.path("Severity"));
        if (severity <= 0) {
            return 0;
        }
        double base = weights.severityScale() * severity;
        double factor = 1;
        JsonNode criticality = finding.path("Criticality");
        if (criticality.isNumber()) {
            factor *= 1 + weights.criticalityWeight() * (clamp(criticality.doubleValue()) - 50) / 50;
        }
        JsonNode confidence = finding.path("Confidence");
        if (confidence.isNumber()) {
            factor *= 1 - weights.confidenceWeight() * (100 - clamp(confidence.doubleValue())) / 100;
        }
        double points = 0;
        if (anyVulnerability(finding, "ExploitAvailable", "YES")) {
            points += weights.exploitAvailable();
        }
        if (anyVulnerability(finding, "FixAvailable", "YES") || anyVulnerability(finding, "FixAvailable", "PARTIAL")) {
            points += weights.fixAvailable();
        }
        if (highRiskTactic(finding, weights)) {
            points += weights.tactic();
        }
        if (internetExposed(finding)) {
            points += weights.internetExposed();
        }
        return (int) Math.max(0, Math.min(100, Math.round(base * factor + points)));
    }

    /** The priority raised for {@code detectors − 1} other detectors agreeing (at most three count). */
    public static int withAgreement(int priority, int detectors, PriorityWeights weights) {
        if (priority == 0 || detectors <= 1) {
            return priority;
        }
        return (int) Math.min(100, Math.round(priority + weights.agreeingDetector() * Math.min(3, detectors - 1)));
    }

    private static double base(JsonNode severity) {
        if (severity.path("Normalized").isNumber()) {
            return clamp(severity.path("Normalized").doubleValue());
        }
        return switch (severity.path("Label").asText("").toUpperCase(Locale.ROOT)) {
            case "LOW" -> 1;
            case "MEDIUM" -> 40;
            case "HIGH" -> 70;
            case "CRITICAL" -> 90;
            default -> 0;
        };
    }

    private static boolean anyVulnerability(JsonNode finding, String member, String value) {
        for (JsonNode vulnerability : finding.path("Vulnerabilities")) {
            if (value.equals(vulnerability.path(member).asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean highRiskTactic(JsonNode finding, PriorityWeights weights) {
        for (JsonNode type : finding.path("Types")) {
            String[] parts = type.asText().split("/");
            if (parts.length >= 2 && parts[0].equals("TTPs") && weights.tactics().contains(parts[1])) {
                return true;
            }
        }
        return false;
    }

    /** A public IPv4 address on an EC2 instance or network interface, or an inbound connection from a public address. */
    static boolean internetExposed(JsonNode finding) {
        for (JsonNode resource : finding.path("Resources")) {
            JsonNode details = resource.path("Details");
            for (JsonNode address : details.path("AwsEc2Instance").path("IpV4Addresses")) {
                if (isPublic(address.asText())) {
                    return true;
                }
            }
            if (isPublic(details.path("AwsEc2NetworkInterface").path("PublicIp").asText(""))) {
                return true;
            }
        }
        JsonNode network = finding.path("Network");
        return "IN".equals(network.path("Direction").asText()) && isPublic(network.path("SourceIpV4").asText(""));
    }

    public static boolean isPublic(String address) {
        if (!IPV4.matcher(address).matches()) {
            return false;
        }
        try {
            InetAddress ip = InetAddress.getByName(address);
            byte[] b = ip.getAddress();
            boolean sharedSpace = (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
            return !(ip.isSiteLocalAddress() || ip.isLoopbackAddress() || ip.isLinkLocalAddress() || ip.isAnyLocalAddress()
                    || ip.isMulticastAddress() || sharedSpace);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static double clamp(double value) {
        return Math.max(0, Math.min(100, value));
    }
}
