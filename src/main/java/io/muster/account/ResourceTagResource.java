package io.muster.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ApiException;
import io.muster.api.ErrorCode;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.api.RequestBodies;
import io.muster.auth.Caller;
import io.muster.auth.CurrentCaller;
import io.muster.auth.Permission;
import io.muster.auth.Requires;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Security Hub's tag operations on {@code /tags/{ResourceArn}}. The AWS SDKs send the ARN URL-encoded as one path
 * segment ({@code %3A}, {@code %2F}); an ARN sent with its slashes as they are is accepted too. The resource's
 * account must be within the caller's scope.
 */
@Path("/tags")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class ResourceTagResource {

    private static final int MAX_BODY = 256 * 1024;

    @Inject
    ResourceTags tags;

    @Inject
    CurrentCaller caller;

    @POST
    @Path("/{resourceArn: .+}")
    @Requires(value = Permission.ADMINISTER, operation = "TagResource", changesState = true)
    public String tag(@PathParam("resourceArn") String arn, InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "TagResource")).allowOnly("Tags");
        JsonInput list = request.member("Tags").require().requireObject();
        Map<String, String> requested = new LinkedHashMap<>();
        list.members().forEach((key, value) -> requested.put(key, value.require().text()));
        authorize(arn, "TagResource");
        tags.tag(arn, requested);
        return "{}";
    }

    @DELETE
    @Path("/{resourceArn: .+}")
    @Requires(value = Permission.ADMINISTER, operation = "UntagResource", changesState = true)
    public String untag(@PathParam("resourceArn") String arn, @QueryParam("tagKeys") List<String> tagKeys) {
        authorize(arn, "UntagResource");
        tags.untag(arn, tagKeys);
        return "{}";
    }

    @GET
    @Path("/{resourceArn: .+}")
    @Requires(value = Permission.READ_FINDINGS, operation = "ListTagsForResource")
    public String list(@PathParam("resourceArn") String arn) {
        authorize(arn, "ListTagsForResource");
        ObjectNode answer = Json.object();
        ObjectNode found = answer.putObject("Tags");
        tags.list(arn).forEach(found::put);
        return Json.write(answer);
    }

    /** Refuses a resource of an account outside the caller's scope, as IAM refuses an action on a resource. */
    private void authorize(String arn, String operation) {
        Caller who = caller.get();
        String account = tags.owner(arn);
        if (!who.scope().allowsAccount(account)) {
            throw new ApiException(ErrorCode.AccessDeniedException, who.identity() + " is not authorized to perform: securityhub:"
                    + operation + " on resource: " + arn);
        }
    }
}
