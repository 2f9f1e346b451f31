package io.muster.finding;

import java.util.List;

/** The answer to BatchImportFindings: how many findings were accepted, and why the others were not. */
public record ImportResult(int successCount, List<FailedFinding> failedFindings) {

    /** A refused finding: its Id as sent, an error code and a message naming the member and the rule. */
    public record FailedFinding(String id, String errorCode, String errorMessage) {
    }
}
