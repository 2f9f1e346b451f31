package io.muster.outbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The events Security Hub sends to EventBridge, in its envelope: {@code version "0"}, {@code id},
 * {@code detail-type}, {@code source "aws.securityhub"}, {@code account}, {@code time}, {@code region},
 * {@code resources}, {@code detail}.
 */
public final class SecurityHubEvents {

    public static final String FINDINGS_IMPORTED = "Security Hub Findings - Imported";
    public static final String SOURCE = "aws.securityhub";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private SecurityHubEvents() {
    }

    /**
     * "Security Hub Findings - Imported": one finding per event, the resource being
     * {@code <ProductArn>/<Id>}. Sent for every creation and update of a finding.
     *
     * @param findingJson the finding as JSON text, spliced in as it is (findings are large; this is the
     *     import path)
     */
    public static OutboundEvent findingImported(String eventId, Instant time, ObjectNode finding, String findingJson) {
        ObjectNode envelope = envelope(eventId, FINDINGS_IMPORTED, time,
                finding.path("AwsAccountId").asText(), finding.path("Region").asText());
        envelope.putArray("resources").add(finding.path("ProductArn").asText() + "/" + finding.path("Id").asText());
        String head = Json.write(envelope);
        String json = head.substring(0, head.length() - 1) + ",\"detail\":{\"findings\":[" + findingJson + "]}}";
        return new OutboundEvent(eventId, FINDINGS_IMPORTED, time, json);
    }

    static ObjectNode envelope(String id, String detailType, Instant time, String account, String region) {
        ObjectNode envelope = Json.object();
        envelope.put("version", "0");
        envelope.put("id", id);
        envelope.put("detail-type", detailType);
        envelope.put("source", SOURCE);
        envelope.put("account", account);
        envelope.put("time", TIME.format(time.truncatedTo(ChronoUnit.SECONDS)));
        envelope.put("region", region);
        return envelope;
    }
}
