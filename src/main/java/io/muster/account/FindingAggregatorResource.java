package io.muster.account;

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
import java.util.ArrayList;
import java.util.List;

/** Security Hub's finding aggregator operations, on its paths (greedy ARNs for get and delete). */
@Path("/findingAggregator")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class FindingAggregatorResource {

    private static final int MAX_BODY = 64 * 1024;

    @Inject
    FindingAggregators aggregators;

    @Inject
    CurrentCaller caller;

    @POST
    @Path("/create")
    @Requires(value = Permission.ADMINISTER, operation = "CreateFindingAggregator", changesState = true)
    public String create(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "CreateFindingAggregator"))
                .allowOnly("RegionLinkingMode", "Regions");
        return Json.write(describe(aggregators.create(mode(request), regions(request), caller.get())));
    }

    @GET
    @Path("/get/{findingAggregatorArn: .+}")
    @Requires(value = Permission.READ_FINDINGS, operation = "GetFindingAggregator")
    public String get(@PathParam("findingAggregatorArn") String arn) {
        return Json.write(describe(aggregators.get(arn, caller.get())));
    }

    @GET
    @Path("/list")
    @Requires(value = Permission.READ_FINDINGS, operation = "ListFindingAggregators")
    public String list(@QueryParam("MaxResults") String maxResults, @QueryParam("NextToken") String nextToken) {
        OffsetPage<FindingAggregator> page = aggregators.list(caller.get(), nextToken,
                QueryParameters.maxResults(maxResults, FindingAggregators.MAX_LIST_RESULTS, FindingAggregators.MAX_LIST_RESULTS));
        ObjectNode answer = Json.object();
        ArrayNode list = answer.putArray("FindingAggregators");
        page.items().forEach(aggregator -> list.addObject().put("FindingAggregatorArn", aggregator.arn()));
        if (page.nextToken() != null) {
            answer.put("NextToken", page.nextToken());
        }
        return Json.write(answer);
    }

    @PATCH
    @Path("/update")
    @Requires(value = Permission.ADMINISTER, operation = "UpdateFindingAggregator", changesState = true)
    public String update(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "UpdateFindingAggregator"))
                .allowOnly("FindingAggregatorArn", "RegionLinkingMode", "Regions");
        String arn = request.member("FindingAggregatorArn").require().text(1, 2048);
        return Json.write(describe(aggregators.update(arn, mode(request), regions(request), caller.get())));
    }

    @DELETE
    @Path("/delete/{findingAggregatorArn: .+}")
    @Requires(value = Permission.ADMINISTER, operation = "DeleteFindingAggregator", changesState = true)
    public String delete(@PathParam("findingAggregatorArn") String arn) {
        aggregators.delete(arn, caller.get());
        return "{}";
    }

    private static ObjectNode describe(FindingAggregator aggregator) {
        ObjectNode answer = Json.object().put("FindingAggregatorArn", aggregator.arn())
                .put("FindingAggregationRegion", aggregator.aggregationRegion()).put("RegionLinkingMode", aggregator.regionLinkingMode());
        ArrayNode regions = answer.putArray("Regions");
        aggregator.regions().forEach(regions::add);
        return answer;
    }

    private static FindingAggregators.LinkingMode mode(JsonInput request) {
        return request.member("RegionLinkingMode").require().enumValue(FindingAggregators.LinkingMode.class);
    }

    private static List<String> regions(JsonInput request) {
        List<String> regions = new ArrayList<>();
        for (JsonInput region : request.member("Regions").elements()) {
            regions.add(region.require().text(1, 64));
        }
        return regions;
    }
}
