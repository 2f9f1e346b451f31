package io.muster.auth;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Json;
import io.muster.api.PageToken;
import io.muster.api.QueryParameters;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Extension: the audit log, newest first, for administrators. */
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditLog audit;

    @GET
    @Requires(value = Permission.ADMINISTER, operation = "GetAuditEvents")
    public String list(@QueryParam("MaxResults") String maxResults, @QueryParam("NextToken") String nextToken) {
        int limit = QueryParameters.maxResults(maxResults, 100, 1000);
        Long before = null;
        if (nextToken != null) {
            ObjectNode token = PageToken.decode(nextToken);
            if (!token.path("a").canConvertToLong()) {
                throw PageToken.invalid();
            }
            before = token.path("a").longValue();
        }
        List<AuditLog.Entry> entries = audit.list(before, limit + 1);
        ObjectNode answer = Json.object();
        ArrayNode events = answer.putArray("AuditEvents");
        for (AuditLog.Entry entry : entries.subList(0, Math.min(limit, entries.size()))) {
            ObjectNode event = events.addObject().put("Id", entry.id()).put("Time", entry.at().toString())
                    .put("Actor", entry.actor()).put("Action", entry.action()).put("Outcome", entry.outcome())
                    .put("Status", entry.status());
            putIfPresent(event, "CredentialId", entry.credentialId());
            putIfPresent(event, "Role", entry.role() == null ? null : entry.role().name());
            putIfPresent(event, "Target", entry.target());
            putIfPresent(event, "Reason", entry.reason());
            putIfPresent(event, "SourceIp", entry.sourceIp());
            putIfPresent(event, "UserAgent", entry.userAgent());
        }
        if (entries.size() > limit) {
            answer.put("NextToken", PageToken.encode(Json.object().put("a", entries.get(limit - 1).id())));
        }
        return Json.write(answer);
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
