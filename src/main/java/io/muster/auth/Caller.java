package io.muster.auth;

/**
 * Who is calling, once authenticated: a display identity (recorded in history and the audit log), the
 * credential or user behind it, its role, its scope, and the Region the request was made to (the Region
 * of a SigV4 signature's credential scope; {@code null} for tokens, sessions and internal callers, which
 * act in Muster's own Region).
 */
public record Caller(String identity, String credentialId, Role role, AccessScope scope, String region) {

    public Caller(String identity, String credentialId, Role role, AccessScope scope) {
        this(identity, credentialId, role, scope, null);
    }

    public boolean may(Permission permission) {
        return role.allows(permission);
    }

    /** The same caller, acting in {@code region}. */
    public Caller inRegion(String region) {
        return new Caller(identity, credentialId, role, scope, region);
    }

    /** The Region this call acts in: the signed Region, or {@code fallback} (Muster's own). */
    public String regionOr(String fallback) {
        return region == null || region.isBlank() ? fallback : region;
    }

    /**
     * The account the caller acts as, where an operation is about "the caller's account" (DescribeHub,
     * ListEnabledProductsForImport …): the one account of a credential scoped to a single account, else
     * {@code fallback} (Muster's own account).
     */
    public String accountOr(String fallback) {
        return scope.accounts().size() == 1 ? scope.accounts().iterator().next() : fallback;
    }
}
