package io.muster.hub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.MusterConfig;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.api.RequestBodies;
import io.muster.auth.Caller;
import io.muster.auth.CurrentCaller;
import io.muster.auth.Permission;
import io.muster.auth.Requires;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/**
 * Security Hub's organization configuration operations on their paths, for Muster's administrator account in the
 * caller's Region. The caller's own hub must be subscribed, as for every hub-scoped operation.
 */
@Path("/organization/configuration")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class OrganizationConfigurationResource {

    private static final int MAX_BODY = 64 * 1024;

    @Inject
    OrganizationConfigurations configurations;

    @Inject
    Hubs hubs;

    @Inject
    CurrentCaller caller;

    @Inject
    MusterConfig muster;

    @GET
    @Requires(value = Permission.READ_FINDINGS, operation = "DescribeOrganizationConfiguration")
    public String describe() {
        return Json.write(wire(configurations.describe(subscribedRegion())));
    }

    @POST
    @Requires(value = Permission.ADMINISTER, operation = "UpdateOrganizationConfiguration", changesState = true)
    public String update(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "UpdateOrganizationConfiguration"))
                .allowOnly("AutoEnable", "AutoEnableStandards", "OrganizationConfiguration");
        boolean autoEnable = request.member("AutoEnable").require().bool();
        OrganizationConfiguration.AutoEnableStandards standards = request.member("AutoEnableStandards")
                .enumValue(OrganizationConfiguration.AutoEnableStandards.class);
        JsonInput organization = request.member("OrganizationConfiguration").requireObject();
        OrganizationConfiguration.ConfigurationType type = null;
        if (organization.isPresent()) {
            organization.allowOnly("ConfigurationType");
            type = organization.member("ConfigurationType").enumValue(OrganizationConfiguration.ConfigurationType.class);
        }
        String region = subscribedRegion();
        configurations.update(region, autoEnable, standards, type);
        return "{}";
    }

    /** The caller's Region, once its hub is known to be subscribed. */
    private String subscribedRegion() {
        Caller who = caller.get();
        String region = who.regionOr(muster.region());
        hubs.requireSubscribed(who.accountOr(muster.accountId()), region);
        return region;
    }

    private static ObjectNode wire(OrganizationConfiguration configuration) {
        ObjectNode answer = Json.object().put("AutoEnable", configuration.autoEnable())
                .put("MemberAccountLimitReached", false)
                .put("AutoEnableStandards", configuration.autoEnableStandards().name());
        answer.putObject("OrganizationConfiguration").put("ConfigurationType", configuration.configurationType().name())
                .put("Status", "ENABLED");
        return answer;
    }
}
