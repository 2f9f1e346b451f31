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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Security Hub's standards control associations — a consolidated security control in each enabled standard — on its
 * paths and in its shapes: ListStandardsControlAssociations, BatchGetStandardsControlAssociations and
 * BatchUpdateStandardsControlAssociations, the last being the same change as UpdateStandardsControl.
 */
@Path("/associations")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class ControlAssociationsResource {

    private static final int MAX_BODY = 256 * 1024;
    /** Most associations one BatchGet or BatchUpdate request may name. */
    static final int MAX_BATCH = 100;

    @Inject
    Standards standards;

    @Inject
    ControlAssociations associations;

    @Inject
    ComplianceArns arns;

    @GET
    @Requires(value = Permission.READ_FINDINGS, operation = "ListStandardsControlAssociations")
    public String listStandardsControlAssociations(@QueryParam("SecurityControlId") String securityControlId,
            @QueryParam("MaxResults") String maxResults, @QueryParam("NextToken") String nextToken) {
        if (securityControlId == null || securityControlId.isBlank()) {
            throw ApiException.invalidInput("SecurityControlId is required, e.g. ?SecurityControlId=IAM.1");
        }
        String id = ComplianceArns.securityControlIdOf(securityControlId);
        Standards.SecurityControl control = standards.securityControl(id).orElseThrow(() -> ApiException.invalidInput(
                "SecurityControlId: no standard Muster knows has a control with the security control id '" + id
                        + "'; ListSecurityControlDefinitions lists them"));
        OffsetPage<ControlAssociations.Association> page = OffsetPage.of(associations.ofControl(control), nextToken,
                QueryParameters.maxResults(maxResults, 25, 100));
        ObjectNode answer = Json.object();
        ArrayNode summaries = answer.putArray("StandardsControlAssociationSummaries");
        page.items().forEach(association -> summaries.add(summary(association)));
        if (page.nextToken() != null) {
            answer.put("NextToken", page.nextToken());
        }
        return Json.write(answer);
    }

    @POST
    @Path("/batchGet")
    @Requires(value = Permission.READ_FINDINGS, operation = "BatchGetStandardsControlAssociations")
    public String batchGetStandardsControlAssociations(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "BatchGetStandardsControlAssociations"))
                .allowOnly("StandardsControlAssociationIds");
        List<AssociationId> asked = new ArrayList<>();
        for (JsonInput item : request.member("StandardsControlAssociationIds").require().elements(1, MAX_BATCH)) {
            item.require().requireObject().allowOnly("SecurityControlId", "StandardsArn");
            asked.add(new AssociationId(item.member("SecurityControlId").require().text(1, 2048),
                    item.member("StandardsArn").require().text(1, 2048)));
        }
        ObjectNode answer = Json.object();
        ArrayNode details = answer.putArray("StandardsControlAssociationDetails");
        ArrayNode unprocessed = answer.putArray("UnprocessedAssociations");
        for (AssociationId id : asked) {
            ControlAssociations.Lookup lookup = associations.find(id.securityControlId(), id.standardsArn());
            if (lookup.refusal() != null) {
                ObjectNode failed = unprocessed.addObject();
                failed.putObject("StandardsControlAssociationId").put("SecurityControlId", id.securityControlId())
                        .put("StandardsArn", id.standardsArn());
                failed.put("ErrorCode", lookup.refusal().errorCode()).put("ErrorReason", lookup.refusal().reason());
                continue;
            }
            ObjectNode detail = summary(lookup.association());
            ArrayNode controlArns = detail.putArray("StandardsControlArns");
            lookup.association().controls().forEach(control -> controlArns.add(arns.standardsControl(lookup.association().pack(), control)));
            details.add(detail);
        }
        return Json.write(answer);
    }

    @PATCH
    @Requires(value = Permission.ADMINISTER, operation = "BatchUpdateStandardsControlAssociations", changesState = true)
    public String batchUpdateStandardsControlAssociations(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "BatchUpdateStandardsControlAssociations"))
                .allowOnly("StandardsControlAssociationUpdates");
        List<Update> updates = new ArrayList<>();
        for (JsonInput item : request.member("StandardsControlAssociationUpdates").require().elements(1, MAX_BATCH)) {
            item.require().requireObject().allowOnly("StandardsArn", "SecurityControlId", "AssociationStatus", "UpdatedReason");
            String status = item.member("AssociationStatus").require().text();
            if (!"ENABLED".equals(status) && !"DISABLED".equals(status)) {
                throw ApiException.invalidInput(item.member("AssociationStatus").path() + " must be ENABLED or DISABLED, not '" + status + "'");
            }
            updates.add(new Update(item.member("StandardsArn").require().text(1, 2048), item.member("SecurityControlId").require().text(1, 2048),
                    status, item.member("UpdatedReason").text()));
        }
        ObjectNode answer = Json.object();
        ArrayNode unprocessed = answer.putArray("UnprocessedAssociationUpdates");
        for (Update update : updates) {
            Optional<ControlAssociations.Refusal> refused = associations.update(update.securityControlId(), update.standardsArn(),
                    "ENABLED".equals(update.status()), update.reason());
            refused.ifPresent(refusal -> {
                ObjectNode failed = unprocessed.addObject();
                ObjectNode asked = failed.putObject("StandardsControlAssociationUpdate").put("StandardsArn", update.standardsArn())
                        .put("SecurityControlId", update.securityControlId()).put("AssociationStatus", update.status());
                if (update.reason() != null) {
                    asked.put("UpdatedReason", update.reason());
                }
                failed.put("ErrorCode", refusal.errorCode()).put("ErrorReason", refusal.reason());
            });
        }
        return Json.write(answer);
    }

    /** One requested association, as sent. */
    private record AssociationId(String securityControlId, String standardsArn) {
    }

    /** One requested association update, as sent. */
    private record Update(String standardsArn, String securityControlId, String status, String reason) {
    }

    private ObjectNode summary(ControlAssociations.Association association) {
        ObjectNode summary = Json.object().put("StandardsArn", association.pack().standardsArn())
                .put("SecurityControlId", association.securityControl().id())
                .put("SecurityControlArn", arns.securityControl(association.securityControl().id()))
                .put("AssociationStatus", association.enabled() ? "ENABLED" : "DISABLED");
        ArrayNode requirements = summary.putArray("RelatedRequirements");
        association.relatedRequirements().forEach(requirements::add);
        summary.put("UpdatedAt", association.updatedAt().toString());
        if (association.updatedReason() != null) {
            summary.put("UpdatedReason", association.updatedReason());
        }
        PackControl first = association.controls().get(0);
        return summary.put("StandardsControlTitle", first.title()).put("StandardsControlDescription", first.description());
    }
}
