package io.muster.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.MusterConfig;
import io.muster.api.ApiException;
import io.muster.api.ErrorCode;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.finding.AnalystUpdate;
import io.muster.finding.filter.FilterDialect;
import io.muster.finding.filter.FilterParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Security Hub's automation rules: criteria over findings and one FINDING_FIELDS_UPDATE action. Rules are
 * checked when they are saved — criteria against AutomationRulesFindingFilters, the action as a
 * BatchUpdateFindings would be — and applied by {@link AutomationRuleEngine} inside the import pipeline.
 */
@ApplicationScoped
public class AutomationRules {

    public static final int MAX_RULES = 100;
    public static final String ACTION_TYPE = "FINDING_FIELDS_UPDATE";

    /** A rule an operation could not process: Security Hub reports these with an integer code. */
    public record Unprocessed(String arn, int errorCode, String errorMessage) {
    }

    @Inject
    AutomationRuleStore store;

    @Inject
    MusterConfig config;

    public AutomationRule create(JsonInput request, String createdBy) {
        request.allowOnly("Tags", "RuleStatus", "RuleOrder", "RuleName", "Description", "IsTerminal", "Criteria", "Actions");
        if (store.count() >= MAX_RULES) {
            throw new ApiException(ErrorCode.LimitExceededException, "Muster allows at most " + MAX_RULES
                    + " automation rules, as Security Hub does; delete one first");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String arn = "arn:aws:securityhub:" + config.region() + ":" + config.accountId() + ":automation-rule/" + UUID.randomUUID();
        AutomationRule rule = new AutomationRule(arn,
                request.member("RuleName").require().text(1, 256),
                request.member("Description").require().text(1, 1024),
                request.member("RuleOrder").require().integer(1, 1000),
                status(request.member("RuleStatus"), AutomationRule.Status.ENABLED),
                bool(request.member("IsTerminal"), false),
                criteria(request.member("Criteria").require()),
                actions(request.member("Actions").require()),
                tags(request.member("Tags")), now, now, createdBy);
        store.insert(rule);
        return rule;
    }

    public List<AutomationRule> list() {
        return store.all();
    }

    /** The rules of these ARNs; unknown ones reported in {@code unprocessed}. */
    public List<AutomationRule> get(List<String> arns, List<Unprocessed> unprocessed) {
        List<AutomationRule> rules = new ArrayList<>();
        for (String arn : arns) {
            store.find(arn).ifPresentOrElse(rules::add, () -> unprocessed.add(notFound(arn)));
        }
        return rules;
    }

    /** Applies each update item; returns the ARNs updated, unknown ones reported in {@code unprocessed}. */
    public List<String> update(List<JsonInput> items, List<Unprocessed> unprocessed) {
        List<AutomationRule> changed = new ArrayList<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (JsonInput item : items) {
            item.requireObject().allowOnly("RuleArn", "RuleStatus", "RuleOrder", "Description", "RuleName", "IsTerminal",
                    "Criteria", "Actions");
            String arn = item.member("RuleArn").require().text(1, 256);
            var stored = store.find(arn);
            if (stored.isEmpty()) {
                unprocessed.add(notFound(arn));
                continue;
            }
            AutomationRule rule = stored.get();
            JsonInput name = item.member("RuleName");
            JsonInput description = item.member("Description");
            JsonInput order = item.member("RuleOrder");
            JsonInput criteria = item.member("Criteria");
            JsonInput actions = item.member("Actions");
            changed.add(new AutomationRule(arn,
                    name.isPresent() ? name.text(1, 256) : rule.name(),
                    description.isPresent() ? description.text(1, 1024) : rule.description(),
                    order.isPresent() ? order.integer(1, 1000) : rule.order(),
                    status(item.member("RuleStatus"), rule.status()),
                    bool(item.member("IsTerminal"), rule.terminal()),
                    criteria.isPresent() ? criteria(criteria) : rule.criteria(),
                    actions.isPresent() ? actions(actions) : rule.actions(),
                    rule.tags(), rule.createdAt(), now, rule.createdBy()));
        }
        changed.forEach(store::replace);
        return changed.stream().map(AutomationRule::arn).toList();
    }

    public List<String> delete(List<String> arns, List<Unprocessed> unprocessed) {
        List<String> deleted = new ArrayList<>();
        for (String arn : arns) {
            if (store.delete(arn)) {
                deleted.add(arn);
            } else {
                unprocessed.add(notFound(arn));
            }
        }
        return deleted;
    }

    private static Unprocessed notFound(String arn) {
        return new Unprocessed(arn, 404, "Automation rule " + arn + " does not exist");
    }

    /** Criteria are checked as AutomationRulesFindingFilters now, and kept as sent (DateRange counts from each import). */
    private static ObjectNode criteria(JsonInput criteria) {
        criteria.requireObject();
        FilterParser.parse(criteria, Instant.now(), FilterDialect.AUTOMATION_RULES);
        return ((ObjectNode) criteria.node()).deepCopy();
    }

    private static JsonNode actions(JsonInput actions) {
        List<JsonInput> list = actions.elements(1, 1);
        JsonInput action = list.get(0).requireObject().allowOnly("Type", "FindingFieldsUpdate");
        String type = action.member("Type").require().text();
        if (!ACTION_TYPE.equals(type)) {
            throw ApiException.invalidInput(action.member("Type").path() + " must be " + ACTION_TYPE + ", not '" + type + "'");
        }
        JsonInput update = action.member("FindingFieldsUpdate").require().requireObject()
                .allowOnly("Note", "Severity", "VerificationState", "Confidence", "Criticality", "Types", "UserDefinedFields",
                        "Workflow", "RelatedFindings");
        AnalystUpdate.parse(update);
        ArrayNode copy = Json.MAPPER.createArrayNode();
        copy.add(action.node().deepCopy());
        return copy;
    }

    /** The field update of a stored rule's action. */
    static AnalystUpdate fieldUpdate(AutomationRule rule) {
        return AnalystUpdate.parse(JsonInput.of(rule.actions().get(0).get("FindingFieldsUpdate"), "FindingFieldsUpdate"));
    }

    private static ObjectNode tags(JsonInput tags) {
        if (!tags.isPresent()) {
            return null;
        }
        var members = tags.members();
        if (members.isEmpty() || members.size() > 50) {
            throw ApiException.invalidInput("Tags must have 1 to 50 entries, not " + members.size());
        }
        ObjectNode copy = Json.object();
        members.forEach((key, value) -> {
            if (key.isEmpty() || key.length() > 128) {
                throw ApiException.invalidInput("Tags: keys must be 1 to 128 characters long");
            }
            copy.put(key, value.require().text(0, 256));
        });
        return copy;
    }

    private static AutomationRule.Status status(JsonInput status, AutomationRule.Status otherwise) {
        AutomationRule.Status value = status.enumValue(AutomationRule.Status.class);
        return value == null ? otherwise : value;
    }

    private static boolean bool(JsonInput value, boolean otherwise) {
        Boolean b = value.bool();
        return b == null ? otherwise : b;
    }
}
