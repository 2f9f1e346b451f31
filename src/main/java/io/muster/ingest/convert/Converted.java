package io.muster.ingest.convert;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One record of a converted document: either an ASFF finding or the reason the record could not become
 * one. {@code sourceId} is the record's identifier in the source (or the derived finding Id), reported back
 * to the sender with a refusal.
 */
public record Converted(String sourceId, ObjectNode finding, String problem) {

    public static Converted finding(ObjectNode finding) {
        return new Converted(finding.path("Id").asText(""), finding, null);
    }

    public static Converted refused(String sourceId, String problem) {
        return new Converted(sourceId == null ? "" : sourceId, null, problem);
    }

    public boolean isRefused() {
        return finding == null;
    }
}
