package io.muster.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Locale;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * What every API call shares on the wire: bodies are JSON (the AWS SDKs send {@code application/json} or
 * {@code application/x-amz-json-1.1}; some tools send none), and every answer carries a request id as
 * Security Hub's does.
 */
public class WireFilters {

    public static final String REQUEST_ID_HEADER = "x-amzn-RequestId";

    @ServerRequestFilter(preMatching = true)
    public void requireJsonBody(ContainerRequestContext request) {
        String contentType = request.getHeaderString("Content-Type");
        if (contentType == null || contentType.isBlank() || !request.hasEntity() || isJson(contentType)) {
            return;
        }
        if (request.getUriInfo().getPath().startsWith("/q/")) {
            return;
        }
        throw new ApiException(ErrorCode.InvalidInputException, 415,
                "Content-Type '" + contentType + "' is not supported; send the request body as application/json");
    }

    @ServerResponseFilter
    public void addRequestId(ContainerResponseContext response) {
        response.getHeaders().putSingle(REQUEST_ID_HEADER, UUID.randomUUID().toString());
    }

    static boolean isJson(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        if (semicolon >= 0) {
            type = type.substring(0, semicolon);
        }
        type = type.trim();
        return type.equals("application/json") || type.startsWith("application/x-amz-json")
                || type.endsWith("+json") || type.equals("text/json");
    }
}
