package io.muster.account;

import java.time.Instant;

/**
 * An account in Muster's registry: Security Hub's Member (whose administrator is always Muster's own account),
 * with Muster's optional account name.
 *
 * @param status    Security Hub's MemberStatus: {@link Members#ENABLED} once created, {@link Members#REMOVED}
 *                  after DisassociateMembers
 * @param invitedAt when the account was (last) associated; Muster sends no invitations
 */
public record Member(String accountId, String email, String accountName, String status, Instant invitedAt, Instant updatedAt) {

    public boolean isAssociated() {
        return Members.ENABLED.equals(status);
    }
}
