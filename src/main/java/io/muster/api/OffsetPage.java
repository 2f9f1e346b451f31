package io.muster.api;

import java.util.List;

/**
 * One page of a short list held in memory (standards, controls, rules), with Security Hub's opaque
 * {@code NextToken}: the position of the next page, refused if tampered with.
 */
public record OffsetPage<T>(List<T> items, String nextToken) {

    public static <T> OffsetPage<T> of(List<T> all, String nextToken, int maxResults) {
        int offset = 0;
        if (nextToken != null) {
            var token = PageToken.decode(nextToken);
            if (!token.path("o").canConvertToInt() || token.path("o").intValue() < 0) {
                throw PageToken.invalid();
            }
            offset = token.path("o").intValue();
        }
        int from = Math.min(offset, all.size());
        int to = Math.min(from + maxResults, all.size());
        String next = to < all.size() ? PageToken.encode(Json.object().put("o", to)) : null;
        return new OffsetPage<>(all.subList(from, to), next);
    }
}
