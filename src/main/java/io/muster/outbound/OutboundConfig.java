package io.muster.outbound;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Outbound delivery of events (prefix {@code muster.outbound}). */
@ConfigMapping(prefix = "muster.outbound")
public interface OutboundConfig {

    /** Whether this replica delivers events (every replica may; they never deliver the same attempt twice). */
    @WithDefault("true")
    boolean dispatch();

    /** How many deliveries this replica sends at once (each worker holds a database connection while it sends). */
    @WithDefault("8")
    int workers();

    /**
     * How many due deliveries a worker claims at once; they are sent one after the other and recorded in one
     * transaction (fewer commits), and no other worker can take them meanwhile.
     */
    @WithDefault("10")
    int claimBatch();

    /** How long an idle dispatcher waits before it looks for due deliveries again. */
    @WithDefault("100ms")
    Duration pollInterval();

    /**
     * The wait before each retry of a failed delivery (429, 5xx, timeout, connection failure); after the last,
     * the delivery is dead-lettered. Standard Webhooks' schedule by default: about a day and a half in all.
     */
    @WithDefault("5s,5m,30m,2h,5h,10h,10h")
    List<Duration> retrySchedule();

    /** How long a rotated webhook secret still signs (beside the new one), so receivers can switch over. */
    @WithDefault("24h")
    Duration secretGracePeriod();

    /** The timeout of a webhook request when its target names none. */
    @WithDefault("10s")
    Duration defaultTimeout();

    /**
     * Hosts and networks webhooks may reach although they are loopback, link-local, private or cloud metadata
     * addresses (refused otherwise): host names, addresses or CIDR blocks, e.g. {@code 10.20.0.0/16}.
     */
    Optional<List<String>> allowedPrivateTargets();
}
