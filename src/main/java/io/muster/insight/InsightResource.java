package io.muster.insight;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.ApiException;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.api.OffsetPage;
import io.muster.api.RequestBodies;
import io.muster.auth.CurrentCaller;
import io.muster.auth.Permission;
import io.muster.auth.Requires;
import io.muster.finding.filter.FilterParser;
import io.muster.finding.filter.FindingFilter;
import io.muster.format.AsffTime;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Security Hub's insight operations, on its paths (greedy ARNs) and in its shapes. */
@Path("/insights")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class InsightResource {

    private static final int MAX_BODY = 1024 * 1024;

    @Inject
    Insights insights;

    @Inject
    InsightResults results;

    @Inject
    FindingTrends trends;

    @Inject
    ManagedInsightCounts counts;

    @Inject
    ManagedInsights managed;

    @Inject
    CurrentCaller caller;

    @POST
    @Requires(value = Permission.MANAGE_INSIGHTS, operation = "CreateInsight", changesState = true)
    public String create(InputStream body) {
        Insight insight = insights.create(JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "CreateInsight")),
                caller.get().identity());
        return Json.write(Json.object().put("InsightArn", insight.arn()));
    }

    @POST
    @Path("/get")
    @Requires(value = Permission.READ_FINDINGS, operation = "GetInsights")
    public String get(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "GetInsights"))
                .allowOnly("InsightArns", "NextToken", "MaxResults");
        List<String> arns = new ArrayList<>();
        JsonInput list = request.member("InsightArns");
        if (list.isPresent()) {
            list.elements(0, 100).forEach(arn -> arns.add(arn.require().text(1, 2048)));
        }
        Integer maxResults = request.member("MaxResults").integer(1, 100);
        OffsetPage<Insight> page = OffsetPage.of(insights.get(arns), request.member("NextToken").text(),
                maxResults == null ? 100 : maxResults);
        ObjectNode answer = insightList(page.items());
        if (page.nextToken() != null) {
            answer.put("NextToken", page.nextToken());
        }
        return Json.write(answer);
    }

    /** Extension: the managed insights, which GetInsights without ARNs leaves out (as Security Hub does). */
    @GET
    @Path("/managed")
    @Requires(value = Permission.READ_FINDINGS, operation = "ListManagedInsights")
    public String listManaged() {
        return Json.write(insightList(managed.all()));
    }

    /** Extension: what an insight with these filters and group-by would answer, without saving one. */
    @POST
    @Path("/group")
    @Requires(value = Permission.READ_FINDINGS, operation = "GroupFindings")
    public String group(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "GroupFindings")).allowOnly("Filters", "GroupByAttribute");
        Insight adHoc = insights.adHoc(request);
        return Json.write(resultValues(Json.object().put("GroupByAttribute", adHoc.groupBy().filterName()),
                results.computed(adHoc, caller.get().scope(), Instant.now())));
    }

    private static ObjectNode insightList(List<Insight> list) {
        ObjectNode answer = Json.object();
        ArrayNode found = answer.putArray("Insights");
        for (Insight insight : list) {
            ObjectNode item = found.addObject().put("InsightArn", insight.arn()).put("Name", insight.name());
            item.set("Filters", insight.filters().deepCopy());
            item.put("GroupByAttribute", insight.groupBy().filterName());
        }
        return answer;
    }

    private static ObjectNode resultValues(ObjectNode holder, List<InsightResults.Group> groups) {
        ArrayNode values = holder.putArray("ResultValues");
        for (InsightResults.Group group : groups) {
            values.addObject().put("GroupByAttributeValue", group.value()).put("Count", group.count());
        }
        return holder;
    }

    @GET
    @Path("/results/{insightArn: .+}")
    @Requires(value = Permission.READ_FINDINGS, operation = "GetInsightResults")
    public String results(@PathParam("insightArn") String arn) {
        Insight insight = insights.find(arn);
        ObjectNode answer = Json.object();
        resultValues(answer.putObject("InsightResults").put("InsightArn", insight.arn()).put("GroupByAttribute", insight.groupBy().filterName()),
                results.results(insight, caller.get().scope(), Instant.now()));
        return Json.write(answer);
    }

    @POST
    @Path("/trends")
    @Requires(value = Permission.READ_FINDINGS, operation = "GetFindingTrends")
    public String trends(InputStream body) {
        JsonInput request = JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "GetFindingTrends"))
                .allowOnly("Filters", "Interval", "Start", "End", "SplitBy");
        Instant now = Instant.now();
        FindingTrends.Interval interval = request.member("Interval").isPresent()
                ? request.member("Interval").enumValue(FindingTrends.Interval.class) : FindingTrends.Interval.DAY;
        Instant end = instant(request.member("End")).orElse(now);
        Instant start = instant(request.member("Start"))
                .orElse(end.minus(interval == FindingTrends.Interval.DAY ? Duration.ofDays(30) : Duration.ofHours(48)));
        JsonInput filters = request.member("Filters");
        FindingFilter filter = FilterParser.parse(filters.isPresent() ? filters.requireObject() : JsonInput.of(Json.object(), "Filters"),
                now);
        Optional<String> splitBy = Optional.ofNullable(request.member("SplitBy").text());
        FindingTrends.Trend trend = trends.trend(new FindingTrends.Request(filter, interval, start, end, splitBy),
                caller.get().scope());

        ObjectNode answer = Json.object().put("Interval", trend.interval().name()).put("Start", AsffTime.format(trend.start()))
                .put("End", AsffTime.format(trend.end()));
        splitBy.ifPresent(name -> answer.put("SplitBy", name));
        ArrayNode series = answer.putArray("Series");
        for (FindingTrends.Series one : trend.series()) {
            ObjectNode item = series.addObject();
            if (one.value() != null) {
                item.put("Value", one.value());
            }
            ArrayNode buckets = item.putArray("Buckets");
            for (FindingTrends.Bucket bucket : one.buckets()) {
                buckets.addObject().put("Start", AsffTime.format(bucket.start())).put("New", bucket.created())
                        .put("Resolved", bucket.resolved()).put("Open", bucket.open());
            }
        }
        answer.put("SeriesLeftOut", trend.seriesLeftOut());
        return Json.write(answer);
    }

    @POST
    @Path("/recount")
    @Requires(value = Permission.ADMINISTER, operation = "RecountManagedInsights", changesState = true)
    public String recount() {
        return Json.write(Json.object().put("Milliseconds", counts.recount()));
    }

    @PATCH
    @Path("/{insightArn: .+}")
    @Requires(value = Permission.MANAGE_INSIGHTS, operation = "UpdateInsight", changesState = true)
    public String update(@PathParam("insightArn") String arn, InputStream body) {
        insights.update(arn, JsonInput.parseBody(RequestBodies.read(body, MAX_BODY, "UpdateInsight")));
        return "{}";
    }

    @DELETE
    @Path("/{insightArn: .+}")
    @Requires(value = Permission.MANAGE_INSIGHTS, operation = "DeleteInsight", changesState = true)
    public String delete(@PathParam("insightArn") String arn) {
        insights.delete(arn);
        return Json.write(Json.object().put("InsightArn", arn));
    }

    private static Optional<Instant> instant(JsonInput member) {
        if (!member.isPresent()) {
            return Optional.empty();
        }
        String text = member.text();
        return Optional.of(AsffTime.parse(text).orElseThrow(() -> ApiException.invalidInput(member.path() + " '" + text
                + "' is not an ISO 8601 date-time such as 2026-11-01T00:00:00Z")).toInstant());
    }
}
