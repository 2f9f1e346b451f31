package io.muster.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
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
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/q/") || path.equals("/login") || path.equals("/logout")) {
            return;
        }
        throw new ApiException(ErrorCode.InvalidInputException, 415,
                "Content-Type '" + contentType + "' is not supported; send the request body as application/json");
    }

    /**
     * Every answer carries a request id, and the headers that keep browsers from sniffing types or framing
     * Muster's pages; HTML pages also get a strict content security policy.
     */
    @ServerResponseFilter
    public void addStandardHeaders(ContainerResponseContext response) {
        var headers = response.getHeaders();
        headers.putSingle(REQUEST_ID_HEADER, UUID.randomUUID().toString());
        headers.putSingle("X-Content-Type-Options", "nosniff");
        headers.putSingle("X-Frame-Options", "DENY");
        headers.putSingle("Referrer-Policy", "no-referrer");
        headers.putSingle("Cache-Control", "no-store");
        MediaType type = response.getMediaType();
        if (type != null && type.isCompatible(MediaType.TEXT_HTML_TYPE)) {
            headers.putSingle("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                    + "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
        }
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
