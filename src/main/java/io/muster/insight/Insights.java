package io.muster.insight;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.MusterConfig;
import io.muster.api.ApiException;
import io.muster.api.ErrorCode;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.finding.filter.FilterParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Managed and custom insights: CreateInsight, GetInsights, UpdateInsight and DeleteInsight with Security
 * Hub's rules. Filters are checked as GetFindings checks them when an insight is saved, and kept as sent,
 * so a date range counts back from each GetInsightResults.
 */
@ApplicationScoped
public class Insights {

    /** Security Hub's hard quota of custom insights. */
    public static final int MAX_CUSTOM = 100;

    @Inject
    InsightStore store;

    @Inject
    ManagedInsights managed;

    @Inject
    MusterConfig config;

    public Insight create(JsonInput request, String createdBy) {
        request.allowOnly("Name", "Filters", "GroupByAttribute");
        String name = request.member("Name").require().text(1, 1024);
        ObjectNode filters = filters(request.member("Filters").require());
        GroupBy groupBy = GroupBy.of(request.member("GroupByAttribute").require().text(1, 100), "GroupByAttribute");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        InsightStore.Row row = new InsightStore.Row(UUID.randomUUID().toString(), name, filters, groupBy.name(), now);
        if (!store.insertWithin(row, createdBy, MAX_CUSTOM)) {
            throw new ApiException(ErrorCode.LimitExceededException, "Muster keeps at most " + MAX_CUSTOM
                    + " custom insights, as Security Hub does; delete one first");
        }
        return custom(row);
    }

    /** An insight that is never stored: the filters and group-by of a request, checked as CreateInsight checks them. */
    public Insight adHoc(JsonInput request) {
        ObjectNode filters = filters(request.member("Filters").isPresent() ? request.member("Filters") : JsonInput.of(Json.object(), "Filters"));
        GroupBy groupBy = GroupBy.of(request.member("GroupByAttribute").require().text(1, 100), "GroupByAttribute");
        return new Insight("", "", filters, groupBy.attribute(), false, Instant.now());
    }

    /** The insights of these ARNs, managed or custom; with none given, every custom insight (as Security Hub answers). */
    public List<Insight> get(List<String> arns) {
        if (arns.isEmpty()) {
            return store.all().stream().map(this::custom).toList();
        }
        List<Insight> found = new ArrayList<>();
        for (String arn : arns) {
            found.add(find(arn));
        }
        return found;
    }

    /** The insight of an ARN, or ResourceNotFoundException. */
    public Insight find(String arn) {
        if (ManagedInsights.isManagedArn(arn)) {
            return managed.byArn(arn).orElseThrow(() -> notFound(arn));
        }
        return customId(arn).flatMap(store::find).map(this::custom).orElseThrow(() -> notFound(arn));
    }

    public void update(String arn, JsonInput request) {
        request.allowOnly("Name", "Filters", "GroupByAttribute");
        Insight insight = writable(arn, "UpdateInsight");
        JsonInput name = request.member("Name");
        JsonInput filters = request.member("Filters");
        JsonInput groupBy = request.member("GroupByAttribute");
        InsightStore.Row row = new InsightStore.Row(customId(arn).orElseThrow(),
                name.isPresent() ? name.text(1, 1024) : insight.name(),
                filters.isPresent() ? filters(filters) : insight.filters(),
                groupBy.isPresent() ? GroupBy.of(groupBy.text(1, 100), "GroupByAttribute").name() : insight.groupBy().filterName(),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        if (!store.replace(row)) {
            throw notFound(arn);
        }
    }

    public void delete(String arn) {
        writable(arn, "DeleteInsight");
        if (!store.delete(customId(arn).orElseThrow())) {
            throw notFound(arn);
        }
    }

    private Insight writable(String arn, String operation) {
        Insight insight = find(arn);
        if (insight.managed()) {
            throw ApiException.invalidInput(arn + " is a managed insight, which " + operation
                    + " can't change; create a custom insight with its filters instead");
        }
        return insight;
    }

    private Insight custom(InsightStore.Row row) {
        String arn = "arn:aws:securityhub:" + config.region() + ":" + config.accountId() + ":insight/" + config.accountId()
                + "/custom/" + row.id();
        return new Insight(arn, row.name(), row.filters(), GroupBy.of(row.groupBy(), "GroupByAttribute").attribute(), false,
                row.updatedAt());
    }

    /** The id at the end of a custom insight's ARN ({@code …:insight/<account>/custom/<id>}), whatever Region and account it names. */
    private static Optional<String> customId(String arn) {
        int at = arn.lastIndexOf("/custom/");
        if (!arn.startsWith("arn:") || !arn.contains(":insight/") || at < 0) {
            return Optional.empty();
        }
        return Optional.of(arn.substring(at + "/custom/".length()));
    }

    private static ObjectNode filters(JsonInput filters) {
        filters.requireObject();
        FilterParser.parse(filters, Instant.now());
        return ((ObjectNode) filters.node()).deepCopy();
    }

    private static ApiException notFound(String arn) {
        return ApiException.notFound("No insight has the ARN '" + arn + "'; GetInsights lists the custom insights, and managed "
                + "insights are " + ManagedInsights.ARN_PREFIX + "<n>");
    }
}
