package io.muster.finding;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import java.util.List;

/** The answer to BatchImportFindings: how many findings were accepted, and why the others were not. */
public record ImportResult(int successCount, List<FailedFinding> failedFindings) {

    /** A refused finding: its Id as sent, an error code and a message naming the member and the rule. */
    public record FailedFinding(String id, String errorCode, String errorMessage) {
    }

    /** BatchImportFindings' response: FailedCount, SuccessCount and FailedFindings. */
    public ObjectNode toResponse() {
        ObjectNode response = Json.object().put("FailedCount", failedFindings.size()).put("SuccessCount", successCount);
        ArrayNode failed = response.putArray("FailedFindings");
        for (FailedFinding finding : failedFindings) {
            failed.addObject().put("Id", finding.id()).put("ErrorCode", finding.errorCode()).put("ErrorMessage", finding.errorMessage());
        }
        return response;
    }
}
