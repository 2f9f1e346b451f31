package io.muster.compliance;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Compliance standards, control evaluation and scores (prefix {@code muster.compliance}). */
@ConfigMapping(prefix = "muster.compliance")
public interface ComplianceConfig {

    /**
     * Whether findings are evaluated against compliance controls at all. Off, no standards are loaded and
     * imports skip control evaluation — for hubs that only collect threat and vulnerability findings.
     */
    @WithDefault("true")
    boolean enabled();

    /** A directory of custom pack files (YAML or JSON, any depth) loaded beside the shipped ones. */
    Optional<Path> packsDir();

    /** How often score snapshots are taken (a snapshot is stored only when a score changed, or once a day). */
    @WithDefault("30s")
    Duration snapshotInterval();

    /** How long score snapshots are kept. */
    @WithDefault("400d")
    Duration trendRetention();

    /** The weight of a control of each severity in the severity-weighted score. */
    Weights weights();

    interface Weights {

        @WithDefault("1")
        int low();

        @WithDefault("3")
        int medium();

        @WithDefault("7")
        int high();

        @WithDefault("10")
        int critical();
    }
}
