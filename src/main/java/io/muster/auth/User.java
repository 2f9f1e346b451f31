package io.muster.auth;

import java.time.Instant;

/** A person who signs in to the dashboard. */
public record User(String userName, String passwordHash, Role role, AccessScope scope, Status status, Instant createdAt,
        String createdBy) {

    public enum Status {
        ACTIVE,
        DISABLED
    }

    public Caller caller() {
        return new Caller("user/" + userName, "user/" + userName, role, scope);
    }
}
