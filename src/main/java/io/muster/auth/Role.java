package io.muster.auth;

import java.util.EnumSet;
import java.util.Set;

/** The four roles a credential or a person has. */
public enum Role {
    /** Everything, including credentials, users, packs, rules and targets. */
    ADMIN(EnumSet.allOf(Permission.class)),
    /** Reads, updates findings, manages insights and invokes actions. */
    ANALYST(EnumSet.of(Permission.DESCRIBE_API, Permission.READ_FINDINGS, Permission.UPDATE_FINDINGS, Permission.MANAGE_INSIGHTS,
            Permission.INVOKE_ACTIONS)),
    /**
     * What a detector needs: imports findings and reads them back (within its scope) — Prowler, like every
     * exporter that archives what it no longer reports, pages GetFindings with the same identity it imports with.
     */
    PRODUCER(EnumSet.of(Permission.DESCRIBE_API, Permission.IMPORT_FINDINGS, Permission.READ_FINDINGS)),
    /** Reads only. */
    VIEWER(EnumSet.of(Permission.DESCRIBE_API, Permission.READ_FINDINGS));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public boolean allows(Permission permission) {
        return permissions.contains(permission);
    }
}
