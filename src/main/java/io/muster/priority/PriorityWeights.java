package io.muster.priority;

import io.smallrye.config.SmallRyeConfig;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The weights of the priority formula ({@link PriorityConfig}, {@code muster.priority.*}). Read once, so
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

    /** The configured weights ({@link PriorityConfig}); the defaults outside a running Muster. */
    public static PriorityWeights current() {
        PriorityWeights weights = current;
        if (weights == null) {
            weights = configured();
            current = weights;
        }
        return weights;
    }

    private static PriorityWeights configured() {
        try {
            PriorityConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(PriorityConfig.class);
            return new PriorityWeights(config.severityScale(), config.criticalityWeight(), config.confidenceWeight(),
                    config.exploitAvailable(), config.fixAvailable(), config.tactic(), config.internetExposed(), Set.copyOf(config.tactics()),
                    config.agreeingDetector());
        } catch (RuntimeException noMapping) {
            return DEFAULTS;
        }
    }
}
