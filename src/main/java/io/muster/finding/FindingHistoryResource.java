package io.muster.finding;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ApiException;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.api.RequestBodies;
import io.muster.auth.CurrentCaller;
import io.muster.auth.Permission;
import io.muster.auth.Requires;
import io.muster.format.AsffTime;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.time.Instant;

/** GetFindingHistory, on Security Hub's path and in its shapes. */
@Path("/findingHistory")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class FindingHistoryResource {

    @Inject
    FindingHistory history;

    @Inject
    CurrentCaller caller;

    @POST
    @Path("/get")
    @Requires(value = Permission.READ_FINDINGS, operation = "GetFindingHistory")
    public String getFindingHistory(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, 64 * 1024, "GetFindingHistory"))
                .allowOnly("FindingIdentifier", "StartTime", "EndTime", "NextToken", "MaxResults");
        JsonInput identifier = request.member("FindingIdentifier").require().requireObject().allowOnly("Id", "ProductArn");
        FindingKey key = new FindingKey(identifier.member("ProductArn").require().text(1, 2048),
                identifier.member("Id").require().text(1, 512));
        Instant start = instant(request.member("StartTime"));
        Instant end = instant(request.member("EndTime"));
        if (start != null && end != null && start.isAfter(end)) {
            throw ApiException.invalidInput("StartTime is after EndTime");
        }
        Integer maxResults = request.member("MaxResults").integer(1, FindingHistory.MAX_RESULTS);
        FindingHistory.Page page = history.history(key, start, end, request.member("NextToken").text(),
                maxResults == null ? FindingHistory.MAX_RESULTS : maxResults, caller.get().scope());
        ObjectNode answer = Json.object();
        ArrayNode records = answer.putArray("Records");
        page.records().forEach(records::add);
        if (page.nextToken() != null) {
            answer.put("NextToken", page.nextToken());
        }
        return Json.write(answer);
    }

    private static Instant instant(JsonInput value) {
        String text = value.text();
        if (text == null) {
            return null;
        }
        return AsffTime.parse(text).map(t -> t.toInstant()).orElseThrow(() -> ApiException.invalidInput(
                value.path() + " must be an ISO-8601 date-time such as 2026-01-31T23:00:00Z, not '" + text + "'"));
    }
}
