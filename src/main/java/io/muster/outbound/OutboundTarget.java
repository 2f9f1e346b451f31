package io.muster.outbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Where events go: a webhook (URL, extra headers, timeout; signed per Standard Webhooks) or a messaging
 * channel. Secrets are not part of this record: {@link OutboundTargets} reads them only to sign.
 */
public record OutboundTarget(String id, String name, Kind kind, String url, ObjectNode headers, int timeoutMillis, String channel,
        Status status, String statusReason, Instant createdAt, Instant updatedAt) {

    public enum Kind {
        WEBHOOK, CHANNEL
    }

    public enum Status {
        ENABLED, DISABLED
    }
}
