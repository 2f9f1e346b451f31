package io.muster.compliance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ApiException;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.api.OffsetPage;
import io.muster.api.QueryParameters;
import io.muster.api.RequestBodies;
import io.muster.auth.Permission;
import io.muster.auth.Requires;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Security Hub's standards operations, on its paths and in its shapes. */
@Path("/standards")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class StandardsResource {

    private static final int MAX_BODY = 256 * 1024;

    @Inject
    Standards standards;

    @Inject
    Subscriptions subscriptions;

    @Inject
    ComplianceArns arns;

    @GET
    @Requires(value = Permission.READ_FINDINGS, operation = "DescribeStandards")
    public String describeStandards(@QueryParam("MaxResults") String maxResults, @QueryParam("NextToken") String nextToken) {
        OffsetPage<CompliancePack> page = OffsetPage.of(standards.packs(), nextToken, QueryParameters.maxResults(maxResults, 100, 100));
        ObjectNode answer = Json.object();
        ArrayNode list = answer.putArray("Standards");
        for (CompliancePack pack : page.items()) {
            ObjectNode standard = list.addObject().put("StandardsArn", pack.standardsArn()).put("Name", pack.name())
                    .put("Description", pack.description()).put("EnabledByDefault", pack.enabledByDefault());
            standard.putObject("StandardsManagedBy").put("Company", pack.provider().equals("Other") ? "Muster" : pack.provider())
                    .put("Product", "Security Hub");
        }
        return paged(answer, page.nextToken());
    }

    @POST
    @Path("/register")
    @Requires(value = Permission.ADMINISTER, operation = "BatchEnableStandards", changesState = true)
    public String batchEnableStandards(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "BatchEnableStandards"))
                .allowOnly("StandardsSubscriptionRequests");
        Map<CompliancePack, ObjectNode> toEnable = new LinkedHashMap<>();
        for (JsonInput item : request.member("StandardsSubscriptionRequests").require().elements(1, 25)) {
            item.requireObject().allowOnly("StandardsArn", "StandardsInput");
            String arn = item.member("StandardsArn").require().text(1, 2048);
            CompliancePack pack = standards.byArn(arn).orElseThrow(() -> ApiException.invalidInput(item.member("StandardsArn").path()
                    + ": no standard has the ARN '" + arn + "'; DescribeStandards lists the standards Muster has"));
            JsonInput input = item.member("StandardsInput");
            ObjectNode standardsInput = input.isPresent() ? (ObjectNode) input.requireObject().node() : Json.object();
            standardsInput.fields().forEachRemaining(entry -> {
                if (!entry.getValue().isTextual()) {
                    throw ApiException.invalidInput(input.path() + "." + entry.getKey() + " must be a string");
                }
            });
            toEnable.put(pack, standardsInput);
        }
        ObjectNode answer = Json.object();
        ArrayNode list = answer.putArray("StandardsSubscriptions");
        toEnable.forEach((pack, input) -> {
            subscriptions.enable(pack.key(), input);
            list.add(subscription(pack, input, "READY"));
        });
        return Json.write(answer);
    }

    @POST
    @Path("/deregister")
    @Requires(value = Permission.ADMINISTER, operation = "BatchDisableStandards", changesState = true)
    public String batchDisableStandards(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "BatchDisableStandards"))
                .allowOnly("StandardsSubscriptionArns");
        Map<String, Subscriptions.Subscription> enabled = subscriptions.enabled();
        List<CompliancePack> toDisable = new ArrayList<>();
        for (JsonInput item : request.member("StandardsSubscriptionArns").require().elements(1, 25)) {
            String arn = item.require().text(1, 2048);
            CompliancePack pack = arns.standardOfSubscription(arn).filter(p -> enabled.containsKey(p.key()))
                    .orElseThrow(() -> ApiException.invalidInput(item.path() + ": '" + arn
                            + "' is not an enabled standard's subscription; GetEnabledStandards lists them"));
            toDisable.add(pack);
        }
        ObjectNode answer = Json.object();
        ArrayNode list = answer.putArray("StandardsSubscriptions");
        for (CompliancePack pack : toDisable) {
            subscriptions.disable(pack.key());
            list.add(subscription(pack, enabled.get(pack.key()).standardsInput(), "DELETING"));
        }
        return Json.write(answer);
    }

    @POST
    @Path("/get")
    @Requires(value = Permission.READ_FINDINGS, operation = "GetEnabledStandards")
    public String getEnabledStandards(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "GetEnabledStandards"))
                .allowOnly("StandardsSubscriptionArns", "NextToken", "MaxResults");
        List<String> wanted = new ArrayList<>();
        JsonInput arnList = request.member("StandardsSubscriptionArns");
        if (arnList.isPresent()) {
            arnList.elements(1, 25).forEach(arn -> arns.standardOfSubscription(arn.require().text(1, 2048))
                    .ifPresent(pack -> wanted.add(pack.key())));
        }
        boolean all = !arnList.isPresent();
        Integer maxResults = request.member("MaxResults").integer(1, 100);
        List<ObjectNode> found = new ArrayList<>();
        for (Subscriptions.Subscription subscription : subscriptions.enabled().values()) {
            standards.byKey(subscription.standardKey()).ifPresent(pack -> {
                if (all || wanted.contains(pack.key())) {
                    found.add(subscription(pack, subscription.standardsInput(), "READY"));
                }
            });
        }
        OffsetPage<ObjectNode> page = OffsetPage.of(found, request.member("NextToken").text(), maxResults == null ? 100 : maxResults);
        ObjectNode answer = Json.object();
        page.items().forEach(answer.putArray("StandardsSubscriptions")::add);
        return paged(answer, page.nextToken());
    }

    @GET
    @Path("/controls/{subscriptionArn: .+}")
    @Requires(value = Permission.READ_FINDINGS, operation = "DescribeStandardsControls")
    public String describeStandardsControls(@PathParam("subscriptionArn") String subscriptionArn,
            @QueryParam("MaxResults") String maxResults, @QueryParam("NextToken") String nextToken) {
        Map<String, Subscriptions.Subscription> enabled = subscriptions.enabled();
        CompliancePack pack = arns.standardOfSubscription(subscriptionArn).filter(p -> enabled.containsKey(p.key()))
                .orElseThrow(() -> ApiException.notFound("No enabled standard has the subscription ARN '" + subscriptionArn
                        + "'; GetEnabledStandards lists them"));
        Subscriptions.Subscription subscription = enabled.get(pack.key());
        Map<String, Subscriptions.DisabledControl> disabled = subscriptions.disabledControls(pack.key());
        OffsetPage<PackControl> page = OffsetPage.of(pack.controls(), nextToken, QueryParameters.maxResults(maxResults, 25, 100));
        ObjectNode answer = Json.object();
        ArrayNode list = answer.putArray("Controls");
        for (PackControl control : page.items()) {
            Subscriptions.DisabledControl off = disabled.get(control.id());
            ObjectNode item = list.addObject().put("StandardsControlArn", arns.standardsControl(pack, control))
                    .put("ControlStatus", off == null ? "ENABLED" : "DISABLED");
            if (off != null) {
                item.put("DisabledReason", off.reason());
            }
            item.put("ControlStatusUpdatedAt", (off == null ? subscription.enabledAt() : off.since()).toString())
                    .put("ControlId", control.id()).put("Title", control.title()).put("Description", control.description())
                    .put("RemediationUrl", control.remediationUrl()).put("SeverityRating", control.severity().name());
            ArrayNode requirements = item.putArray("RelatedRequirements");
            String prefix = pack.relatedRequirementPrefixes().isEmpty() ? "" : pack.relatedRequirementPrefixes().get(0);
            control.requirements().forEach(requirement -> requirements.add(prefix + requirement));
        }
        return paged(answer, page.nextToken());
    }

    @PATCH
    @Path("/control/{controlArn: .+}")
    @Requires(value = Permission.ADMINISTER, operation = "UpdateStandardsControl", changesState = true)
    public String updateStandardsControl(@PathParam("controlArn") String controlArn, InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "UpdateStandardsControl"))
                .allowOnly("ControlStatus", "DisabledReason");
        ComplianceArns.StandardControl target = arns.standardsControlOf(controlArn)
                .orElseThrow(() -> ApiException.notFound("No standards control has the ARN '" + controlArn
                        + "'; DescribeStandardsControls lists them"));
        String status = request.member("ControlStatus").text();
        String reason = request.member("DisabledReason").text();
        if (status == null) {
            throw ApiException.invalidInput("ControlStatus is required: ENABLED or DISABLED");
        }
        switch (status) {
            case "DISABLED" -> {
                if (reason == null || reason.isBlank()) {
                    throw ApiException.invalidInput("DisabledReason is required when ControlStatus is DISABLED");
                }
                if (reason.length() > 1024) {
                    throw ApiException.invalidInput("DisabledReason must be at most 1024 characters");
                }
                subscriptions.setControl(target.pack().key(), target.control().id(), reason);
            }
            case "ENABLED" -> subscriptions.setControl(target.pack().key(), target.control().id(), null);
            default -> throw ApiException.invalidInput("ControlStatus must be ENABLED or DISABLED, not '" + status + "'");
        }
        return "{}";
    }

    private ObjectNode subscription(CompliancePack pack, ObjectNode standardsInput, String status) {
        ObjectNode subscription = Json.object().put("StandardsSubscriptionArn", arns.subscription(pack))
                .put("StandardsArn", pack.standardsArn());
        subscription.set("StandardsInput", standardsInput.deepCopy());
        subscription.put("StandardsStatus", status).put("StandardsControlsUpdatable", "READY_FOR_UPDATES");
        return subscription;
    }

    private static String paged(ObjectNode answer, String nextToken) {
        if (nextToken != null) {
            answer.put("NextToken", nextToken);
        }
        return Json.write(answer);
    }
}
