package io.muster.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque NextToken of paginated operations: a small JSON object (the position after the last item
 * returned, and whatever the operation needs to answer the next page the same way), base64url-encoded.
 * A token that was not made by Muster, or that belongs to another request, is refused with
 * InvalidInputException.
 */
public final class PageToken {

    private PageToken() {
    }

    public static String encode(ObjectNode content) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(content).getBytes(StandardCharsets.UTF_8));
    }

    public static ObjectNode decode(String token) {
        try {
            JsonNode content = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(token));
            if (content instanceof ObjectNode object) {
                return object;
            }
        } catch (Exception e) {
            // fall through: any token that does not decode is simply not one of ours
        }
        throw invalid();
    }

    public static ApiException invalid() {
        return ApiException.invalidInput("NextToken is not valid for this request: pass the NextToken of the previous "
                + "response, with the same filters and sort criteria");
    }
}
