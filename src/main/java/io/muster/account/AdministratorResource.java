package io.muster.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.auth.CurrentCaller;
import io.muster.auth.Permission;
import io.muster.auth.Requires;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * GetAdministratorAccount: for a caller whose account is an associated member, its administrator — Muster's own
 * account; for any other caller an empty answer, as AWS gives an account that has no administrator.
 */
@Path("/administrator")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class AdministratorResource {

    @Inject
    Members members;

    @Inject
    CurrentCaller caller;

    @GET
    @Requires(value = Permission.READ_FINDINGS, operation = "GetAdministratorAccount")
    public String get() {
        ObjectNode answer = Json.object();
        members.membershipOf(caller.get()).ifPresent(member -> invitation(answer.putObject("Administrator"), member,
                members.administratorId()));
        return Json.write(answer);
    }

    /** Security Hub's Invitation for a member: its administrator, when it was associated and its status; no InvitationId. */
    static void invitation(ObjectNode into, Member member, String administratorId) {
        into.put("AccountId", administratorId).put("InvitedAt", member.invitedAt().toString()).put("MemberStatus", member.status());
    }
}
