package io.muster.outbound;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.MusterConfig;
import io.muster.api.ApiException;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.api.QueryParameters;
import io.muster.api.RequestBodies;
import io.muster.auth.Permission;
import io.muster.auth.Requires;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Outbound automation (extension API, Muster's EventBridge): targets (signed webhooks), rules that route
 * events to them by EventBridge pattern, and the deliveries with their attempts. Administrators only.
 */
@Path("/outbound")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class OutboundResource {

    private static final int MAX_BODY = 256 * 1024;

    @Inject
    OutboundTargets targets;

    @Inject
    OutboundRules rules;

    @Inject
    EventRouter router;

    @Inject
    Deliveries deliveries;

    @Inject
    MusterConfig config;

    @POST
    @Path("/targets")
    @Requires(value = Permission.ADMINISTER, operation = "CreateOutboundTarget", changesState = true)
    public String createTarget(InputStream body) {
        OutboundTargets.WithSecret created = targets.create(JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "CreateOutboundTarget")));
        router.refresh();
        ObjectNode answer = target(created.target());
        if (created.secret() != null) {
            answer.put("Secret", created.secret());
        }
        return Json.write(answer);
    }

    @GET
    @Path("/targets")
    @Requires(value = Permission.ADMINISTER, operation = "ListOutboundTargets")
    public String listTargets() {
        ObjectNode answer = Json.object();
        ArrayNode list = answer.putArray("Targets");
        targets.list().forEach(target -> list.add(target(target)));
        return Json.write(answer);
    }

    @GET
    @Path("/targets/{id}")
    @Requires(value = Permission.ADMINISTER, operation = "GetOutboundTarget")
    public String getTarget(@PathParam("id") String id) {
        return Json.write(target(targets.find(id)));
    }

    @PATCH
    @Path("/targets/{id}")
    @Requires(value = Permission.ADMINISTER, operation = "UpdateOutboundTarget", changesState = true)
    public String updateTarget(@PathParam("id") String id, InputStream body) {
        OutboundTarget target = targets.update(id, JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "UpdateOutboundTarget")));
        router.refresh();
        return Json.write(target(target));
    }

    @DELETE
    @Path("/targets/{id}")
    @Requires(value = Permission.ADMINISTER, operation = "DeleteOutboundTarget", changesState = true)
    public String deleteTarget(@PathParam("id") String id) {
        targets.delete(id, rules.usingTarget(id));
        router.refresh();
        return Json.write(Json.object().put("TargetId", id));
    }

    @POST
    @Path("/targets/{id}/rotate-secret")
    @Requires(value = Permission.ADMINISTER, operation = "RotateOutboundTargetSecret", changesState = true)
    public String rotateSecret(@PathParam("id") String id) {
        OutboundTargets.WithSecret rotated = targets.rotate(id);
        return Json.write(Json.object().put("TargetId", id).put("Secret", rotated.secret())
                .put("PreviousSecretValidUntil", rotated.previousSecretValidUntil().toString()));
    }

    @POST
    @Path("/targets/{id}/test")
    @Requires(value = Permission.ADMINISTER, operation = "TestOutboundTarget", changesState = true)
    public String test(@PathParam("id") String id) {
        long delivery = deliveries.test(id, config.accountId(), config.region());
        return Json.write(delivery(deliveries.find(delivery)));
    }

    @POST
    @Path("/rules")
    @Requires(value = Permission.ADMINISTER, operation = "CreateOutboundRule", changesState = true)
    public String createRule(InputStream body) {
        OutboundRule rule = rules.create(JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "CreateOutboundRule")));
        router.refresh();
        return Json.write(rule(rule));
    }

    @GET
    @Path("/rules")
    @Requires(value = Permission.ADMINISTER, operation = "ListOutboundRules")
    public String listRules() {
        ObjectNode answer = Json.object();
        ArrayNode list = answer.putArray("Rules");
        rules.list().forEach(rule -> list.add(rule(rule)));
        return Json.write(answer);
    }

    @GET
    @Path("/rules/{id}")
    @Requires(value = Permission.ADMINISTER, operation = "GetOutboundRule")
    public String getRule(@PathParam("id") String id) {
        return Json.write(rule(rules.find(id)));
    }

    @PATCH
    @Path("/rules/{id}")
    @Requires(value = Permission.ADMINISTER, operation = "UpdateOutboundRule", changesState = true)
    public String updateRule(@PathParam("id") String id, InputStream body) {
        OutboundRule rule = rules.update(id, JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "UpdateOutboundRule")));
        router.refresh();
        return Json.write(rule(rule));
    }

    @DELETE
    @Path("/rules/{id}")
    @Requires(value = Permission.ADMINISTER, operation = "DeleteOutboundRule", changesState = true)
    public String deleteRule(@PathParam("id") String id) {
        rules.delete(id);
        router.refresh();
        return Json.write(Json.object().put("RuleId", id));
    }

    @GET
    @Path("/deliveries")
    @Requires(value = Permission.ADMINISTER, operation = "ListDeliveries")
    public String listDeliveries(@QueryParam("Status") String status, @QueryParam("TargetId") String targetId,
            @QueryParam("EventId") String eventId, @QueryParam("MaxResults") String maxResults, @QueryParam("NextToken") String nextToken) {
        Deliveries.Page page = deliveries.list(Optional.ofNullable(status), Optional.ofNullable(targetId), Optional.ofNullable(eventId),
                QueryParameters.maxResults(maxResults, 100, 100), nextToken);
        ObjectNode answer = Json.object();
        ArrayNode list = answer.putArray("Deliveries");
        page.deliveries().forEach(delivery -> list.add(delivery(delivery)));
        if (page.nextToken() != null) {
            answer.put("NextToken", page.nextToken());
        }
        return Json.write(answer);
    }

    /**
     * Extension for the analyst who invoked a custom action: where its events stand, target by target —
     * name, status and attempts only, never a target's address or settings.
     */
    @GET
    @Path("/events/{eventId}/deliveries")
    @Requires(value = Permission.INVOKE_ACTIONS, operation = "GetEventDeliveries")
    public String eventDeliveries(@PathParam("eventId") String eventId) {
        if (eventId.length() > 64) {
            throw ApiException.invalidInput("An event id has at most 64 characters");
        }
        Map<String, String> names = targets.list().stream().collect(Collectors.toMap(OutboundTarget::id, OutboundTarget::name));
        ObjectNode answer = Json.object().put("EventId", eventId);
        ArrayNode list = answer.putArray("Deliveries");
        for (Deliveries.Delivery delivery : deliveries.list(Optional.empty(), Optional.empty(), Optional.of(eventId), 100, null).deliveries()) {
            ObjectNode item = list.addObject().put("TargetName", names.getOrDefault(delivery.targetId(), "(deleted target)"))
                    .put("Status", delivery.status()).put("Attempts", delivery.attempts());
            if (delivery.lastStatusCode() != null) {
                item.put("LastStatusCode", delivery.lastStatusCode());
            }
        }
        return Json.write(answer);
    }

    @GET
    @Path("/deliveries/{id}")
    @Requires(value = Permission.ADMINISTER, operation = "GetDelivery")
    public String getDelivery(@PathParam("id") String id) {
        Deliveries.Delivery delivery = deliveries.find(deliveryId(id));
        ObjectNode answer = delivery(delivery);
        ArrayNode attempts = answer.putArray("Attempts");
        for (Deliveries.Attempt attempt : deliveries.attempts(delivery.id())) {
            ObjectNode item = attempts.addObject().put("At", attempt.at().toString()).put("LatencyMillis", attempt.latencyMillis());
            if (attempt.statusCode() != null) {
                item.put("StatusCode", attempt.statusCode());
            }
            if (attempt.error() != null) {
                item.put("Error", attempt.error());
            }
        }
        String payload = deliveries.payload(delivery.eventId());
        if (payload != null) {
            answer.set("Event", Json.readStored(payload));
        }
        return Json.write(answer);
    }

    @POST
    @Path("/deliveries/{id}/redeliver")
    @Requires(value = Permission.ADMINISTER, operation = "Redeliver", changesState = true)
    public String redeliver(@PathParam("id") String id) {
        return Json.write(delivery(deliveries.find(deliveries.redeliver(deliveryId(id)))));
    }

    @POST
    @Path("/events/{eventId}/deliver")
    @Requires(value = Permission.ADMINISTER, operation = "DeliverEvent", changesState = true)
    public String deliverEvent(@PathParam("eventId") String eventId, InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "DeliverEvent")).allowOnly("TargetId");
        long delivery = deliveries.send(eventId, request.member("TargetId").require().text(1, 36));
        return Json.write(delivery(deliveries.find(delivery)));
    }

    private static long deliveryId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("No delivery has the id '" + id + "'; delivery ids are numbers");
        }
    }

    private static ObjectNode target(OutboundTarget target) {
        ObjectNode node = Json.object().put("TargetId", target.id()).put("Name", target.name()).put("Kind", target.kind().name());
        if (target.url() != null) {
            node.put("Url", target.url());
        }
        if (target.headers() != null) {
            node.set("Headers", target.headers().deepCopy());
        }
        if (target.channel() != null) {
            node.put("Channel", target.channel());
        }
        node.put("TimeoutSeconds", target.timeoutMillis() / 1000).put("Status", target.status().name());
        if (target.statusReason() != null) {
            node.put("StatusReason", target.statusReason());
        }
        return node.put("CreatedAt", target.createdAt().toString()).put("UpdatedAt", target.updatedAt().toString());
    }

    private static ObjectNode rule(OutboundRule rule) {
        ObjectNode node = Json.object().put("RuleId", rule.id()).put("Name", rule.name());
        node.set("EventPattern", rule.eventPattern().deepCopy());
        ArrayNode ids = node.putArray("Targets");
        rule.targetIds().forEach(ids::add);
        return node.put("Enabled", rule.enabled()).put("CreatedAt", rule.createdAt().toString()).put("UpdatedAt", rule.updatedAt().toString());
    }

    private static ObjectNode delivery(Deliveries.Delivery delivery) {
        ObjectNode node = Json.object().put("DeliveryId", delivery.id()).put("EventId", delivery.eventId())
                .put("TargetId", delivery.targetId());
        if (delivery.ruleId() != null) {
            node.put("RuleId", delivery.ruleId());
        }
        node.put("Status", delivery.status()).put("Attempts", delivery.attempts());
        putTime(node, "NextAttemptAt", delivery.nextAttemptAt());
        if (delivery.lastStatusCode() != null) {
            node.put("LastStatusCode", delivery.lastStatusCode());
        }
        if (delivery.lastError() != null) {
            node.put("LastError", delivery.lastError());
        }
        putTime(node, "CreatedAt", delivery.createdAt());
        putTime(node, "FinishedAt", delivery.finishedAt());
        return node;
    }

    private static void putTime(ObjectNode node, String name, Instant time) {
        if (time != null) {
            node.put(name, time.toString());
        }
    }
}
