package io.muster.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.finding.ImportResult;
import java.util.List;

/**
 * The outcome of a format import or a stream message: how many findings were stored, how many records
 * were refused, and the first refused ones with their reasons (a document of 100,000 bad records is not
 * answered with 100,000 messages).
 */
public record IngestSummary(int successCount, int failedCount, List<ImportResult.FailedFinding> failedFindings) {

    /** How many refused records are counted but not listed. */
    public int omitted() {
        return failedCount - failedFindings.size();
    }

    /** BatchImportFindings' response shape, with {@code FailedFindingsOmitted} when the list was cut short. */
    public ObjectNode toResponse() {
        ObjectNode response = Json.object().put("FailedCount", failedCount).put("SuccessCount", successCount);
        ArrayNode failed = response.putArray("FailedFindings");
        for (ImportResult.FailedFinding finding : failedFindings) {
            failed.addObject().put("Id", finding.id()).put("ErrorCode", finding.errorCode()).put("ErrorMessage", finding.errorMessage());
        }
        if (omitted() > 0) {
            response.put("FailedFindingsOmitted", omitted());
        }
        return response;
    }
}
