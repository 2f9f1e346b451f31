package io.muster.api;

/**
 * A request that Muster refuses, in Security Hub's terms: the code becomes the {@code x-amzn-ErrorType}
 * header and the {@code Code} member, the message the {@code Message} member. The HTTP status is the
 * code's own unless a more precise one is given (413 for an oversized body, 405, 415).
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final int status;

    public ApiException(ErrorCode code, String message) {
        this(code, code.status(), message);
    }

    public ApiException(ErrorCode code, int status, String message) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    public static ApiException invalidInput(String message) {
        return new ApiException(ErrorCode.InvalidInputException, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(ErrorCode.ResourceNotFoundException, message);
    }

    public ErrorCode code() {
        return code;
    }

    public int status() {
        return status;
    }
}
