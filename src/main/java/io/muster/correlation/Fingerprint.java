package io.muster.correlation;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a finding is about, independent of the detector that reported it: findings with the same
 * fingerprint are one problem seen by several detectors (a cross-detector duplicate group). Built only
 * from stable, normalised fields — account, the first resource and what is wrong with it — never from
 * titles, descriptions, timestamps or the detector's own Id, so it survives re-imports and Id changes.
 *
 * <ul>
 * <li><b>vulnerability</b> (a finding with {@code Vulnerabilities[].Id}): account + resource + the first
 * vulnerability id, upper-cased ({@code CVE-2024-3094}, {@code GHSA-…}) — Trivy and Inspector on the same
 * image digest or instance agree;</li>
 * <li><b>control</b> (a finding with {@code Compliance.SecurityControlId}; else a control in its GeneratorId —
 * a CIS requirement {@code cis-aws-foundations-benchmark/v/1.4.0/1.20} as {@code CIS-1.4 1.20},
 * {@code security-control/S3.8}, {@code …/v/1.0.0/S3.8}; else the first CIS requirement among
 * RelatedRequirements, as Prowler writes it, {@code CIS-1.4 1.20}): account + Region + resource + control;</li>
 * <li><b>other</b>: account + resource + the first type.</li>
 * </ul>
 *
 * Resources are normalised: ECR image ARNs to repository and digest (the tag and Region dropped), EC2
 * instance ARNs to the instance id, letters to lower case.
 */
public final class Fingerprint {

    private static final Pattern ECR_IMAGE = Pattern.compile("arn:aws[a-z-]*:ecr:[^:]*:(\\d{12}):repository/(.+?)/(sha256:[0-9a-f]{64})");
    private static final Pattern EC2_INSTANCE = Pattern.compile("arn:aws[a-z-]*:ec2:[^:]*:\\d{12}:instance/(i-[0-9a-f]+)");
    private static final Pattern CIS_GENERATOR = Pattern.compile("cis-aws-foundations-benchmark/v/(\\d+\\.\\d+)\\.\\d+/(?:rule/)?([0-9.]+)$");
    private static final Pattern CIS_REQUIREMENT = Pattern.compile("^CIS-(\\d+\\.\\d+) ([0-9.]+)");
    private static final Pattern CONTROL_IN_GENERATOR = Pattern.compile("(?:security-control/|/v/[^/]+/(?:rule/)?)([A-Za-z0-9.\\-]+)$");

    private Fingerprint() {
    }

    /** The fingerprint: 32 hex digits of SHA-256 over the kind and its normalised fields. */
    public static String of(JsonNode finding) {
        String account = finding.path("AwsAccountId").asText();
        String resource = resource(finding.path("Resources").path(0).path("Id").asText());
        String vulnerability = firstVulnerability(finding);
        if (vulnerability != null) {
            return digest("vulnerability", account, resource, vulnerability.toUpperCase(Locale.ROOT));
        }
        String control = control(finding);
        if (control != null) {
            return digest("control", account, finding.path("Region").asText(), resource, control);
        }
        return digest("other", account, resource, finding.path("Types").path(0).asText());
    }

    static String resource(String id) {
        Matcher image = ECR_IMAGE.matcher(id);
        if (image.find()) {
            return "ecr:" + image.group(1) + "/" + image.group(2).toLowerCase(Locale.ROOT) + "@" + image.group(3);
        }
        Matcher instance = EC2_INSTANCE.matcher(id);
        if (instance.matches()) {
            return instance.group(1);
        }
        return id.toLowerCase(Locale.ROOT);
    }

    private static String firstVulnerability(JsonNode finding) {
        for (JsonNode vulnerability : finding.path("Vulnerabilities")) {
            String id = vulnerability.path("Id").asText("");
            if (!id.isBlank()) {
                return id;
            }
        }
        return null;
    }

    static String control(JsonNode finding) {
        String id = finding.path("Compliance").path("SecurityControlId").asText("");
        if (!id.isBlank()) {
            return id;
        }
        String generatorId = finding.path("GeneratorId").asText("");
        Matcher cis = CIS_GENERATOR.matcher(generatorId);
        if (cis.find()) {
            return "CIS-" + cis.group(1) + " " + cis.group(2);
        }
        Matcher generator = CONTROL_IN_GENERATOR.matcher(generatorId);
        if (generator.find()) {
            return generator.group(1);
        }
        // Prowler names the CIS requirements it checks ("CIS-1.4 1.20"); the first one stands for the check
        for (JsonNode requirement : finding.path("Compliance").path("RelatedRequirements")) {
            Matcher prowler = CIS_REQUIREMENT.matcher(requirement.asText(""));
            if (prowler.find()) {
                return "CIS-" + prowler.group(1) + " " + prowler.group(2);
            }
        }
        return null;
    }

    private static String digest(String... parts) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
