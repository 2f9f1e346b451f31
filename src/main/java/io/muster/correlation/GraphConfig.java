package io.muster.correlation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The entity graph. */
@ConfigMapping(prefix = "muster.graph")
public interface GraphConfig {

    /** Link findings into the entity graph as they are written (off: the graph answers from what was linked). */
    @WithDefault("true")
    boolean enabled();
}
