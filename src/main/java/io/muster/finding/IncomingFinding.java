package io.muster.finding;

import com.fasterxml.jackson.databind.JsonNode;

/** One finding of an import request, with its size in bytes as it was sent. */
public record IncomingFinding(JsonNode document, long sizeInBytes) {

    /** The finding's Id if it has a usable one (for FailedFindings), else an empty string. */
    public String idOrEmpty() {
        JsonNode id = document.path("Id");
        return id.isTextual() ? id.textValue() : "";
    }
}
