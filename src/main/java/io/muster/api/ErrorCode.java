package io.muster.api;

/**
 * The error codes Muster answers with, and their HTTP statuses: the error shapes of the Security Hub API
 * (botocore model, 2018-10-26), which the AWS SDKs turn into typed exceptions, and the authentication
 * errors AWS endpoints answer before a request reaches the service, which the SDKs and the CLI report by
 * code. Clients read the code from the {@code x-amzn-ErrorType} header, so these names are wire format.
 */
public enum ErrorCode {
    InvalidInputException(400),
    InvalidAccessException(401),
    AccessDeniedException(403),
    ResourceNotFoundException(404),
    ResourceConflictException(409),
    ResourceInUseException(400),
    LimitExceededException(429),
    InternalException(500),
    /** No Authorization header, API token or session. */
    MissingAuthenticationTokenException(403),
    /** A malformed SigV4 Authorization header. */
    IncompleteSignatureException(400),
    /** A SigV4 signature that does not match, or is dated too far from now. */
    InvalidSignatureException(403),
    /** An access key or token Muster does not know, or that was revoked. */
    UnrecognizedClientException(403);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
