package io.muster.compliance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ApiException;
import io.muster.api.ErrorCode;
import io.muster.api.Json;
import io.muster.api.QueryParameters;
import io.muster.auth.CurrentCaller;
import io.muster.auth.Permission;
import io.muster.auth.Requires;
import io.muster.format.AsffTime;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Muster's compliance extensions (Security Hub has no API for these): security scores now and over time,
 * controls with their status and failing resources, the findings behind a control, the loaded packs, and
 * recomputing control evaluations.
 */
@Path("/compliance")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class ComplianceResource {

    @Inject
    Standards standards;

    @Inject
    Subscriptions subscriptions;

    @Inject
    ComplianceScores scores;

    @Inject
    ControlFindings controlFindings;

    @Inject
    ScoreSnapshots snapshots;

    @Inject
    ComplianceRebuild rebuild;

    @Inject
    ComplianceArns arns;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("/scores")
    @Requires(value = Permission.READ_FINDINGS, operation = "GetSecurityScores")
    public String getScores(@QueryParam("AwsAccountId") String account, @QueryParam("Region") String region) {
        List<CompliancePack> enabled = subscriptions.enabled().keySet().stream().map(standards::byKey).flatMap(Optional::stream).toList();
        List<ComplianceScores.StandardScore> results = scores.scores(enabled, where(account, region));
        ObjectNode answer = Json.object();
        putScore(answer, "Score", ComplianceScores.overall(results));
        putScore(answer, "WeightedScore", ComplianceScores.overallWeighted(results));
        ArrayNode list = answer.putArray("Standards");
        for (ComplianceScores.StandardScore result : results) {
            ObjectNode standard = list.addObject().put("StandardsArn", result.pack().standardsArn())
                    .put("StandardsSubscriptionArn", arns.subscription(result.pack())).put("Name", result.pack().name());
            putScore(standard, "Score", result.score());
            putScore(standard, "WeightedScore", result.weightedScore());
            standard.set("ControlsByStatus", counts(result.controlsByStatus()));
            ObjectNode bySeverity = standard.putObject("ControlsBySeverity");
            result.controlsBySeverity().forEach((severity, counts) -> bySeverity.set(severity.name(), counts(counts)));
        }
        return Json.write(answer);
    }

    @GET
    @Path("/scores/history")
    @Requires(value = Permission.READ_FINDINGS, operation = "GetSecurityScoreHistory")
    public String getScoreHistory(@QueryParam("StandardsArn") String standardsArn, @QueryParam("AwsAccountId") String account,
            @QueryParam("StartTime") String startTime, @QueryParam("EndTime") String endTime) {
        CompliancePack pack = pack(standardsArn);
        Optional<String> accountAsked = Optional.ofNullable(account).filter(a -> !a.isBlank());
        var scope = caller.get().scope();
        if (scope.isAccountRestricted() && (accountAsked.isEmpty() || !scope.allowsAccount(accountAsked.get()))) {
            throw new ApiException(ErrorCode.AccessDeniedException, "Score history over all accounts is for "
                    + "callers who may see every account; ask for one of your accounts with AwsAccountId");
        }
        Instant end = time("EndTime", endTime, Instant.now());
        Instant start = time("StartTime", startTime, end.minus(Duration.ofDays(30)));
        if (start.isAfter(end)) {
            throw ApiException.invalidInput("StartTime is after EndTime");
        }
        ObjectNode answer = Json.object().put("StandardsArn", pack.standardsArn());
        accountAsked.ifPresent(a -> answer.put("AwsAccountId", a));
        ArrayNode series = answer.putArray("Snapshots");
        for (ScoreSnapshots.Snapshot snapshot : snapshots.history(pack.key(), accountAsked, start, end)) {
            ObjectNode point = series.addObject().put("Time", snapshot.takenAt().toString());
            putScore(point, "Score", snapshot.score());
            putScore(point, "WeightedScore", snapshot.weightedScore());
            point.putObject("ControlsByStatus").put("PASSED", snapshot.passed()).put("FAILED", snapshot.failed())
                    .put("UNKNOWN", snapshot.unknown()).put("NO_DATA", snapshot.noData()).put("DISABLED", snapshot.disabled());
        }
        return Json.write(answer);
    }

    @GET
    @Path("/controls")
    @Requires(value = Permission.READ_FINDINGS, operation = "GetControlStatuses")
    public String getControls(@QueryParam("StandardsArn") String standardsArn, @QueryParam("AwsAccountId") String account,
            @QueryParam("Region") String region) {
        CompliancePack pack = pack(standardsArn);
        ComplianceScores.Where where = where(account, region);
        Map<String, Long> failingResources = controlFindings.failingResources(pack, where);
        ObjectNode answer = Json.object().put("StandardsArn", pack.standardsArn()).put("Enabled",
                subscriptions.enabled().containsKey(pack.key()));
        ArrayNode list = answer.putArray("Controls");
        for (ComplianceScores.ControlResult result : scores.controls(pack, where)) {
            PackControl control = result.control();
            ObjectNode item = list.addObject().put("ControlId", control.id());
            control.securityControlId().ifPresent(id -> item.put("SecurityControlId", id));
            item.put("Title", control.title()).put("SeverityRating", control.severity().name()).put("Status", result.status().name())
                    .put("FailedFindings", result.failed()).put("UnknownFindings", result.unknown())
                    .put("PassedFindings", result.passed()).put("FailingResources", failingResources.getOrDefault(control.id(), 0L));
            if (result.disabled() != null) {
                item.put("DisabledReason", result.disabled().reason());
            }
            item.put("FindingsUrl", "/compliance/findings?StandardsArn=" + encode(pack.standardsArn()) + "&ControlId="
                    + encode(control.id()) + (account == null || account.isBlank() ? "" : "&AwsAccountId=" + encode(account))
                    + (region == null || region.isBlank() ? "" : "&Region=" + encode(region)));
        }
        return Json.write(answer);
    }

    @GET
    @Path("/findings")
    @Requires(value = Permission.READ_FINDINGS, operation = "GetControlFindings")
    public String getControlFindings(@QueryParam("StandardsArn") String standardsArn, @QueryParam("ControlId") String controlId,
            @QueryParam("Status") String status, @QueryParam("AwsAccountId") String account, @QueryParam("Region") String region,
            @QueryParam("MaxResults") String maxResults, @QueryParam("NextToken") String nextToken) {
        CompliancePack pack = pack(standardsArn);
        if (controlId == null || controlId.isBlank()) {
            throw ApiException.invalidInput("ControlId is required");
        }
        PackControl control = pack.control(controlId).orElseThrow(() -> ApiException.notFound(
                pack.name() + " has no control '" + controlId + "'"));
        Integer statusCode = null;
        if (status != null) {
            statusCode = switch (status) {
                case "PASSED" -> ControlLink.PASSED;
                case "FAILED" -> ControlLink.FAILED;
                case "UNKNOWN" -> ControlLink.UNKNOWN;
                default -> throw ApiException.invalidInput("Status must be PASSED, FAILED or UNKNOWN, not '" + status + "'");
            };
        }
        ControlFindings.Page page = controlFindings.findings(pack, control, statusCode, where(account, region),
                QueryParameters.maxResults(maxResults, 100, 100), nextToken);
        ObjectNode answer = Json.object();
        ArrayNode findings = answer.putArray("Findings");
        page.documents().forEach(document -> findings.add(Json.readStored(document)));
        if (page.nextToken() != null) {
            answer.put("NextToken", page.nextToken());
        }
        return Json.write(answer);
    }

    @GET
    @Path("/packs")
    @Requires(value = Permission.READ_FINDINGS, operation = "ListCompliancePacks")
    public String listPacks() {
        ObjectNode answer = Json.object();
        ArrayNode packs = answer.putArray("Packs");
        for (CompliancePack pack : standards.packs()) {
            packs.addObject().put("StandardsArn", pack.standardsArn()).put("Name", pack.name()).put("Version", pack.version())
                    .put("Source", pack.source()).put("Controls", pack.controls().size());
        }
        ArrayNode problems = answer.putArray("Problems");
        standards.problems().forEach(problem -> problems.addObject().put("Source", problem.source()).put("Message", problem.message()));
        return Json.write(answer);
    }

    @POST
    @Path("/recompute")
    @Requires(value = Permission.ADMINISTER, operation = "RecomputeControlEvaluations", changesState = true)
    public String recompute() {
        ComplianceRebuild.Outcome outcome = rebuild.recompute();
        return Json.write(Json.object().put("FindingsExamined", outcome.findingsExamined())
                .put("FindingsChanged", outcome.findingsChanged()).put("Milliseconds", outcome.millis()));
    }

    private CompliancePack pack(String standardsArn) {
        if (standardsArn == null || standardsArn.isBlank()) {
            throw ApiException.invalidInput("StandardsArn is required; DescribeStandards lists the standards");
        }
        return standards.byArn(standardsArn).orElseThrow(() -> ApiException.notFound(
                "No standard has the ARN '" + standardsArn + "'; DescribeStandards lists the standards"));
    }

    private ComplianceScores.Where where(String account, String region) {
        return new ComplianceScores.Where(caller.get().scope(), Optional.ofNullable(account).filter(a -> !a.isBlank()),
                Optional.ofNullable(region).filter(r -> !r.isBlank()));
    }

    private static Instant time(String name, String value, Instant otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        return AsffTime.parse(value).map(t -> t.toInstant()).orElseThrow(() -> ApiException.invalidInput(
                name + " must be an ISO-8601 date-time such as 2026-01-31T23:00:00Z, not '" + value + "'"));
    }

    private static ObjectNode counts(Map<ComplianceScores.Status, Integer> counts) {
        ObjectNode node = Json.object();
        counts.forEach((status, count) -> node.put(status.name(), count));
        return node;
    }

    private static void putScore(ObjectNode node, String name, Integer score) {
        if (score == null) {
            node.putNull(name);
        } else {
            node.put(name, score);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
