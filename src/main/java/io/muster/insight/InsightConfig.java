package io.muster.insight;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Insights (prefix {@code muster.insight}). */
@ConfigMapping(prefix = "muster.insight")
public interface InsightConfig {

    /**
     * Whether every write keeps the managed insights' results current (29 of the 32; the three with
     * relative dates are always computed when asked). Off, every GetInsightResults groups the findings
     * when asked: imports get a little faster and managed insight results much slower at scale.
     */
    @WithDefault("true")
    boolean managedCounts();
}
