package io.muster.api;

/**
 * The error shapes of the Security Hub API (botocore model, 2018-10-26) with their HTTP statuses.
 * Clients read the code from the {@code x-amzn-ErrorType} header, so these names are part of the wire
 * format: the AWS SDKs turn them into typed exceptions.
 */
public enum ErrorCode {
    InvalidInputException(400),
    InvalidAccessException(401),
    AccessDeniedException(403),
    ResourceNotFoundException(404),
    ResourceConflictException(409),
    ResourceInUseException(400),
    LimitExceededException(429),
    InternalException(500);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
