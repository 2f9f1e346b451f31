package io.muster.auth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** GetCaller (extension): who the caller is, its role, permissions and accounts — what the dashboard shows or hides by. */
@Path("/caller")
@Produces(MediaType.APPLICATION_JSON)
public class CallerResource {

    @Inject
    CurrentCaller caller;

    @GET
    @Requires(value = Permission.DESCRIBE_API, operation = "GetCaller")
    public String get() {
        Caller current = caller.get();
        ObjectNode answer = Json.object().put("Identity", current.identity()).put("Role", current.role().name());
        ArrayNode permissions = answer.putArray("Permissions");
        for (Permission permission : Permission.values()) {
            if (current.may(permission)) {
                permissions.add(permission.name());
            }
        }
        ArrayNode accounts = answer.putArray("AwsAccountIds");
        current.scope().sortedAccounts().forEach(accounts::add);
        return Json.write(answer);
    }
}
