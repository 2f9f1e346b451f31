package io.muster.auth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.api.RequestBodies;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.Set;

/** Extension: the people who sign in to the dashboard, managed by administrators. */
@Path("/users")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    @Inject
    Users users;

    @Inject
    Sessions sessions;

    @Inject
    CurrentCaller caller;

    @POST
    @Requires(value = Permission.ADMINISTER, operation = "CreateUser", changesState = true)
    public String create(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, 64 * 1024, "CreateUser"))
                .allowOnly("UserName", "Password", "Role", "AccountScope");
        User user = users.create(request.member("UserName").require().text(), request.member("Password").require().text(),
                request.member("Role").require().enumValue(Role.class),
                AccessScope.validated(CredentialResource.strings(request.member("AccountScope")), Set.of()), caller.get().identity());
        return Json.write(Json.object().set("User", summary(user)));
    }

    @GET
    @Requires(value = Permission.ADMINISTER, operation = "ListUsers")
    public String list() {
        ObjectNode answer = Json.object();
        ArrayNode list = answer.putArray("Users");
        users.list().forEach(u -> list.add(summary(u)));
        return Json.write(answer);
    }

    @PATCH
    @Path("/{userName}")
    @Requires(value = Permission.ADMINISTER, operation = "UpdateUser", changesState = true)
    public String update(@PathParam("userName") String userName, InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, 64 * 1024, "UpdateUser"))
                .allowOnly("Password", "Role", "AccountScope", "Status");
        JsonInput scope = request.member("AccountScope");
        User user = users.change(userName, request.member("Password").text(), request.member("Role").enumValue(Role.class),
                scope.isPresent() ? AccessScope.validated(CredentialResource.strings(scope), Set.of()) : null,
                request.member("Status").enumValue(User.Status.class));
        if (user.status() != User.Status.ACTIVE || request.member("Password").isPresent()) {
            sessions.endAll(userName);
        }
        return Json.write(Json.object().set("User", summary(user)));
    }

    @DELETE
    @Path("/{userName}")
    @Requires(value = Permission.ADMINISTER, operation = "DeleteUser", changesState = true)
    public String delete(@PathParam("userName") String userName) {
        users.delete(userName);
        sessions.endAll(userName);
        return Json.write(Json.object().put("UserName", userName));
    }

    private static ObjectNode summary(User user) {
        ObjectNode summary = Json.object().put("UserName", user.userName()).put("Role", user.role().name())
                .put("Status", user.status().name()).put("CreatedAt", user.createdAt().toString()).put("CreatedBy", user.createdBy());
        user.scope().accounts().stream().sorted().forEach(a -> summary.withArray("AccountScope").add(a));
        return summary;
    }
}
