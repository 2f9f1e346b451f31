package io.muster.compliance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.MusterConfig;
import io.muster.api.ApiException;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Security Hub's consolidated security control operations, on its paths and in its shapes. */
@Path("/securityControls")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class SecurityControlsResource {

    @Inject
    Standards standards;

    @Inject
    Subscriptions subscriptions;

    @Inject
    ComplianceArns arns;

    @Inject
    SecurityControlSettings settings;

    @Inject
    CurrentCaller caller;

    @Inject
    MusterConfig muster;

    @POST
    @Path("/batchGet")
    @Requires(value = Permission.READ_FINDINGS, operation = "BatchGetSecurityControls")
    public String batchGetSecurityControls(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, 64 * 1024, "BatchGetSecurityControls"))
                .allowOnly("SecurityControlIds");
        Map<String, Subscriptions.Subscription> enabled = subscriptions.enabled();
        List<JsonInput> items = request.member("SecurityControlIds").require().elements(1, 100);
        List<String> asked = new ArrayList<>();
        items.forEach(item -> asked.add(item.require().text(1, 2048)));
        Map<String, SecurityControlSettings.Setting> accountSettings = settings.read(caller.get().accountOr(muster.accountId()),
                asked.stream().map(ComplianceArns::securityControlIdOf).distinct().toList());
        ObjectNode answer = Json.object();
        ArrayNode found = answer.putArray("SecurityControls");
        ArrayNode unprocessed = answer.putArray("UnprocessedIds");
        for (String idOrArn : asked) {
            String id = ComplianceArns.securityControlIdOf(idOrArn);
            Optional<Standards.SecurityControl> control = standards.securityControl(id);
            if (control.isEmpty()) {
                unprocessed.addObject().put("SecurityControlId", idOrArn).put("ErrorCode", "NOT_FOUND")
                        .put("ErrorReason", "No standard Muster knows has a control with the id '" + id + "'");
                continue;
            }
            ObjectNode securityControl = definition(control.get())
                    .put("SecurityControlArn", arns.securityControl(id))
                    .put("SecurityControlStatus", enabledAnywhere(control.get(), enabled) ? "ENABLED" : "DISABLED")
                    .put("UpdateStatus", "READY");
            putSettings(securityControl, control.get(), accountSettings.getOrDefault(id, SecurityControlSettings.Setting.NONE));
            found.add(securityControl);
        }
        return Json.write(answer);
    }

    @GET
    @Path("/definitions")
    @Requires(value = Permission.READ_FINDINGS, operation = "ListSecurityControlDefinitions")
    public String listSecurityControlDefinitions(@QueryParam("StandardsArn") String standardsArn,
            @QueryParam("MaxResults") String maxResults, @QueryParam("NextToken") String nextToken) {
        List<Standards.SecurityControl> controls = standards.securityControls();
        if (standardsArn != null) {
            CompliancePack pack = standards.byArn(standardsArn).orElseThrow(() -> ApiException.invalidInput(
                    "StandardsArn: no standard has the ARN '" + standardsArn + "'; DescribeStandards lists them"));
            controls = controls.stream().filter(control -> control.standards().contains(pack)).toList();
        }
        OffsetPage<Standards.SecurityControl> page = OffsetPage.of(controls, nextToken, QueryParameters.maxResults(maxResults, 100, 100));
        ObjectNode answer = Json.object();
        ArrayNode list = answer.putArray("SecurityControlDefinitions");
        page.items().forEach(control -> list.add(securityControlDefinition(control)));
        if (page.nextToken() != null) {
            answer.put("NextToken", page.nextToken());
        }
        return Json.write(answer);
    }

    private static ObjectNode definition(Standards.SecurityControl control) {
        PackControl definition = control.definition();
        return Json.object().put("SecurityControlId", control.id()).put("Title", definition.title())
                .put("Description", definition.description()).put("RemediationUrl", definition.remediationUrl())
                .put("SeverityRating", definition.severity().name());
    }

    /**
     * Security Hub's SecurityControlDefinition without ParameterDefinitions (ListSecurityControlDefinitions leaves them
     * out): CustomizableProperties is {@code Parameters} for a control with customizable parameters, else empty.
     */
    static ObjectNode securityControlDefinition(Standards.SecurityControl control) {
        ObjectNode node = definition(control).put("CurrentRegionAvailability", "AVAILABLE");
        ArrayNode customizable = node.putArray("CustomizableProperties");
        if (control.customizable()) {
            customizable.add("Parameters");
        }
        return node;
    }

    /** The control's parameters as the caller's account has them (Parameters, LastUpdateReason), for BatchGetSecurityControls. */
    private static void putSettings(ObjectNode node, Standards.SecurityControl control, SecurityControlSettings.Setting setting) {
        if (control.customizable()) {
            ObjectNode parameters = node.putObject("Parameters");
            control.parameters().forEach((name, parameter) -> parameters.set(name,
                    parameter.configurationJson(setting.customValues().get(name))));
        }
        if (setting.lastUpdateReason() != null) {
            node.put("LastUpdateReason", setting.lastUpdateReason());
        }
    }

    /** Enabled when a control of an enabled standard maps to it and is not disabled there. */
    private boolean enabledAnywhere(Standards.SecurityControl control, Map<String, Subscriptions.Subscription> enabled) {
        for (CompliancePack pack : control.standards()) {
            if (!enabled.containsKey(pack.key())) {
                continue;
            }
            Map<String, Subscriptions.DisabledControl> disabled = subscriptions.disabledControls(pack.key());
            for (PackControl packControl : pack.controls()) {
                if (packControl.securityControlId().filter(control.id()::equals).isPresent() && !disabled.containsKey(packControl.id())) {
                    return true;
                }
            }
        }
        return false;
    }
}
