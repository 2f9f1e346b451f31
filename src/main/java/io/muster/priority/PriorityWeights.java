package io.muster.priority;

import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The weights of the priority formula ({@code muster.priority.*}). Read once from the configuration, so
 * every place that computes a priority — the write path, the filter interpreters, re-projection — uses the
 * same weights without injection.
 *
 * @param severityScale     what share of the severity (Normalized 0–100) the base score takes, leaving room above it for the points
 * @param criticalityWeight how far Criticality moves the score: a factor of 1 ± weight for Criticality 100 / 0 (50 is neutral)
 * @param confidenceWeight  how much low Confidence lowers it: a factor of 1 − weight × (100 − Confidence) / 100
 * @param exploitAvailable  points for a vulnerability with a known exploit
 * @param fixAvailable      points for a vulnerability with a fix (or partial fix) available
 * @param tactic            points for a TTP type in one of the {@code tactics}
 * @param internetExposed   points for a finding whose resource is reachable from the internet
 * @param tactics           the ASFF TTP categories that count as high-risk
 * @param agreeingDetector  points for each other detector (product) reporting the same problem (same fingerprint), up to three
 */
public record PriorityWeights(double severityScale, double criticalityWeight, double confidenceWeight, double exploitAvailable, double fixAvailable,
        double tactic, double internetExposed, Set<String> tactics, double agreeingDetector) {

    public static final PriorityWeights DEFAULTS = new PriorityWeights(0.75, 0.5, 0.3, 15, 5, 10, 10,
            Set.of("Command and Control", "Credential Access", "Impact", "Exfiltration", "Privilege Escalation", "Initial Access"), 5);

    private static volatile PriorityWeights current;

    /** The configured weights (the defaults for any weight not configured). */
    public static PriorityWeights current() {
        PriorityWeights weights = current;
        if (weights == null) {
            weights = fromConfig(ConfigProvider.getConfig());
            current = weights;
        }
        return weights;
    }

    static PriorityWeights fromConfig(Config config) {
        return new PriorityWeights(
                number(config, "severity-scale", DEFAULTS.severityScale),
                number(config, "criticality-weight", DEFAULTS.criticalityWeight),
                number(config, "confidence-weight", DEFAULTS.confidenceWeight),
                number(config, "exploit-available", DEFAULTS.exploitAvailable),
                number(config, "fix-available", DEFAULTS.fixAvailable),
                number(config, "tactic", DEFAULTS.tactic),
                number(config, "internet-exposed", DEFAULTS.internetExposed),
                config.getOptionalValues("muster.priority.tactics", String.class).map(values -> Set.copyOf(List.copyOf(values)))
                        .orElse(DEFAULTS.tactics),
                number(config, "agreeing-detector", DEFAULTS.agreeingDetector));
    }

    private static double number(Config config, String name, double fallback) {
        return config.getOptionalValue("muster.priority." + name, Double.class).orElse(fallback);
    }
}
