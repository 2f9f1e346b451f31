package io.muster.ingest.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * AWS Security Hub's own EventBridge events, so that an AWS organisation can forward its findings to
 * Muster through an EventBridge API destination: "Security Hub Findings - Imported" (and "- Custom
 * Action", "- Findings Imported"), whose {@code detail.findings} holds ASFF findings as Security Hub
 * stored them, and the OCSF "Findings Imported V2" events of the new Security Hub, whose findings go
 * through the {@link OcsfConverter}. A bare {@code detail} ({@code {"findings":[…]}}) and an array of
 * events are accepted too. ASFF findings pass unchanged: their Id and ProductArn are Security Hub's, so a
 * finding forwarded twice — or also imported directly — is one finding.
 */
@ApplicationScoped
public class EventBridgeConverter implements FindingConverter {

    static final String V2_DETAIL_TYPE = "Findings Imported V2";

    @Inject
    OcsfConverter ocsf;

    @Override
    public String format() {
        return "eventbridge";
    }


    @Override
    public Set<String> recordArrays() {
        return Set.of("[]", "detail.findings[]", "findings[]");
    }

    @Override
    public List<Converted> convert(JsonNode document, ConversionContext context) {
        List<Converted> converted = new ArrayList<>();
        if (document.isArray()) {
            for (JsonNode event : document) {
                converted.addAll(convertEvent(event, context));
            }
            return converted;
        }
        return convertEvent(document, context);
    }

    private List<Converted> convertEvent(JsonNode event, ConversionContext context) {
        JsonNode detail = event.has("detail") ? event.path("detail") : event;
        JsonNode findings = detail.path("findings");
        if (!event.isObject() || !findings.isArray()) {
            throw ApiException.invalidInput("An EventBridge document is a Security Hub event (\"detail-type\": \"Security Hub Findings - Imported\")"
                    + " with detail.findings, its detail {\"findings\": [...]}, or an array of such events"
                    + (event.isObject() && event.has("detail-type") ? "; got detail-type '" + event.path("detail-type").asText() + "'" : ""));
        }
        List<Converted> converted = new ArrayList<>();
        boolean ocsfEvents = V2_DETAIL_TYPE.equals(event.path("detail-type").asText()) || isOcsf(findings.path(0));
        for (JsonNode finding : findings) {
            if (ocsfEvents) {
                converted.add(ocsf.convertEvent(finding, context));
            } else if (finding.isObject()) {
                converted.add(Converted.finding(((ObjectNode) finding).deepCopy()));
            } else {
                converted.add(Converted.refused("", "detail.findings[]: a finding must be a JSON object"));
            }
        }
        return converted;
    }

    private static boolean isOcsf(JsonNode finding) {
        return finding.has("class_uid") && finding.has("finding_info");
    }
}
