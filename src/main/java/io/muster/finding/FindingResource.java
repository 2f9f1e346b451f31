package io.muster.finding;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ApiException;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.api.RequestBodies;
import io.muster.auth.AccessScope;
import io.muster.auth.CurrentCaller;
import io.muster.auth.Permission;
import io.muster.auth.Requires;
import io.muster.finding.filter.FilterAttribute;
import io.muster.finding.filter.FilterParser;
import io.muster.finding.filter.FindingFilter;
import io.muster.metrics.MusterMetrics;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Security Hub's finding operations, on its paths and in its wire shapes. */
@Path("/findings")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class FindingResource {

    /** Bodies other than BatchImportFindings': filters and identifiers, never findings. */
    private static final int MAX_REQUEST_BYTES = 1024 * 1024;
    @Inject
    MusterMetrics metrics;

    @Inject
    FindingImporter importer;

    @Inject
    FindingSearch search;

    @Inject
    FindingUpdater updater;

    @Inject
    FindingExport export;

    @Inject
    CurrentCaller caller;

    @Inject
    ScanRecorders scans;

    @Inject
    FindingAnnotations annotations;

    /** BatchImportFindings. */
    @POST
    @Path("/import")
    @Requires(value = Permission.IMPORT_FINDINGS, operation = "BatchImportFindings", changesState = true)
    public String batchImportFindings(@HeaderParam(ScanRecorders.SCAN_HEADER) String scanId, InputStream body) {
        byte[] bytes = RequestBodies.read(body, BatchImportRequest.MAX_BODY_BYTES, "BatchImportFindings");
        List<IncomingFinding> findings = BatchImportRequest.read(bytes);
        ImportHook hook = scanId == null ? ImportHook.NONE : scans.recorder(scanId, caller.get());
        return Json.write(importer.importFindings(findings, caller.get(), hook).toResponse());
    }

    /** GetFindings. */
    @POST
    @Requires(value = Permission.READ_FINDINGS, operation = "GetFindings")
    public String getFindings(InputStream body) {
        return metrics.timeGetFindings(() -> answerGetFindings(body));
    }

    private String answerGetFindings(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_REQUEST_BYTES, "GetFindings"))
                .allowOnly("Filters", "SortCriteria", "NextToken", "MaxResults", "HideDuplicates", "Correlation");
        Integer maxResults = request.member("MaxResults").integer(1, FindingSearch.MAX_RESULTS);
        boolean hideDuplicates = Boolean.TRUE.equals(request.member("HideDuplicates").bool());
        FindingSearch.Page page = search.search(request.member("Filters"), request.member("SortCriteria"),
                request.member("NextToken").text(), maxResults == null ? FindingSearch.MAX_RESULTS : maxResults,
                caller.get().scope(), Instant.now(), hideDuplicates);
        List<String> findings = Boolean.TRUE.equals(request.member("Correlation").bool())
                ? annotations.annotate(page.findings(), caller.get().scope()) : page.findings();
        StringBuilder response = new StringBuilder(256 + findings.stream().mapToInt(String::length).sum());
        response.append("{\"Findings\":[");
        for (int i = 0; i < findings.size(); i++) {
            response.append(i == 0 ? "" : ",").append(findings.get(i));
        }
        response.append(']');
        if (page.nextToken() != null) {
            response.append(",\"NextToken\":\"").append(page.nextToken()).append('"');
        }
        return response.append('}').toString();
    }

    /**
     * ExportFindings (extension): every finding matching Filters, streamed as NDJSON or CSV as the Accept
     * header asks, without GetFindings' 100-per-page cap.
     */
    @POST
    @Path("/export")
    @Produces(MediaType.WILDCARD)
    @Requires(value = Permission.READ_FINDINGS, operation = "ExportFindings")
    public Response exportFindings(InputStream body, @HeaderParam("Accept") String accept) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_REQUEST_BYTES, "ExportFindings"))
                .allowOnly("Filters", "Columns");
        FindingExport.Format format = FindingExport.format(accept);
        FindingFilter filter = FilterParser.parse(request.member("Filters"), Instant.now());
        List<String> names = new ArrayList<>();
        JsonInput columns = request.member("Columns");
        if (columns.isPresent()) {
            if (format != FindingExport.Format.CSV) {
                throw ApiException.invalidInput("Columns chooses the columns of a text/csv export; an NDJSON export holds whole findings");
            }
            columns.elements(1, 100).forEach(name -> names.add(name.require().text(1, 100)));
        }
        List<FilterAttribute> chosen = FindingExport.columns(names);
        AccessScope scope = caller.get().scope();
        StreamingOutput stream = out -> export.write(filter, scope, format, chosen, out);
        return Response.ok(stream, format.mediaType + "; charset=utf-8").header("Content-Disposition",
                "attachment; filename=\"findings." + (format == FindingExport.Format.CSV ? "csv" : "ndjson") + "\"").build();
    }

    /** BatchUpdateFindings. */
    @PATCH
    @Path("/batchupdate")
    @Requires(value = Permission.UPDATE_FINDINGS, operation = "BatchUpdateFindings", changesState = true)
    public String batchUpdateFindings(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_REQUEST_BYTES, "BatchUpdateFindings"));
        FindingUpdater.Result result = updater.update(request, caller.get());
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

    /** UpdateFindings (deprecated in Security Hub): Note and RecordState of every finding a filter matches. */
    @PATCH
    @Requires(value = Permission.UPDATE_FINDINGS, operation = "UpdateFindings", changesState = true)
    public String updateFindings(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_REQUEST_BYTES, "UpdateFindings"));
        updater.updateByFilter(request, caller.get());
        return "{}";
    }

    static ObjectNode identifier(FindingKey key) {
        return Json.object().put("Id", key.id()).put("ProductArn", key.productArn());
    }
}
