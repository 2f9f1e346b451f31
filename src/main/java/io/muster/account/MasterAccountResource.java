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

/** GetMasterAccount: AWS's deprecated name for GetAdministratorAccount, answering {@code Master} with the same Invitation. */
@Path("/master")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class MasterAccountResource {

    @Inject
    Members members;

    @Inject
    CurrentCaller caller;

    @GET
    @Requires(value = Permission.READ_FINDINGS, operation = "GetMasterAccount")
    public String get() {
        ObjectNode answer = Json.object();
        members.membershipOf(caller.get()).ifPresent(member -> AdministratorResource.invitation(answer.putObject("Master"), member,
                members.administratorId()));
        return Json.write(answer);
    }
}
