package io.muster.auth;

/**
 * Who is calling, once authenticated: a display identity (recorded in history and the audit log), the
 * credential or user behind it, its role and its scope.
 */
public record Caller(String identity, String credentialId, Role role, AccessScope scope) {

    public boolean may(Permission permission) {
        return role.allows(permission);
    }
}
