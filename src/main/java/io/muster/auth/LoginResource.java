package io.muster.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ApiException;
import io.muster.api.ErrorCode;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.api.RequestBodies;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * Signing in and out of the dashboard: a built-in user with a password, or — when configured — the
 * organisation's OpenID Connect provider. Success sets two cookies: {@code muster_session} (HttpOnly,
 * SameSite=Strict) and {@code muster_csrf}, whose value the page sends back as {@code X-CSRF-Token} on every
 * call that changes something.
 */
@Path("/")
public class LoginResource {

    static final String CSRF_COOKIE = "muster_csrf";

    @Inject
    Users users;

    @Inject
    Sessions sessions;

    @Inject
    OidcCallers oidc;

    @Inject
    AuthConfig config;

    @Inject
    AuditLog audit;

    @Inject
    SecurityIdentity identity;

    @GET
    @Path("login")
    @Public
    @Produces(MediaType.TEXT_HTML)
    public String page(@QueryParam("failed") boolean failed) {
        return LoginPage.render(failed, oidc.isEnabled());
    }

    /** A sign-in from the login page's form: on success back to the dashboard, on failure back to the form. */
    @POST
    @Path("login")
    @Public
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signInForm(@FormParam("username") String userName, @FormParam("password") String password,
            @Context HttpServerRequest http) {
        try {
            Sessions.Started session = signIn(userName, password, http);
            return withSession(Response.seeOther(URI.create("/")), session).build();
        } catch (ApiException refused) {
            return Response.seeOther(URI.create("/login?failed=true")).build();
        }
    }

    /** A sign-in from a script or the dashboard's own code: {"UserName", "Password"}. */
    @POST
    @Path("login")
    @Public
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @Produces(MediaType.APPLICATION_JSON)
    public Response signIn(InputStream body, @Context HttpServerRequest http) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, 16 * 1024, "SignIn")).allowOnly("UserName", "Password");
        String userName = request.member("UserName").require().text(1, 128);
        Sessions.Started session = signIn(userName, request.member("Password").require().text(), http);
        User user = users.find(userName).orElseThrow();
        ObjectNode answer = Json.object().put("UserName", user.userName()).put("Role", user.role().name())
                .put("CsrfToken", session.csrfToken()).put("ExpiresAt", session.expiresAt().toString());
        return withSession(Response.ok(Json.write(answer)), session).build();
    }

    /**
     * Ends the session of the browser that asks (the CSRF token must match, so another site cannot sign a
     * user out) and clears its cookies.
     */
    @POST
    @Path("logout")
    @Public
    @Consumes(MediaType.WILDCARD)
    public Response signOut(@CookieParam(AuthFilter.SESSION_COOKIE) String sessionId,
            @HeaderParam(AuthFilter.CSRF_HEADER) String csrf) {
        if (sessionId != null) {
            sessions.find(sessionId, Instant.now()).ifPresent(session -> {
                if (!Secrets.constantTimeEquals(session.csrfToken(), csrf)) {
                    throw new ApiException(ErrorCode.AccessDeniedException, "Missing or wrong " + AuthFilter.CSRF_HEADER + " header");
                }
                sessions.end(sessionId);
            });
        }
        return Response.noContent().cookie(expired(AuthFilter.SESSION_COOKIE, true), expired(CSRF_COOKIE, false)).build();
    }

    /** Starts a sign-in through OpenID Connect, or says that none is configured. */
    @GET
    @Path("login/oidc")
    @Public
    public Response startOidc() {
        if (!oidc.isEnabled()) {
            throw ApiException.notFound("OpenID Connect sign-in is not configured (quarkus.oidc.tenant-enabled)");
        }
        return Response.seeOther(URI.create("/login/oidc/callback")).build();
    }

    /**
     * The end of an OpenID Connect sign-in: Quarkus OIDC runs the authorization code flow (this route
     * requires authentication), and on the way back Muster turns the verified identity into a session.
     */
    @GET
    @Path("login/oidc/callback")
    @Public
    @Authenticated
    public Response signInOidc(@Context HttpServerRequest http) {
        Caller caller = oidc.fromIdentity(identity);
        Sessions.Started session = sessions.startFederated(caller, Instant.now());
        audit.record(new AuditLog.Entry(0, Instant.now(), caller.identity(), caller.credentialId(), caller.role(), "SignIn",
                "GET /login/oidc/callback", "SUCCEEDED", 303, null, remote(http), http.getHeader("User-Agent")));
        return withSession(Response.seeOther(URI.create("/")), session).build();
    }

    private Sessions.Started signIn(String userName, String password, HttpServerRequest http) {
        Instant now = Instant.now();
        try {
            User user = users.signIn(userName == null ? "" : userName, password == null ? "" : password, now);
            Sessions.Started session = sessions.start(user, now);
            audit.record(new AuditLog.Entry(0, now, "user/" + user.userName(), "user/" + user.userName(), user.role(), "SignIn",
                    "POST /login", "SUCCEEDED", 200, null, remote(http), http.getHeader("User-Agent")));
            return session;
        } catch (ApiException refused) {
            audit.record(new AuditLog.Entry(0, now, userName == null || userName.isBlank() ? "unauthenticated" : "user/" + userName,
                    null, null, "SignIn", "POST /login", "DENIED",
                    refused.status(), refused.getMessage(), remote(http), http.getHeader("User-Agent")));
            throw refused;
        }
    }

    private Response.ResponseBuilder withSession(Response.ResponseBuilder response, Sessions.Started session) {
        int maxAge = (int) Duration.between(Instant.now(), session.expiresAt()).getSeconds();
        return response.cookie(cookie(AuthFilter.SESSION_COOKIE, session.sessionId(), maxAge, true),
                cookie(CSRF_COOKIE, session.csrfToken(), maxAge, false));
    }

    private NewCookie cookie(String name, String value, int maxAge, boolean httpOnly) {
        return new NewCookie.Builder(name).value(value).path("/").maxAge(maxAge).httpOnly(httpOnly)
                .secure(config.secureCookies()).sameSite(NewCookie.SameSite.STRICT).build();
    }

    private NewCookie expired(String name, boolean httpOnly) {
        return cookie(name, "", 0, httpOnly);
    }

    private static String remote(HttpServerRequest http) {
        return http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
    }
}
