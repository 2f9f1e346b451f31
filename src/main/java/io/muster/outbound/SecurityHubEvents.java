package io.muster.outbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The events Security Hub sends to EventBridge, in its envelope: {@code version "0"}, {@code id},
 * {@code detail-type}, {@code source "aws.securityhub"}, {@code account}, {@code time}, {@code region},
 * {@code resources}, {@code detail}.
 */
public final class SecurityHubEvents {

    public static final String FINDINGS_IMPORTED = "Security Hub Findings - Imported";
    public static final String FINDINGS_CUSTOM_ACTION = "Security Hub Findings - Custom Action";
    public static final String INSIGHT_RESULTS = "Security Hub Insight Results";
    public static final String SCORE_CHANGED = "Muster Score Changed";
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

    /**
     * "Security Hub Findings - Custom Action": one finding, sent because an analyst pressed the action; the
     * resource is the action target's ARN.
     */
    public static OutboundEvent customAction(String eventId, Instant time, String account, String region, String actionArn,
            String actionName, String actionDescription, String findingJson) {
        ObjectNode envelope = envelope(eventId, FINDINGS_CUSTOM_ACTION, time, account, region);
        envelope.putArray("resources").add(actionArn);
        String head = Json.write(envelope);
        String detail = Json.write(Json.object().put("actionName", actionName).put("actionDescription", actionDescription));
        String json = head.substring(0, head.length() - 1) + ",\"detail\":" + detail.substring(0, detail.length() - 1)
                + ",\"findings\":[" + findingJson + "]}}";
        return new OutboundEvent(eventId, FINDINGS_CUSTOM_ACTION, time, json);
    }

    /**
     * "Security Hub Insight Results": an insight's groups as Security Hub sends them — {@code "number of results"}
     * (with spaces, as text) and {@code insightResults} as a list of one-entry objects {@code {value: count}}.
     */
    public static OutboundEvent insightResults(String eventId, Instant time, String account, String region, String actionArn,
            String actionName, String actionDescription, String insightArn, String insightName, String resultType,
            List<Map.Entry<String, Long>> results) {
        ObjectNode envelope = envelope(eventId, INSIGHT_RESULTS, time, account, region);
        envelope.putArray("resources").add(actionArn);
        ObjectNode detail = envelope.putObject("detail").put("actionName", actionName).put("actionDescription", actionDescription)
                .put("insightArn", insightArn).put("insightName", insightName).put("resultType", resultType)
                .put("number of results", Integer.toString(results.size()));
        var list = detail.putArray("insightResults");
        results.forEach(result -> list.addObject().put(result.getKey(), result.getValue()));
        return new OutboundEvent(eventId, INSIGHT_RESULTS, time, Json.write(envelope));
    }

    /**
     * "Muster Score Changed" (source {@code muster}): a standard's security score moved, over all accounts
     * ({@code awsAccountId} empty) or in one account. Scores are whole percentages, null without data.
     */
    public static OutboundEvent scoreChanged(String eventId, Instant time, String account, String region, String standardsArn,
            String standardName, String awsAccountId, Integer previousScore, Integer score, Integer previousWeighted, Integer weighted) {
        ObjectNode envelope = envelope(eventId, SCORE_CHANGED, time, account, region);
        envelope.put("source", "muster");
        envelope.putArray("resources").add(standardsArn);
        ObjectNode detail = envelope.putObject("detail").put("standardsArn", standardsArn).put("standardName", standardName);
        if (awsAccountId.isEmpty()) {
            detail.put("scope", "ALL_ACCOUNTS");
        } else {
            detail.put("scope", "ACCOUNT").put("awsAccountId", awsAccountId);
        }
        detail.set("previousScore", previousScore == null ? Json.MAPPER.nullNode() : Json.MAPPER.getNodeFactory().numberNode(previousScore));
        detail.set("score", score == null ? Json.MAPPER.nullNode() : Json.MAPPER.getNodeFactory().numberNode(score));
        detail.set("previousWeightedScore",
                previousWeighted == null ? Json.MAPPER.nullNode() : Json.MAPPER.getNodeFactory().numberNode(previousWeighted));
        detail.set("weightedScore", weighted == null ? Json.MAPPER.nullNode() : Json.MAPPER.getNodeFactory().numberNode(weighted));
        return new OutboundEvent(eventId, SCORE_CHANGED, time, Json.write(envelope));
    }

    /** A "Muster Test Event" (source {@code muster}) sent to one target on an administrator's request. */
    public static OutboundEvent test(String eventId, Instant time, String account, String region, String targetId) {
        ObjectNode envelope = envelope(eventId, Deliveries.TEST_EVENT, time, account, region);
        envelope.put("source", "muster");
        envelope.putArray("resources");
        envelope.putObject("detail").put("message", "A test event for outbound target " + targetId + "; if you can read this, "
                + "delivery and signatures work").put("targetId", targetId);
        return new OutboundEvent(eventId, Deliveries.TEST_EVENT, time, Json.write(envelope));
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
