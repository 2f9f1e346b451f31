package io.muster.auth;

import java.time.Instant;

/**
 * A stored credential. {@code secret} is the encrypted SigV4 secret of an access key, or the SHA-256 of
 * an API token; {@code previousSecret} the one it replaced, valid until {@code previousExpiresAt}.
 */
public record Credential(String id, Kind kind, String name, Role role, AccessScope scope, String secret,
        String previousSecret, Instant previousExpiresAt, Status status, Instant createdAt, String createdBy,
        Instant rotatedAt, Instant revokedAt) {

    public enum Kind {
        /** An access key id and secret access key, used to sign requests with SigV4. */
        ACCESS_KEY,
        /** An API token sent as {@code Authorization: Bearer mst_…}. */
        TOKEN
    }

    public enum Status {
        ACTIVE,
        REVOKED
    }

    /** The caller this credential authenticates. */
    public Caller caller() {
        return new Caller(kind == Kind.ACCESS_KEY ? "access-key/" + id + " (" + name + ")" : "token/" + id + " (" + name + ")",
                id, role, scope);
    }

    /** Whether the previous secret still works at {@code now}. */
    public boolean previousValidAt(Instant now) {
        return previousSecret != null && previousExpiresAt != null && now.isBefore(previousExpiresAt);
    }
}
