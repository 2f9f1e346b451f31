package io.muster.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Demo data for a newcomer's first run. */
@ConfigMapping(prefix = "muster.demo")
public interface DemoConfig {

    /**
     * Load a realistic multi-detector data set at start when the database holds no finding (the quick start
     * turns it on; off by default, and never touching a database that has findings).
     */
    @WithDefault("false")
    boolean enabled();
}
