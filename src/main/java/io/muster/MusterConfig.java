package io.muster;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings that belong to Muster as a whole; each feature has its own mapping under {@code muster.<feature>}. */
@ConfigMapping(prefix = "muster")
public interface MusterConfig {

    /** Directory for the embedded database and other local state (env MUSTER_DATA_DIR). */
    @WithDefault("./data")
    String dataDir();

    /** Region Muster names in ARNs and events where a finding names none. */
    @WithDefault("us-east-1")
    String region();

    /** The account Muster names in the ARNs of what it owns itself: automation rules, insights, actions. */
    @WithDefault("000000000000")
    String accountId();
}
