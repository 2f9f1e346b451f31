package io.muster.finding;

import io.muster.auth.Caller;

/**
 * A check the import pipeline makes of every valid finding before it stores anything, beyond the caller's
 * scope: whether the hub is enabled for the finding's account in the caller's Region, whether import from
 * its product is enabled. A refusal comes back to the producer in {@code FailedFindings}, as Security Hub
 * answers a finding it will not take.
 */
public interface ImportAdmission {

    /** Why this finding may not be imported, or {@code null} to admit it. */
    Refusal refusal(Caller caller, String awsAccountId, String productArn);

    /** The {@code ErrorCode} and {@code ErrorMessage} of a refused finding. */
    record Refusal(String errorCode, String message) {
    }
}
