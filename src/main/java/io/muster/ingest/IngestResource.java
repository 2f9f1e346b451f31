package io.muster.ingest;

import io.muster.api.Json;
import io.muster.api.RequestBodies;
import io.muster.auth.CurrentCaller;
import io.muster.auth.Permission;
import io.muster.auth.Requires;
import io.muster.finding.ScanRecorders;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/**
 * ImportFindingsInFormat (extension): findings as a detector writes them — OCSF, GuardDuty, Inspector,
 * Trivy, SARIF, Security Hub's EventBridge events or ASFF — converted and imported in one call, answered
 * in BatchImportFindings' shape.
 */
@Path("/findings/import/{format}")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class IngestResource {

    @Inject
    FindingIngest ingest;

    @Inject
    CurrentCaller caller;

    @POST
    @Requires(value = Permission.IMPORT_FINDINGS, operation = "ImportFindingsInFormat", changesState = true,
            maxBodyBytes = Long.MAX_VALUE)
    public String importInFormat(@PathParam("format") String format, @QueryParam("AwsAccountId") String accountId,
            @QueryParam("Region") String region, @QueryParam("ScanId") String scanQuery, @HeaderParam(ScanRecorders.SCAN_HEADER) String scanHeader,
            @HeaderParam("Content-Length") Long declaredLength, InputStream body) {
        ingest.converter(format);
        if (declaredLength != null && declaredLength > ingest.maxDocumentBytes()) {
            throw RequestBodies.tooLarge("ImportFindingsInFormat", ingest.maxDocumentBytes());
        }
        IngestSummary result = ingest.ingest(format, body, new FindingIngest.Source(caller.get(), accountId, region,
                scanQuery != null ? scanQuery : scanHeader));
        return Json.write(result.toResponse());
    }
}
