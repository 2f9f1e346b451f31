package io.muster.outbound;

import java.time.Instant;

/** An event on its way out of Muster: its EventBridge envelope as JSON text, with its id, detail-type and time. */
public record OutboundEvent(String id, String detailType, Instant time, String envelope) {
}
