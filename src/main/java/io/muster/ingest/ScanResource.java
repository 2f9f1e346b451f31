package io.muster.ingest;

import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.api.RequestBodies;
import io.muster.auth.CurrentCaller;
import io.muster.auth.Permission;
import io.muster.auth.Requires;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/** Scan sessions (extension): open a scan of a scope, import naming it, close it to archive what it did not see. */
@Path("/scans")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class ScanResource {

    private static final int MAX_BODY = 64 * 1024;

    @Inject
    ScanSessions scans;

    @Inject
    CurrentCaller caller;

    @POST
    @Requires(value = Permission.IMPORT_FINDINGS, operation = "OpenScan", changesState = true)
    public String open(InputStream body) {
        return Json.write(scans.open(JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "OpenScan")), caller.get()).toJson());
    }

    @GET
    @Path("/{ScanId}")
    @Requires(value = Permission.IMPORT_FINDINGS, operation = "GetScan")
    public String get(@PathParam("ScanId") String scanId) {
        return Json.write(scans.get(scanId, caller.get()).toJson());
    }

    @POST
    @Path("/{ScanId}/close")
    @Requires(value = Permission.IMPORT_FINDINGS, operation = "CloseScan", changesState = true)
    public String close(@PathParam("ScanId") String scanId) {
        return Json.write(scans.close(scanId, caller.get()).toJson());
    }

    @DELETE
    @Path("/{ScanId}")
    @Requires(value = Permission.IMPORT_FINDINGS, operation = "AbandonScan", changesState = true)
    public String abandon(@PathParam("ScanId") String scanId) {
        return Json.write(scans.abandon(scanId, caller.get()).toJson());
    }
}
