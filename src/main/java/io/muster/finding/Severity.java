package io.muster.finding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Security Hub's two severity scales and how each is derived from the other: Label INFORMATIONAL 0,
 * LOW 1, MEDIUM 40, HIGH 70, CRITICAL 90; Normalized 0 → INFORMATIONAL, 1–39 LOW, 40–69 MEDIUM,
 * 70–89 HIGH, 90–100 CRITICAL.
 */
public enum Severity {
    INFORMATIONAL(0), LOW(1), MEDIUM(40), HIGH(70), CRITICAL(90);

    private final int normalized;

    Severity(int normalized) {
        this.normalized = normalized;
    }

    public int normalized() {
        return normalized;
    }

    public static Severity ofNormalized(int normalized) {
        if (normalized >= 90) {
            return CRITICAL;
        }
        if (normalized >= 70) {
            return HIGH;
        }
        if (normalized >= 40) {
            return MEDIUM;
        }
        return normalized >= 1 ? LOW : INFORMATIONAL;
    }

    /** Fills in whichever of Label and Normalized a Severity object lacks. */
    static void complete(ObjectNode severity) {
        JsonNode label = severity.get("Label");
        JsonNode normalized = severity.get("Normalized");
        boolean hasLabel = label != null && label.isTextual();
        boolean hasNormalized = normalized != null && normalized.isNumber();
        if (hasLabel && !hasNormalized) {
            severity.put("Normalized", valueOf(label.textValue()).normalized);
        } else if (hasNormalized && !hasLabel) {
            severity.put("Label", ofNormalized(normalized.intValue()).name());
        }
    }

    /** True when a Severity object gives Label or Normalized. */
    static boolean isRated(JsonNode severity) {
        return severity != null && severity.isObject()
                && (severity.path("Label").isTextual() || severity.path("Normalized").isNumber());
    }
}
