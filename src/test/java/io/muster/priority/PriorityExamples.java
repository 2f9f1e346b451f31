package io.muster.priority;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;

/** The worked examples of the README's priority section, as findings (each starts from a minimal valid finding). */
final class PriorityExamples {

    private PriorityExamples() {
    }

    /** A: GuardDuty command-and-control, HIGH with Normalized 80 → 0.75 × 80 + 10 (tactic) = 70. */
    static ObjectNode commandAndControl(ObjectNode finding) {
        finding.putObject("Severity").put("Label", "HIGH").put("Normalized", 80);
        finding.putArray("Types").add("TTPs/Command and Control/Backdoor:EC2-C&CActivity.B!DNS");
        return finding;
    }

    /**
     * B: a CRITICAL (90) CVE with a known exploit and a fix, on an instance with a public address, Criticality 80
     * → 0.75 × 90 × 1.3 + 15 + 5 + 10 = 117.75 → 100.
     */
    static ObjectNode exposedExploitableCve(ObjectNode finding) {
        finding.putObject("Severity").put("Label", "CRITICAL").put("Normalized", 90);
        finding.put("Criticality", 80);
        finding.putArray("Vulnerabilities").addObject().put("Id", "CVE-2024-3094").put("ExploitAvailable", "YES").put("FixAvailable", "YES");
        ObjectNode instance = finding.putArray("Resources").addObject().put("Type", "AwsEc2Instance").put("Id", "i-exposed");
        instance.putObject("Details").putObject("AwsEc2Instance").putArray("IpV4Addresses").add("10.0.0.5").add("54.239.28.85");
        return finding;
    }

    /** C: the same CVE with a fix only, on a private instance → 0.75 × 90 + 5 = 72.5 → 73. */
    static ObjectNode privateFixableCve(ObjectNode finding) {
        finding.putObject("Severity").put("Label", "CRITICAL").put("Normalized", 90);
        finding.putArray("Vulnerabilities").addObject().put("Id", "CVE-2024-3094").put("FixAvailable", "YES");
        ObjectNode instance = finding.putArray("Resources").addObject().put("Type", "AwsEc2Instance").put("Id", "i-private");
        instance.putObject("Details").putObject("AwsEc2Instance").putArray("IpV4Addresses").add("10.0.0.6");
        return finding;
    }

    /** D: a MEDIUM (40) control check with Confidence 50 → 0.75 × 40 × 0.85 = 25.5 → 26. */
    static ObjectNode unsureControlCheck(ObjectNode finding) {
        finding.putObject("Severity").put("Label", "MEDIUM").put("Normalized", 40);
        finding.put("Confidence", 50);
        return finding;
    }

    /** E: INFORMATIONAL → 0, whatever else it says. */
    static ObjectNode informational(ObjectNode finding) {
        finding.putObject("Severity").put("Label", "INFORMATIONAL");
        finding.putArray("Vulnerabilities").addObject().put("Id", "CVE-2024-0001").put("ExploitAvailable", "YES");
        return finding;
    }

    static ObjectNode bare() {
        ObjectNode finding = Json.object();
        finding.putArray("Types").add("Software and Configuration Checks");
        return finding;
    }
}
