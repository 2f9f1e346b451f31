package io.muster.correlation;

import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.api.RequestBodies;
import io.muster.auth.CurrentCaller;
import io.muster.auth.Permission;
import io.muster.auth.Requires;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/** The entity graph (extension): an entity with its findings and neighbours, and a finding's related findings. */
@Path("/graph")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class GraphResource {

    private static final int MAX_BODY = 64 * 1024;

    @Inject
    EntityGraph graph;

    @Inject
    CurrentCaller caller;

    @POST
    @Path("/entity")
    @Requires(value = Permission.READ_FINDINGS, operation = "GetEntity")
    public String entity(InputStream body) {
        return Json.write(graph.entity(JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "GetEntity")), caller.get().scope()));
    }

    @POST
    @Path("/related")
    @Requires(value = Permission.READ_FINDINGS, operation = "GetRelatedFindings")
    public String related(InputStream body) {
        return Json.write(graph.related(JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "GetRelatedFindings")), caller.get().scope()));
    }
}
