package io.muster.auth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ApiException;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.api.RequestBodies;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;

/**
 * Extension: access keys and API tokens, managed by administrators. A secret is in the answer that
 * creates or rotates it, and nowhere else.
 */
@Path("/credentials")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class CredentialResource {

    @Inject
    CredentialService credentials;

    @Inject
    CurrentCaller caller;

    @POST
    @Requires(value = Permission.ADMINISTER, operation = "CreateCredential", changesState = true)
    public String create(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, 256 * 1024, "CreateCredential"))
                .allowOnly("Kind", "Name", "Role", "AccountScope", "ProductScope");
        Credential.Kind kind = request.member("Kind").require().enumValue(Credential.Kind.class);
        String name = request.member("Name").require().text(1, 256);
        Role role = request.member("Role").require().enumValue(Role.class);
        AccessScope scope = new AccessScope(strings(request.member("AccountScope")), strings(request.member("ProductScope")));
        return Json.write(issued(credentials.create(kind, name, role, scope, caller.get().identity())));
    }

    @GET
    @Requires(value = Permission.ADMINISTER, operation = "ListCredentials")
    public String list() {
        ObjectNode answer = Json.object();
        ArrayNode list = answer.putArray("Credentials");
        credentials.list().forEach(c -> list.add(summary(c)));
        return Json.write(answer);
    }

    @POST
    @Path("/{id}/rotate")
    @Requires(value = Permission.ADMINISTER, operation = "RotateCredential", changesState = true)
    public String rotate(@PathParam("id") String id) {
        return Json.write(issued(credentials.rotate(id)));
    }

    @DELETE
    @Path("/{id}")
    @Requires(value = Permission.ADMINISTER, operation = "RevokeCredential", changesState = true)
    public String revoke(@PathParam("id") String id) {
        return Json.write(Json.object().set("Credential", summary(credentials.revoke(id))));
    }

    private static ObjectNode issued(CredentialService.Issued issued) {
        ObjectNode answer = Json.object();
        answer.set("Credential", summary(issued.credential()));
        if (issued.credential().kind() == Credential.Kind.ACCESS_KEY) {
            answer.put("AccessKeyId", issued.credential().id()).put("SecretAccessKey", issued.secret());
        } else {
            answer.put("Token", issued.secret());
        }
        return answer;
    }

    static ObjectNode summary(Credential credential) {
        ObjectNode summary = Json.object()
                .put("Id", credential.id())
                .put("Kind", credential.kind().name())
                .put("Name", credential.name())
                .put("Role", credential.role().name())
                .put("Status", credential.status().name())
                .put("CreatedAt", credential.createdAt().toString())
                .put("CreatedBy", credential.createdBy());
        credential.scope().accounts().stream().sorted().forEach(a -> summary.withArray("AccountScope").add(a));
        credential.scope().products().stream().sorted().forEach(p -> summary.withArray("ProductScope").add(p));
        if (credential.rotatedAt() != null) {
            summary.put("RotatedAt", credential.rotatedAt().toString());
        }
        if (credential.previousExpiresAt() != null) {
            summary.put("PreviousSecretValidUntil", credential.previousExpiresAt().toString());
        }
        if (credential.revokedAt() != null) {
            summary.put("RevokedAt", credential.revokedAt().toString());
        }
        return summary;
    }

    static Set<String> strings(JsonInput list) {
        Set<String> values = new HashSet<>();
        for (JsonInput value : list.elements()) {
            String text = value.require().text();
            if (text.isBlank()) {
                throw ApiException.invalidInput(value.path() + " must not be blank");
            }
            values.add(text);
        }
        return values;
    }
}
