package io.muster.auth;

import io.muster.api.ApiException;
import io.muster.api.ErrorCode;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Cookie;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Authenticates every request before it reaches a resource, authorises it against the route's
 * {@link Requires} permission, applies the caller's rate limit, and writes the audit log: every refusal,
 * and every call of an operation that changes state. A caller proves who it is with a SigV4 signature
 * (AWS CLI, SDKs, exporters), an API token ({@code Authorization: Bearer mst_…}), an OpenID Connect bearer
 * token, or a dashboard session cookie (with its CSRF token on every call that is not a GET).
 */
public class AuthFilter {

    static final String SESSION_COOKIE = "muster_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Logger LOG = Logger.getLogger(AuthFilter.class);
    private static final String AUDITED = "muster.audited";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    SigV4Verifier sigV4;

    @Inject
    CredentialService credentials;

    @Inject
    Sessions sessions;

    @Inject
    OidcCallers oidc;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    AuditLog audit;

    @Inject
    CurrentCaller current;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public void authenticate(ContainerRequestContext request, ResourceInfo resource, HttpServerRequest http) {
        Method method = resource.getResourceMethod();
        if (method == null || method.isAnnotationPresent(Public.class)) {
            return;
        }
        Requires requires = method.getAnnotation(Requires.class);
        String operation = requires == null ? method.getDeclaringClass().getSimpleName() + "." + method.getName() : requires.operation();
        Caller caller = null;
        try {
            refuseDeclaredOversize(request, requires == null ? Requires.DEFAULT_MAX_BODY_BYTES : requires.maxBodyBytes(), operation);
            caller = authenticate(request, Instant.now());
            rateLimiter.acquire(caller.credentialId());
            if (requires == null) {
                LOG.errorf("Route %s declares no permission; refused", operation);
                throw new ApiException(ErrorCode.AccessDeniedException, operation + " declares no permission and is closed");
            }
            if (!caller.may(requires.value())) {
                throw new ApiException(ErrorCode.AccessDeniedException, "User: " + caller.identity() + " (role "
                        + caller.role().name().toLowerCase(Locale.ROOT) + ") is not authorized to perform: securityhub:" + operation);
            }
            current.set(caller);
        } catch (ApiException refused) {
            request.setProperty(AUDITED, Boolean.TRUE);
            audit.record(new AuditLog.Entry(0, Instant.now(), caller == null ? "unauthenticated" : caller.identity(),
                    caller == null ? claimedCredential(request) : caller.credentialId(), caller == null ? null : caller.role(),
                    operation, target(request), "DENIED", refused.status(), refused.code() + ": " + refused.getMessage(),
                    sourceIp(http), request.getHeaderString("User-Agent")));
            throw refused;
        }
    }

    /** Writes every call of a state-changing operation to the audit log, with its outcome. */
    @ServerResponseFilter
    public void auditChange(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource,
            HttpServerRequest http) {
        Method method = resource.getResourceMethod();
        if (method == null || request.getProperty(AUDITED) != null || !current.isSet()) {
            return;
        }
        Requires requires = method.getAnnotation(Requires.class);
        if (requires == null || !requires.changesState()) {
            return;
        }
        Caller caller = current.get();
        int status = response.getStatus();
        audit.record(new AuditLog.Entry(0, Instant.now(), caller.identity(), caller.credentialId(), caller.role(),
                requires.operation(), target(request), status < 400 ? "SUCCEEDED" : "FAILED", status,
                status < 400 ? null : response.getHeaderString("x-amzn-ErrorType"), sourceIp(http),
                request.getHeaderString("User-Agent")));
    }

    private Caller authenticate(ContainerRequestContext request, Instant now) {
        String authorization = request.getHeaderString("Authorization");
        if (SigV4Verifier.isSigV4(authorization)) {
            return sigV4.verify(new SigV4Verifier.Request(request.getMethod(), rawPath(request),
                    request.getUriInfo().getRequestUri().getRawQuery(), headers(request), () -> {
                        HashedBody body = HashedBody.read(request.getEntityStream());
                        request.setEntityStream(body.replay());
                        return body.sha256Hex();
                    }), now);
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            if (token.startsWith(CredentialService.TOKEN_PREFIX)) {
                return credentials.activeToken(token, now).map(Credential::caller)
                        .orElseThrow(() -> new ApiException(ErrorCode.UnrecognizedClientException,
                                "The API token included in the request is invalid or revoked."));
            }
            return oidc.authenticate(token);
        }
        if (authorization != null) {
            throw new ApiException(ErrorCode.IncompleteSignatureException, "Authorization header must be AWS4-HMAC-SHA256 "
                    + "(SigV4) or Bearer <token>");
        }
        Cookie session = request.getCookies().get(SESSION_COOKIE);
        if (session != null) {
            Sessions.Session signedIn = sessions.find(session.getValue(), now)
                    .orElseThrow(() -> new ApiException(ErrorCode.InvalidAccessException, "Your session has ended; sign in again"));
            if (!SAFE_METHODS.contains(request.getMethod())
                    && !io.muster.auth.Secrets.constantTimeEquals(signedIn.csrfToken(), request.getHeaderString(CSRF_HEADER))) {
                throw new ApiException(ErrorCode.AccessDeniedException, "Missing or wrong " + CSRF_HEADER
                        + " header: a signed-in browser must send the token from the muster_csrf cookie");
            }
            return signedIn.caller();
        }
        throw new ApiException(ErrorCode.MissingAuthenticationTokenException, "Missing Authentication Token: sign the request "
                + "with AWS Signature Version 4 (an access key from Muster), or send an API token as Authorization: Bearer mst_…");
    }

    private static void refuseDeclaredOversize(ContainerRequestContext request, long limit, String operation) {
        long declared = request.getLength();
        if (declared > limit) {
            throw io.muster.api.RequestBodies.tooLarge(operation, limit);
        }
    }

    private static Map<String, List<String>> headers(ContainerRequestContext request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.getHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        return headers;
    }

    private static String rawPath(ContainerRequestContext request) {
        return request.getUriInfo().getRequestUri().getRawPath();
    }

    private static String target(ContainerRequestContext request) {
        return request.getMethod() + " " + rawPath(request);
    }

    private static String claimedCredential(ContainerRequestContext request) {
        String authorization = request.getHeaderString("Authorization");
        if (SigV4Verifier.isSigV4(authorization)) {
            return SigV4Verifier.accessKeyIdOf(authorization).orElse(null);
        }
        if (authorization != null && authorization.contains(CredentialService.TOKEN_PREFIX)) {
            String token = authorization.substring(authorization.indexOf(CredentialService.TOKEN_PREFIX) + 4);
            int end = token.indexOf('_');
            return end > 0 ? token.substring(0, end) : null;
        }
        return null;
    }

    private static String sourceIp(HttpServerRequest http) {
        return http == null || http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
    }
}
