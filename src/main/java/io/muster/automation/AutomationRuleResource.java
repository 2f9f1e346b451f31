package io.muster.automation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.api.OffsetPage;
import io.muster.api.QueryParameters;
import io.muster.api.RequestBodies;
import io.muster.auth.CurrentCaller;
import io.muster.auth.Permission;
import io.muster.auth.Requires;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Security Hub's automation rule operations, on its paths and in its shapes. */
@Path("/automationrules")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class AutomationRuleResource {

    private static final int MAX_BODY = 1024 * 1024;

    @Inject
    AutomationRules rules;

    @Inject
    CurrentCaller caller;

    @POST
    @Path("/create")
    @Requires(value = Permission.ADMINISTER, operation = "CreateAutomationRule", changesState = true)
    public String create(InputStream body) {
        AutomationRule rule = rules.create(JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "CreateAutomationRule")),
                caller.get().identity());
        return Json.write(Json.object().put("RuleArn", rule.arn()));
    }

    @POST
    @Path("/get")
    @Requires(value = Permission.READ_FINDINGS, operation = "BatchGetAutomationRules")
    public String batchGet(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "BatchGetAutomationRules"))
                .allowOnly("AutomationRulesArns");
        List<AutomationRules.Unprocessed> unprocessed = new ArrayList<>();
        List<AutomationRule> found = rules.get(arns(request.member("AutomationRulesArns")), unprocessed);
        ObjectNode answer = Json.object();
        ArrayNode list = answer.putArray("Rules");
        found.forEach(rule -> list.add(config(rule)));
        unprocessedTo(answer, unprocessed);
        return Json.write(answer);
    }

    @PATCH
    @Path("/update")
    @Requires(value = Permission.ADMINISTER, operation = "BatchUpdateAutomationRules", changesState = true)
    public String batchUpdate(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "BatchUpdateAutomationRules"))
                .allowOnly("UpdateAutomationRulesRequestItems");
        List<AutomationRules.Unprocessed> unprocessed = new ArrayList<>();
        List<String> updated = rules.update(request.member("UpdateAutomationRulesRequestItems").require().elements(1, 100),
                unprocessed);
        return Json.write(processed(updated, unprocessed));
    }

    @POST
    @Path("/delete")
    @Requires(value = Permission.ADMINISTER, operation = "BatchDeleteAutomationRules", changesState = true)
    public String batchDelete(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "BatchDeleteAutomationRules"))
                .allowOnly("AutomationRulesArns");
        List<AutomationRules.Unprocessed> unprocessed = new ArrayList<>();
        List<String> deleted = rules.delete(arns(request.member("AutomationRulesArns")), unprocessed);
        return Json.write(processed(deleted, unprocessed));
    }

    @GET
    @Path("/list")
    @Requires(value = Permission.READ_FINDINGS, operation = "ListAutomationRules")
    public String list(@QueryParam("MaxResults") String maxResults, @QueryParam("NextToken") String nextToken) {
        int limit = QueryParameters.maxResults(maxResults, 100, 100);
        OffsetPage<AutomationRule> page = OffsetPage.of(rules.list(), nextToken, limit);
        ObjectNode answer = Json.object();
        ArrayNode list = answer.putArray("AutomationRulesMetadata");
        page.items().forEach(rule -> list.add(metadata(rule)));
        if (page.nextToken() != null) {
            answer.put("NextToken", page.nextToken());
        }
        return Json.write(answer);
    }

    private static List<String> arns(JsonInput list) {
        List<String> arns = new ArrayList<>();
        for (JsonInput arn : list.require().elements(1, 100)) {
            arns.add(arn.require().text(1, 256));
        }
        return arns;
    }

    private static ObjectNode processed(List<String> arns, List<AutomationRules.Unprocessed> unprocessed) {
        ObjectNode answer = Json.object();
        ArrayNode list = answer.putArray("ProcessedAutomationRules");
        arns.forEach(list::add);
        unprocessedTo(answer, unprocessed);
        return answer;
    }

    private static void unprocessedTo(ObjectNode answer, List<AutomationRules.Unprocessed> unprocessed) {
        ArrayNode list = answer.putArray("UnprocessedAutomationRules");
        for (AutomationRules.Unprocessed item : unprocessed) {
            list.addObject().put("RuleArn", item.arn()).put("ErrorCode", item.errorCode()).put("ErrorMessage", item.errorMessage());
        }
    }

    private static ObjectNode metadata(AutomationRule rule) {
        return Json.object().put("RuleArn", rule.arn()).put("RuleStatus", rule.status().name()).put("RuleOrder", rule.order())
                .put("RuleName", rule.name()).put("Description", rule.description()).put("IsTerminal", rule.terminal())
                .put("CreatedAt", rule.createdAt().toString()).put("UpdatedAt", rule.updatedAt().toString())
                .put("CreatedBy", rule.createdBy());
    }

    private static ObjectNode config(AutomationRule rule) {
        ObjectNode config = metadata(rule);
        config.set("Criteria", rule.criteria());
        config.set("Actions", rule.actions());
        return config;
    }
}
