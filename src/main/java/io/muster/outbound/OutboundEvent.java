package io.muster.outbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** An event on its way out of Muster: an EventBridge envelope with its id, detail-type and time. */
public record OutboundEvent(String id, String detailType, Instant time, ObjectNode envelope) {
}
