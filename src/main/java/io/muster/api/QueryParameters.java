package io.muster.api;

/** Reading the query parameters of Security Hub's GET operations, with its errors. */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** The {@code MaxResults} query parameter: absent means {@code defaultValue}; otherwise 1 to {@code max}. */
    public static int maxResults(String raw, int defaultValue, int max) {
        if (raw == null) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            value = 0;
        }
        if (value < 1 || value > max) {
            throw ApiException.invalidInput("MaxResults must be between 1 and " + max + ", not '" + raw + "'");
        }
        return value;
    }
}
