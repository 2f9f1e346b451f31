package io.muster.action;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.api.OffsetPage;
import io.muster.api.RequestBodies;
import io.muster.auth.CurrentCaller;
import io.muster.auth.Permission;
import io.muster.auth.Requires;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Security Hub's action target operations on its paths (greedy ARNs), and invoking one (extension). */
@Path("/actionTargets")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class ActionTargetResource {

    private static final int MAX_BODY = 1024 * 1024;

    @Inject
    ActionTargets targets;

    @Inject
    ActionInvocations invocations;

    @Inject
    CurrentCaller caller;

    @POST
    @Requires(value = Permission.ADMINISTER, operation = "CreateActionTarget", changesState = true)
    public String create(InputStream body) {
        ActionTarget target = targets.create(JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "CreateActionTarget")));
        return Json.write(Json.object().put("ActionTargetArn", target.arn()));
    }

    @POST
    @Path("/get")
    @Requires(value = Permission.READ_FINDINGS, operation = "DescribeActionTargets")
    public String describe(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "DescribeActionTargets"))
                .allowOnly("ActionTargetArns", "NextToken", "MaxResults");
        List<String> arns = new ArrayList<>();
        JsonInput list = request.member("ActionTargetArns");
        if (list.isPresent()) {
            list.elements(0, 100).forEach(arn -> arns.add(arn.require().text(1, 2048)));
        }
        Integer maxResults = request.member("MaxResults").integer(1, 100);
        OffsetPage<ActionTarget> page = OffsetPage.of(targets.describe(arns), request.member("NextToken").text(),
                maxResults == null ? 100 : maxResults);
        ObjectNode answer = Json.object();
        ArrayNode found = answer.putArray("ActionTargets");
        page.items().forEach(target -> found.addObject().put("ActionTargetArn", target.arn()).put("Name", target.name())
                .put("Description", target.description()));
        if (page.nextToken() != null) {
            answer.put("NextToken", page.nextToken());
        }
        return Json.write(answer);
    }

    @POST
    @Path("/invoke")
    @Requires(value = Permission.INVOKE_ACTIONS, operation = "InvokeActionTarget", changesState = true)
    public String invoke(InputStream body) {
        ActionInvocations.Invocation invocation = invocations.invoke(
                JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "InvokeActionTarget")), caller.get().scope());
        ObjectNode answer = Json.object().put("ActionTargetArn", invocation.target().arn());
        ArrayNode ids = answer.putArray("EventIds");
        invocation.eventIds().forEach(ids::add);
        return Json.write(answer.put("Findings", invocation.findings()));
    }

    @PATCH
    @Path("/{actionTargetArn: .+}")
    @Requires(value = Permission.ADMINISTER, operation = "UpdateActionTarget", changesState = true)
    public String update(@PathParam("actionTargetArn") String arn, InputStream body) {
        targets.update(arn, JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "UpdateActionTarget")));
        return "{}";
    }

    @DELETE
    @Path("/{actionTargetArn: .+}")
    @Requires(value = Permission.ADMINISTER, operation = "DeleteActionTarget", changesState = true)
    public String delete(@PathParam("actionTargetArn") String arn) {
        targets.delete(arn);
        return Json.write(Json.object().put("ActionTargetArn", arn));
    }
}
