package io.muster.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** An outbound rule: an EventBridge event pattern and the targets the events it matches go to. */
public record OutboundRule(String id, String name, JsonNode eventPattern, List<String> targetIds, boolean enabled, Instant createdAt,
        Instant updatedAt) {
}
