package io.muster.auth;

import io.muster.api.ApiException;
import io.muster.api.ErrorCode;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.TenantIdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * People and services that come with a token from the organisation's OpenID Connect provider (configured
 * through {@code quarkus.oidc.*}; off by default). The token is verified by Quarkus OIDC against the
 * provider's keys; the Muster role comes from a claim through {@code muster.auth.oidc.role-mapping}, the
 * most privileged mapped value winning, and a token whose claims map to no role is refused.
 */
@ApplicationScoped
public class OidcCallers {

    private static final Logger LOG = Logger.getLogger(OidcCallers.class);

    @Inject
    TenantIdentityProvider identityProvider;

    @Inject
    AuthConfig config;

    @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "true")
    boolean enabled;

    public boolean isEnabled() {
        return enabled;
    }

    /** The caller of an OpenID Connect bearer token. */
    public Caller authenticate(String token) {
        if (!enabled) {
            throw new ApiException(ErrorCode.UnrecognizedClientException, "The bearer token is not a Muster API token (mst_…), "
                    + "and OpenID Connect is not configured");
        }
        SecurityIdentity identity;
        try {
            identity = identityProvider.authenticate(new AccessTokenCredential(token)).await().indefinitely();
        } catch (RuntimeException e) {
            LOG.debugf("OpenID Connect token refused: %s", e.getMessage());
            throw new ApiException(ErrorCode.UnrecognizedClientException, "The bearer token could not be verified");
        }
        return fromIdentity(identity);
    }

    /** The caller of an identity Quarkus OIDC established (bearer token or sign-in). */
    public Caller fromIdentity(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            throw new ApiException(ErrorCode.InvalidAccessException, "Not signed in through OpenID Connect");
        }
        Principal principal = identity.getPrincipal();
        JsonWebToken jwt = principal instanceof JsonWebToken token ? token : null;
        Set<String> claimed = new HashSet<>(jwt == null ? List.of() : strings(jwt.getClaim(config.oidc().roleClaim())));
        claimed.addAll(identity.getRoles());
        Role role = null;
        for (String value : claimed) {
            String mapped = config.oidc().roleMapping().get(value);
            if (mapped == null) {
                continue;
            }
            Role candidate = Role.valueOf(mapped.trim().toUpperCase(Locale.ROOT));
            if (role == null || candidate.ordinal() < role.ordinal()) {
                role = candidate;
            }
        }
        String name = jwt != null && jwt.getClaim("preferred_username") != null ? jwt.getClaim("preferred_username").toString()
                : principal.getName();
        if (role == null) {
            throw new ApiException(ErrorCode.AccessDeniedException, "oidc/" + name + " has no Muster role: none of its "
                    + config.oidc().roleClaim() + " values is mapped in muster.auth.oidc.role-mapping");
        }
        Set<String> accounts = new HashSet<>();
        Optional<String> scopeClaim = config.oidc().accountScopeClaim();
        if (scopeClaim.isPresent() && jwt != null) {
            accounts.addAll(strings(jwt.getClaim(scopeClaim.get())));
        }
        return new Caller("oidc/" + name, "oidc/" + name, role, new AccessScope(accounts, Set.of()));
    }

    private static List<String> strings(Object claim) {
        List<String> values = new ArrayList<>();
        if (claim instanceof Collection<?> collection) {
            collection.forEach(v -> values.add(unquote(v.toString())));
        } else if (claim instanceof jakarta.json.JsonArray array) {
            array.forEach(v -> values.add(unquote(v.toString())));
        } else if (claim != null) {
            for (String value : unquote(claim.toString()).split("[,\\s]+")) {
                if (!value.isBlank()) {
                    values.add(value);
                }
            }
        }
        return values;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
