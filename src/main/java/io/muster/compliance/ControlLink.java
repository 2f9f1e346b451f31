package io.muster.compliance;

/**
 * That a stored finding counts for one control of one standard, with the finding's verdict: a row of
 * {@code finding_control}.
 *
 * @param status {@link #PASSED}, {@link #UNKNOWN} (WARNING or NOT_AVAILABLE) or {@link #FAILED}
 * @param resourceId the finding's first resource, for counting failing resources
 */
public record ControlLink(String standardKey, String controlId, String awsAccountId, String region, int status,
        String resourceId) {

    public static final int PASSED = 1;
    public static final int UNKNOWN = 2;
    public static final int FAILED = 3;

    /** The counter row this link is counted in. */
    EvaluationKey evaluationKey() {
        return new EvaluationKey(standardKey, controlId, awsAccountId, region);
    }

    /** A row of {@code control_evaluation}; sorted so that transactions update counters in one order. */
    record EvaluationKey(String standardKey, String controlId, String awsAccountId, String region)
            implements Comparable<EvaluationKey> {

        @Override
        public int compareTo(EvaluationKey other) {
            int c = standardKey.compareTo(other.standardKey);
            if (c == 0) {
                c = controlId.compareTo(other.controlId);
            }
            if (c == 0) {
                c = awsAccountId.compareTo(other.awsAccountId);
            }
            return c != 0 ? c : region.compareTo(other.region);
        }
    }
}
