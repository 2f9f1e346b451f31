package io.muster.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Authentication, authorisation and their limits. */
@ConfigMapping(prefix = "muster.auth")
public interface AuthConfig {

    /**
     * AES-256 key (base64, 32 bytes) that encrypts stored SigV4 secrets. Required on PostgreSQL (every
     * replica needs the same key); on the embedded database Muster creates one in muster.data-dir.
     */
    Optional<String> encryptionKey();

    /** How far a request's X-Amz-Date may be from Muster's clock. */
    @WithDefault("5M")
    Duration maxClockSkew();

    /** How long a rotated secret keeps working beside its replacement. */
    @WithDefault("24H")
    Duration rotationGrace();

    /**
     * Requests per second one credential (or person) may make; 0 turns the limit off. The default lets one
     * producer import 10,000 findings a second in batches of 100, ten times Security Hub's quota.
     */
    @WithDefault("100")
    int rateLimit();

    /** Requests one credential may make at once above its rate. */
    @WithDefault("200")
    int rateBurst();

    /** How long a dashboard sign-in lasts. */
    @WithDefault("8H")
    Duration sessionTimeout();

    /** Failed sign-ins after which a user name is locked out for {@link #loginLockout()}. */
    @WithDefault("5")
    int loginMaxFailures();

    /** How long a user name stays locked after too many failed sign-ins. */
    @WithDefault("15M")
    Duration loginLockout();

    /** Whether session cookies carry the Secure attribute (turn off only for plain-HTTP development). */
    @WithDefault("true")
    boolean secureCookies();

    /** OpenID Connect sign-in (configure quarkus.oidc.* and set quarkus.oidc.tenant-enabled=true). */
    Oidc oidc();

    interface Oidc {

        /** Claim that holds the user's groups or roles. */
        @WithDefault("groups")
        String roleClaim();

        /** Claim value → Muster role (admin, analyst, producer, viewer), e.g. role-mapping."sec-leads"=admin. */
        Map<String, String> roleMapping();

        /** Claim holding the AwsAccountIds a user may see; absent: every account. */
        Optional<String> accountScopeClaim();
    }
}
