package io.muster.priority;

import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.api.RequestBodies;
import io.muster.auth.CurrentCaller;
import io.muster.auth.Permission;
import io.muster.auth.Requires;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/** Risk aggregates (extension): the riskiest resources and accounts by the priority of their open findings. */
@Path("/risk")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class RiskResource {

    private static final int MAX_BODY = 1024 * 1024;

    @Inject
    RiskAggregates aggregates;

    @Inject
    CurrentCaller caller;

    @POST
    @Path("/resources")
    @Requires(value = Permission.READ_FINDINGS, operation = "GetRiskiestResources")
    public String resources(InputStream body) {
        return rank(RiskAggregates.Grouping.RESOURCES, body, "GetRiskiestResources");
    }

    @POST
    @Path("/accounts")
    @Requires(value = Permission.READ_FINDINGS, operation = "GetRiskiestAccounts")
    public String accounts(InputStream body) {
        return rank(RiskAggregates.Grouping.ACCOUNTS, body, "GetRiskiestAccounts");
    }

    private String rank(RiskAggregates.Grouping grouping, InputStream body, String operation) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, operation));
        return Json.write(aggregates.rank(grouping, request, caller.get().scope()));
    }
}
