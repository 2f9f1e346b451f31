package io.muster.hub;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Security Hub's own state per account and Region: EnableSecurityHub, DescribeHub … (prefix {@code muster.hub}). */
@ConfigMapping(prefix = "muster.hub")
public interface HubConfig {

    /**
     * Whether an account must call EnableSecurityHub (or be auto-enabled as a new member) before Muster takes its
     * findings and answers its hub operations. Off, every account counts as subscribed from the first time Muster
     * sees it, so that producers work without a set-up step; an account that called DisableSecurityHub is not
     * subscribed either way. Accounts already seen while it was off stay subscribed when it is turned on.
     */
    @WithDefault("false")
    boolean requireEnable();

    /**
     * How long a replica trusts what it last read of an account's subscription when admitting imported findings:
     * a change made through another replica is seen within this time (through the same replica at once).
     */
    @WithDefault("5s")
    Duration stateCacheTtl();
}
