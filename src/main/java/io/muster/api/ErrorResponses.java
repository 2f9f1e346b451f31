package io.muster.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into Security Hub's error shape: header {@code x-amzn-ErrorType}, body
 * {@code {"Code","Message"}}. Refusals of bad input are logged at DEBUG; anything unexpected is logged at
 * ERROR with its cause and answered with a generic {@code InternalException}, so no stack trace leaves
 * the process.
 */
public class ErrorResponses {

    public static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";
    private static final Logger LOG = Logger.getLogger(ErrorResponses.class);

    public static Response of(ErrorCode code, int status, String message) {
        var body = Json.object().put("Code", code.name()).put("Message", message);
        return Response.status(status)
                .header(ERROR_TYPE_HEADER, code.name())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.write(body))
                .build();
    }

    @ServerExceptionMapper
    public Response refused(ApiException e) {
        LOG.debugf("Refused with %s: %s", e.code(), e.getMessage());
        return of(e.code(), e.status(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return refused(ApiException.invalidInput("Request body is not valid JSON: " + JsonInput.describe(e)));
    }

    @ServerExceptionMapper
    public Response noSuchPath(NotFoundException e, ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        return refused(unsupportedOperation(request.getMethod(), path)
                .orElseGet(() -> ApiException.notFound("No operation at " + request.getMethod() + " " + path)));
    }

    /** A Security Hub operation Muster does not implement, named with the reason. */
    private static java.util.Optional<ApiException> unsupportedOperation(String method, String rawPath) {
        return SecurityHubOperations.find(method, rawPath).filter(operation -> !operation.supported())
                .map(SecurityHubOperations::unsupported);
    }

    @ServerExceptionMapper
    public Response wrongMethod(NotAllowedException e, ContainerRequestContext request) {
        var unsupported = unsupportedOperation(request.getMethod(), request.getUriInfo().getRequestUri().getRawPath());
        if (unsupported.isPresent()) {
            return refused(unsupported.get());
        }
        String allowed = String.join(", ", e.getResponse().getAllowedMethods());
        return refused(new ApiException(ErrorCode.InvalidInputException, 405, request.getMethod() + " is not allowed on "
                + request.getUriInfo().getPath() + (allowed.isEmpty() ? "" : "; use " + allowed)));
    }

    @ServerExceptionMapper
    public Response wrongContentType(NotSupportedException e, ContainerRequestContext request) {
        return refused(new ApiException(ErrorCode.InvalidInputException, 415,
                "Content-Type '" + request.getHeaderString("Content-Type") + "' is not supported; send application/json"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 413) {
            return refused(new ApiException(ErrorCode.LimitExceededException, 413, "Request body is too large"));
        }
        if (status >= 400 && status < 500) {
            return refused(new ApiException(ErrorCode.InvalidInputException, status, e.getMessage()));
        }
        return unexpected(e);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("Request failed unexpectedly", e);
        return of(ErrorCode.InternalException, 500, "Internal service failure; the cause is in Muster's log");
    }
}
