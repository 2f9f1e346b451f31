package io.muster.automation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.JsonInput;
import io.muster.finding.AnalystUpdate;
import io.muster.finding.ChangeSource;
import io.muster.finding.FindingChange;
import io.muster.finding.FindingDiff;
import io.muster.finding.FindingState;
import io.muster.finding.ImportStep;
import io.muster.finding.filter.FilterDialect;
import io.muster.finding.filter.FilterMatcher;
import io.muster.finding.filter.FilterParser;
import io.muster.finding.filter.FindingFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Applies the enabled automation rules to every finding an import creates or changes, in the import's
 * transaction: lowest RuleOrder first (ties: the rule edited longest ago first), each matching rule's
 * field update as a change of its own — in history with the rule's ARN as identity — and nothing after a
 * matching terminal rule. Criteria are matched in memory by the same filter model GetFindings uses.
 * Rules act only on findings imported after they exist: stored findings are untouched until re-imported.
 */
@ApplicationScoped
public class AutomationRuleEngine implements ImportStep {

    private static final Logger LOG = Logger.getLogger(AutomationRuleEngine.class);

    private record Compiled(AutomationRule rule, FindingFilter criteria, AnalystUpdate update) {
    }

    @Inject
    AutomationRuleStore store;

    @Override
    public void apply(Collection<FindingState> changed, Instant now) {
        if (changed.isEmpty()) {
            return;
        }
        List<Compiled> rules = compile(now);
        if (rules.isEmpty()) {
            return;
        }
        for (FindingState state : changed) {
            for (Compiled compiled : rules) {
                if (!FilterMatcher.matches(compiled.criteria(), state.document())) {
                    continue;
                }
                ObjectNode updated = compiled.update().applyTo(state.document(), now);
                var fields = FindingDiff.between(state.document(), updated);
                if (!fields.isEmpty() && AnalystUpdate.refusal(updated) == null) {
                    state.apply(FindingChange.update(now, ChangeSource.updatedBy(compiled.rule().arn()), fields, updated),
                            state.analystFields() | compiled.update().analystFields());
                }
                if (compiled.rule().terminal()) {
                    break;
                }
            }
        }
    }

    private List<Compiled> compile(Instant now) {
        List<AutomationRule> enabled = new ArrayList<>(store.enabled());
        enabled.sort(AutomationRule::byPrecedence);
        List<Compiled> compiled = new ArrayList<>();
        for (AutomationRule rule : enabled) {
            try {
                compiled.add(new Compiled(rule, FilterParser.parse(JsonInput.of(rule.criteria(), "Criteria"), now,
                        FilterDialect.AUTOMATION_RULES), AutomationRules.fieldUpdate(rule)));
            } catch (RuntimeException e) {
                LOG.errorf("Automation rule %s cannot be applied and is skipped: %s", rule.arn(), e.getMessage());
            }
        }
        return compiled;
    }
}
