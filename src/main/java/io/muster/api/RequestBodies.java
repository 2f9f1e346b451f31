package io.muster.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads request bodies with an upper bound, so an oversized request is refused before it fills memory. */
public final class RequestBodies {

    private RequestBodies() {
    }

    public static byte[] read(InputStream in, int limit, String operation) {
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 64 * 1024));
            byte[] buffer = new byte[16 * 1024];
            int total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > limit) {
                    throw tooLarge(operation, limit);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw ApiException.invalidInput("Request body could not be read: " + e.getMessage());
        }
    }

    public static ApiException tooLarge(String operation, long limit) {
        return tooLarge(operation, limit, "");
    }

    /** The same refusal, with what happened before the limit was reached ({@code "; 500 findings … were stored"}). */
    public static ApiException tooLarge(String operation, long limit, String outcome) {
        return new ApiException(ErrorCode.LimitExceededException, 413,
                operation + " accepts a request body of at most " + describeBytes(limit) + outcome);
    }

    static String describeBytes(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KB";
        }
        return bytes + " bytes";
    }
}
