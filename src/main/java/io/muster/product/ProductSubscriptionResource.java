package io.muster.product;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.MusterConfig;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.api.OffsetPage;
import io.muster.api.QueryParameters;
import io.muster.api.RequestBodies;
import io.muster.auth.Caller;
import io.muster.auth.CurrentCaller;
import io.muster.auth.Permission;
import io.muster.auth.Requires;
import io.muster.hub.Hubs;
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

/**
 * Security Hub's product subscription operations on their paths, for the caller's account (the one account of a
 * scoped credential, else Muster's own) in the caller's Region, whose hub must be subscribed.
 */
@Path("/productSubscriptions")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class ProductSubscriptionResource {

    private static final int MAX_BODY = 64 * 1024;

    @Inject
    ProductSubscriptions subscriptions;

    @Inject
    Hubs hubs;

    @Inject
    CurrentCaller caller;

    @Inject
    MusterConfig muster;

    @POST
    @Requires(value = Permission.ADMINISTER, operation = "EnableImportFindingsForProduct", changesState = true)
    public String enable(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "EnableImportFindingsForProduct")).allowOnly("ProductArn");
        String productArn = request.member("ProductArn").require().text(1, 2048);
        Caller who = caller.get();
        String account = who.accountOr(muster.accountId());
        String region = who.regionOr(muster.region());
        hubs.requireSubscribed(account, region);
        return Json.write(Json.object().put("ProductSubscriptionArn", subscriptions.enable(account, region, productArn)));
    }

    @DELETE
    @Path("/{productSubscriptionArn: .+}")
    @Requires(value = Permission.ADMINISTER, operation = "DisableImportFindingsForProduct", changesState = true)
    public String disable(@PathParam("productSubscriptionArn") String subscriptionArn) {
        Caller who = caller.get();
        String account = who.accountOr(muster.accountId());
        String region = who.regionOr(muster.region());
        hubs.requireSubscribed(account, region);
        subscriptions.disable(account, region, subscriptionArn);
        return "{}";
    }

    @GET
    @Requires(value = Permission.DESCRIBE_API, operation = "ListEnabledProductsForImport")
    public String list(@QueryParam("MaxResults") String maxResults, @QueryParam("NextToken") String nextToken) {
        int pageSize = QueryParameters.maxResults(maxResults, 100, 100);
        Caller who = caller.get();
        String account = who.accountOr(muster.accountId());
        String region = who.regionOr(muster.region());
        hubs.requireSubscribed(account, region);
        OffsetPage<String> page = OffsetPage.of(subscriptions.enabled(account, region), nextToken == null || nextToken.isEmpty() ? null : nextToken,
                pageSize);
        ObjectNode answer = Json.object();
        ArrayNode list = answer.putArray("ProductSubscriptions");
        page.items().forEach(list::add);
        if (page.nextToken() != null) {
            answer.put("NextToken", page.nextToken());
        }
        return Json.write(answer);
    }
}
