package io.muster.action;

import io.muster.MusterConfig;
import io.muster.api.ApiException;
import io.muster.api.JsonInput;
import io.muster.auth.AccessScope;
import io.muster.db.Transactions;
import io.muster.finding.FindingKey;
import io.muster.finding.FindingSearch;
import io.muster.finding.filter.FilterParser;
import io.muster.insight.Insight;
import io.muster.insight.InsightResults;
import io.muster.insight.Insights;
import io.muster.outbound.OutboundEvent;
import io.muster.outbound.Outbox;
import io.muster.outbound.SecurityHubEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Pressing a custom action button (a Muster extension: Security Hub has no API for it, only its console):
 * on findings named by identifier (up to 20, as the console sends), on the findings a filter selects (up to
 * {@link #MAX_FILTER_FINDINGS}), or on an insight's results. Writes one "Security Hub Findings - Custom
 * Action" event per finding, or one "Security Hub Insight Results" event, into the outbox in one
 * transaction — so the events exist exactly when the invocation succeeded — and answers with their ids.
 * Only findings within the caller's accounts can be sent.
 */
@ApplicationScoped
public class ActionInvocations {

    public static final int MAX_IDENTIFIERS = 20;
    public static final int MAX_FILTER_FINDINGS = 10_000;
    public static final int DEFAULT_FILTER_FINDINGS = 100;

    /** What an invocation wrote: the events' ids and how many findings they carry. */
    public record Invocation(ActionTarget target, List<String> eventIds, int findings) {
    }

    @Inject
    ActionTargets targets;

    @Inject
    FindingSearch search;

    @Inject
    Insights insights;

    @Inject
    InsightResults insightResults;

    @Inject
    Transactions transactions;

    @Inject
    Outbox outbox;

    @Inject
    MusterConfig config;

    public Invocation invoke(JsonInput request, AccessScope scope) {
        request.allowOnly("ActionTargetArn", "FindingIdentifiers", "Filters", "MaxFindings", "InsightArn");
        ActionTarget target = targets.find(request.member("ActionTargetArn").require().text(1, 2048));
        JsonInput identifiers = request.member("FindingIdentifiers");
        JsonInput filters = request.member("Filters");
        JsonInput insightArn = request.member("InsightArn");
        int named = (identifiers.isPresent() ? 1 : 0) + (filters.isPresent() ? 1 : 0) + (insightArn.isPresent() ? 1 : 0);
        if (named != 1) {
            throw ApiException.invalidInput("Name exactly one of FindingIdentifiers (up to " + MAX_IDENTIFIERS
                    + " findings), Filters (the findings they select) or InsightArn (the insight's results)");
        }
        if (request.member("MaxFindings").isPresent() && !filters.isPresent()) {
            throw ApiException.invalidInput("MaxFindings limits a Filters invocation");
        }
        Instant now = Instant.now();
        List<OutboundEvent> events = new ArrayList<>();
        int findings;
        if (insightArn.isPresent()) {
            Insight insight = insights.find(insightArn.text(1, 2048));
            List<InsightResults.Group> results = insightResults.results(insight, scope, now);
            events.add(SecurityHubEvents.insightResults(UUID.randomUUID().toString(), now, config.accountId(), config.region(),
                    target.arn(), target.name(), target.description(), insight.arn(), insight.name(),
                    insight.groupBy().filterName(), results.stream().map(g -> Map.entry(g.value(), g.count())).toList()));
            findings = 0;
        } else {
            List<String> documents = identifiers.isPresent() ? byIdentifier(identifiers, scope)
                    : search.documents(FilterParser.parse(filters.requireObject(), now), scope,
                            request.member("MaxFindings").isPresent() ? request.member("MaxFindings").integer(1, MAX_FILTER_FINDINGS)
                                    : DEFAULT_FILTER_FINDINGS);
            for (String document : documents) {
                events.add(SecurityHubEvents.customAction(UUID.randomUUID().toString(), now, config.accountId(), config.region(),
                        target.arn(), target.name(), target.description(), document));
            }
            findings = documents.size();
        }
        transactions.inTransaction(connection -> {
            outbox.append(connection, events);
            return null;
        });
        return new Invocation(target, events.stream().map(OutboundEvent::id).toList(), findings);
    }

    /** The named findings' documents; a finding that doesn't exist or is outside the caller's accounts fails the call. */
    private List<String> byIdentifier(JsonInput identifiers, AccessScope scope) {
        Map<FindingKey, String> wanted = new LinkedHashMap<>();
        for (JsonInput identifier : identifiers.elements(1, MAX_IDENTIFIERS)) {
            identifier.requireObject().allowOnly("Id", "ProductArn");
            FindingKey key = new FindingKey(identifier.member("ProductArn").require().text(1, 2048), identifier.member("Id").require().text(1, 512));
            wanted.put(key, identifier.path());
        }
        Map<FindingKey, String> found = search.documents(List.copyOf(wanted.keySet()), scope);
        List<String> missing = wanted.keySet().stream().filter(key -> !found.containsKey(key)).map(FindingKey::toString).toList();
        if (!missing.isEmpty()) {
            throw ApiException.notFound("No finding " + String.join(", ", missing) + (scope.isAccountRestricted()
                    ? " in the accounts you may see" : "") + "; nothing was sent");
        }
        return wanted.keySet().stream().map(found::get).toList();
    }
}
