package io.muster.finding;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.api.RequestBodies;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/** Security Hub's finding operations, on its paths and in its wire shapes. */
@Path("/findings")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class FindingResource {

    /** Bodies other than BatchImportFindings': filters and identifiers, never findings. */
    private static final int MAX_REQUEST_BYTES = 1024 * 1024;
    /** Until authentication exists (issue #3), changes are attributed to this identity. */
    static final String ANONYMOUS = "anonymous";

    @Inject
    FindingImporter importer;

    @Inject
    FindingSearch search;

    @Inject
    FindingUpdater updater;

    /** BatchImportFindings. */
    @POST
    @Path("/import")
    public String batchImportFindings(InputStream body) {
        byte[] bytes = RequestBodies.read(body, BatchImportRequest.MAX_BODY_BYTES, "BatchImportFindings");
        ImportResult result = importer.importFindings(BatchImportRequest.read(bytes));
        ObjectNode response = Json.object()
                .put("FailedCount", result.failedFindings().size())
                .put("SuccessCount", result.successCount());
        ArrayNode failed = response.putArray("FailedFindings");
        for (ImportResult.FailedFinding finding : result.failedFindings()) {
            failed.addObject().put("Id", finding.id()).put("ErrorCode", finding.errorCode())
                    .put("ErrorMessage", finding.errorMessage());
        }
        return Json.write(response);
    }

    /** GetFindings. */
    @POST
    public String getFindings(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_REQUEST_BYTES, "GetFindings"))
                .allowOnly("Filters", "SortCriteria", "NextToken", "MaxResults");
        Integer maxResults = request.member("MaxResults").integer(1, FindingSearch.MAX_RESULTS);
        FindingSearch.Page page = search.search(request.member("Filters"), request.member("SortCriteria"),
                request.member("NextToken").text(), maxResults == null ? FindingSearch.MAX_RESULTS : maxResults);
        StringBuilder response = new StringBuilder(256 + page.findings().stream().mapToInt(String::length).sum());
        response.append("{\"Findings\":[");
        for (int i = 0; i < page.findings().size(); i++) {
            response.append(i == 0 ? "" : ",").append(page.findings().get(i));
        }
        response.append(']');
        if (page.nextToken() != null) {
            response.append(",\"NextToken\":\"").append(page.nextToken()).append('"');
        }
        return response.append('}').toString();
    }

    /** BatchUpdateFindings. */
    @PATCH
    @Path("/batchupdate")
    public String batchUpdateFindings(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_REQUEST_BYTES, "BatchUpdateFindings"));
        FindingUpdater.Result result = updater.update(request, ANONYMOUS);
        ObjectNode response = Json.object();
        ArrayNode processed = response.putArray("ProcessedFindings");
        for (FindingKey key : result.processed()) {
            processed.add(identifier(key));
        }
        ArrayNode unprocessed = response.putArray("UnprocessedFindings");
        for (FindingUpdater.Unprocessed finding : result.unprocessed()) {
            unprocessed.addObject().<ObjectNode>set("FindingIdentifier", identifier(finding.key()))
                    .put("ErrorCode", finding.errorCode()).put("ErrorMessage", finding.errorMessage());
        }
        return Json.write(response);
    }

    private static ObjectNode identifier(FindingKey key) {
        return Json.object().put("Id", key.id()).put("ProductArn", key.productArn());
    }
}
