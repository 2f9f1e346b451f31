package io.muster.priority;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Set;

/** The priority formula's weights (README, "Priority"); see {@link PriorityWeights} for what each does. */
@ConfigMapping(prefix = "muster.priority")
public interface PriorityConfig {

    /** Share of the severity (Normalized 0–100) the base score takes. */
    @WithDefault("0.75")
    double severityScale();

    /** How far Criticality moves the score: a factor of 1 ± weight at Criticality 100 / 0. */
    @WithDefault("0.5")
    double criticalityWeight();

    /** How much low Confidence lowers the score: a factor of 1 − weight × (100 − Confidence) / 100. */
    @WithDefault("0.3")
    double confidenceWeight();

    /** Points for a vulnerability with a known exploit. */
    @WithDefault("15")
    double exploitAvailable();

    /** Points for a vulnerability with a fix available. */
    @WithDefault("5")
    double fixAvailable();

    /** Points for a TTP type in one of the high-risk tactics. */
    @WithDefault("10")
    double tactic();

    /** The ASFF TTP categories that count as high-risk. */
    @WithDefault("Command and Control,Credential Access,Impact,Exfiltration,Privilege Escalation,Initial Access")
    Set<String> tactics();

    /** Points for a resource reachable from the internet. */
    @WithDefault("10")
    double internetExposed();

    /** Points for each other detector reporting the same problem, up to three. */
    @WithDefault("5")
    double agreeingDetector();
}
