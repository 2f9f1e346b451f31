package io.muster.compliance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.MusterConfig;
import io.muster.api.ApiException;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.api.RequestBodies;
import io.muster.auth.CurrentCaller;
import io.muster.auth.Permission;
import io.muster.auth.Requires;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Security Hub's operations on one consolidated security control: its definition with the parameters it lets an
 * account customize (GetSecurityControlDefinition), and setting those parameters for the caller's account
 * (UpdateSecurityControl).
 */
@Path("/securityControl")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class SecurityControlSettingsResource {

    private static final int MAX_BODY = 256 * 1024;
    /** Security Hub's AlphaNumericNonEmptyString: letters, digits, spaces, dashes, underscores and any non-ASCII character. */
    private static final Pattern REASON = Pattern.compile("^([^\\x00-\\x7F]|[-_ a-zA-Z0-9])+$");

    @Inject
    Standards standards;

    @Inject
    SecurityControlSettings settings;

    @Inject
    CurrentCaller caller;

    @Inject
    MusterConfig muster;

    @GET
    @Path("/definition")
    @Requires(value = Permission.READ_FINDINGS, operation = "GetSecurityControlDefinition")
    public String getSecurityControlDefinition(@QueryParam("SecurityControlId") String securityControlId) {
        if (securityControlId == null || securityControlId.isBlank()) {
            throw ApiException.invalidInput("SecurityControlId is required, e.g. ?SecurityControlId=ACM.1");
        }
        if (securityControlId.startsWith("arn:")) {
            throw ApiException.invalidInput("SecurityControlId takes a security control id such as ACM.1, not an ARN ('"
                    + securityControlId + "')");
        }
        Standards.SecurityControl control = standards.securityControl(securityControlId).orElseThrow(() -> ApiException.notFound(
                "No standard Muster knows has a control with the security control id '" + securityControlId
                        + "'; ListSecurityControlDefinitions lists them"));
        ObjectNode definition = SecurityControlsResource.securityControlDefinition(control);
        if (control.customizable()) {
            ObjectNode parameters = definition.putObject("ParameterDefinitions");
            control.parameters().forEach((name, parameter) -> parameters.set(name, parameter.definitionJson()));
        }
        ObjectNode answer = Json.object();
        answer.set("SecurityControlDefinition", definition);
        return Json.write(answer);
    }

    @PATCH
    @Path("/update")
    @Requires(value = Permission.ADMINISTER, operation = "UpdateSecurityControl", changesState = true)
    public String updateSecurityControl(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "UpdateSecurityControl"))
                .allowOnly("SecurityControlId", "Parameters", "LastUpdateReason");
        String asked = request.member("SecurityControlId").require().text(1, 2048);
        JsonInput parameters = request.member("Parameters").require().requireObject();
        String reason = request.member("LastUpdateReason").text();
        if (reason != null) {
            if (reason.length() > SecurityControlSettings.MAX_REASON) {
                throw ApiException.invalidInput("LastUpdateReason must be at most " + SecurityControlSettings.MAX_REASON
                        + " characters, not " + reason.length());
            }
            if (!REASON.matcher(reason).matches()) {
                throw ApiException.invalidInput("LastUpdateReason may hold only letters, digits, spaces, dashes and underscores");
            }
        }
        Map<String, SecurityControlSettings.ParameterChange> changes = new LinkedHashMap<>();
        parameters.members().forEach((name, parameter) -> changes.put(name, change(parameter)));
        String id = ComplianceArns.securityControlIdOf(asked);
        Standards.SecurityControl control = standards.securityControl(id).orElseThrow(() -> ApiException.notFound(
                "No standard Muster knows has a control with the security control id '" + id + "'; ListSecurityControlDefinitions lists them"));
        settings.update(caller.get().accountOr(muster.accountId()), control, changes, reason);
        return "{}";
    }

    /** One member of Parameters, a ParameterConfiguration: {ValueType, Value} with Value a union of one typed member. */
    private static SecurityControlSettings.ParameterChange change(JsonInput parameter) {
        parameter.require().requireObject().allowOnly("ValueType", "Value");
        String valueType = parameter.member("ValueType").require().text();
        if (!"DEFAULT".equals(valueType) && !"CUSTOM".equals(valueType)) {
            throw ApiException.invalidInput(parameter.member("ValueType").path() + " must be DEFAULT or CUSTOM, not '" + valueType + "'");
        }
        if ("DEFAULT".equals(valueType)) {
            // Security Hub ignores a Value sent with DEFAULT
            return new SecurityControlSettings.ParameterChange(parameter.path(), false, null, null);
        }
        JsonInput value = parameter.member("Value").requireObject();
        Map<String, JsonInput> members = value.members();
        if (members.size() > 1) {
            throw ApiException.invalidInput(value.path() + " must have exactly one member, the parameter's type, not "
                    + String.join(", ", members.keySet()));
        }
        if (members.isEmpty()) {
            return new SecurityControlSettings.ParameterChange(parameter.path(), true, null, null);
        }
        Map.Entry<String, JsonInput> typed = members.entrySet().iterator().next();
        if (ControlParameter.Type.ofWireName(typed.getKey()).isEmpty()) {
            throw ApiException.invalidInput("Unknown member '" + typed.getKey() + "' in " + value.path()
                    + "; expected one of Boolean, Double, Enum, EnumList, Integer, IntegerList, String, StringList");
        }
        return new SecurityControlSettings.ParameterChange(parameter.path(), true, typed.getKey(), typed.getValue().node());
    }
}
