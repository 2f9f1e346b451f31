package io.muster.hub;

import io.muster.MusterConfig;
import io.muster.api.ApiException;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.api.RequestBodies;
import io.muster.auth.Caller;
import io.muster.auth.CurrentCaller;
import io.muster.auth.Permission;
import io.muster.auth.Requires;
import io.muster.format.AsffTime;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Security Hub's hub operations on its paths ({@code /accounts}), for the caller's account (the one account of a
 * scoped credential, else Muster's own) in the caller's Region (the Region the request was signed for, else
 * Muster's own).
 */
@Path("/accounts")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class HubResource {

    private static final int MAX_BODY = 64 * 1024;

    @Inject
    Hubs hubs;

    @Inject
    CurrentCaller caller;

    @Inject
    MusterConfig muster;

    @GET
    @Requires(value = Permission.DESCRIBE_API, operation = "DescribeHub")
    public String describe(@QueryParam("HubArn") String hubArn) {
        Caller who = caller.get();
        HubAccount hub = hubs.describe(who.accountOr(muster.accountId()), who.regionOr(muster.region()),
                hubArn == null || hubArn.isEmpty() ? null : hubArn);
        return Json.write(Json.object().put("HubArn", hub.hubArn()).put("SubscribedAt", AsffTime.format(hub.subscribedAt()))
                .put("AutoEnableControls", hub.autoEnableControls()).put("ControlFindingGenerator", hub.controlFindingGenerator().name()));
    }

    @POST
    @Requires(value = Permission.ADMINISTER, operation = "EnableSecurityHub", changesState = true)
    public String enable(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "EnableSecurityHub"))
                .allowOnly("Tags", "EnableDefaultStandards", "ControlFindingGenerator");
        Map<String, String> tags = tags(request.member("Tags"));
        request.member("EnableDefaultStandards").bool();
        ControlFindingGenerator generator = request.member("ControlFindingGenerator").enumValue(ControlFindingGenerator.class);
        Caller who = caller.get();
        hubs.enable(who.accountOr(muster.accountId()), who.regionOr(muster.region()), tags, generator);
        return "{}";
    }

    @PATCH
    @Requires(value = Permission.ADMINISTER, operation = "UpdateSecurityHubConfiguration", changesState = true)
    public String update(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "UpdateSecurityHubConfiguration"))
                .allowOnly("AutoEnableControls", "ControlFindingGenerator");
        Boolean autoEnableControls = request.member("AutoEnableControls").bool();
        ControlFindingGenerator generator = request.member("ControlFindingGenerator").enumValue(ControlFindingGenerator.class);
        Caller who = caller.get();
        hubs.update(who.accountOr(muster.accountId()), who.regionOr(muster.region()), autoEnableControls, generator);
        return "{}";
    }

    @DELETE
    @Requires(value = Permission.ADMINISTER, operation = "DisableSecurityHub", changesState = true)
    public String disable() {
        Caller who = caller.get();
        hubs.disable(who.accountOr(muster.accountId()), who.regionOr(muster.region()));
        return "{}";
    }

    /** EnableSecurityHub's Tags: a map of string values; ResourceTags checks the keys and values against AWS's limits. */
    private static Map<String, String> tags(JsonInput tags) {
        Map<String, String> parsed = new LinkedHashMap<>();
        if (!tags.isPresent()) {
            return parsed;
        }
        if (!tags.node().isObject()) {
            throw ApiException.invalidInput("Tags must be an object of tag keys and values");
        }
        tags.members().forEach((key, value) -> {
            String text = value.text();
            if (text == null) {
                throw ApiException.invalidInput(value.path() + " must be a string");
            }
            parsed.put(key, text);
        });
        if (parsed.isEmpty()) {
            throw ApiException.invalidInput("Tags must hold 1 to 50 tags when given, not 0");
        }
        return parsed;
    }
}
