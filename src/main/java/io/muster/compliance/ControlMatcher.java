package io.muster.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import io.muster.finding.filter.FilterMatcher;
import io.muster.finding.filter.FindingFilter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which controls a finding counts for, across every loaded pack. A finding counts for a control when
 * <ul>
 * <li>its {@code Compliance.SecurityControlId} is the control's consolidated id,</li>
 * <li>its {@code GeneratorId} is the control's Security Hub rule ({@code security-control/IAM.20},
 * {@code arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/1.1},
 * {@code pci-dss/v/3.2.1/PCI.IAM.5} …) or a Prowler check the pack maps to it ({@code prowler-<check>}),</li>
 * <li>one of its {@code Compliance.RelatedRequirements} names a requirement the control covers, in
 * Security Hub's form ({@code CIS AWS Foundations Benchmark v1.2.0/1.1}) or Prowler's ({@code CIS-1.4 1.20 1.21};
 * Prowler's requirement ids are matched ignoring case),</li>
 * <li>or it matches one of the control's {@code findingFilters}, evaluated by the shared filter interpreter.</li>
 * </ul>
 * Everything but the filters is a hash lookup built once, so matching costs the same for 40 controls or 4,000.
 */
final class ControlMatcher {

    /** A control of a pack: what a link points to. */
    record Target(CompliancePack pack, PackControl control) {

        /** Identity by standard and control id: a record's own hash would walk the whole pack for every finding. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Target target && pack.key().equals(target.pack.key()) && control.id().equals(target.control.id());
        }

        @Override
        public int hashCode() {
            return 31 * pack.key().hashCode() + control.id().hashCode();
        }
    }

    private record FilterTarget(Target target, FindingFilter filter) {
    }

    private record ProwlerFramework(String prefix, Map<String, List<Target>> byRequirement) {
    }

    private final Map<String, List<Target>> bySecurityControlId = new HashMap<>();
    private final Map<String, List<Target>> byGeneratorId = new HashMap<>();
    private final Map<String, List<Target>> byRelatedRequirement = new HashMap<>();
    private final List<ProwlerFramework> prowlerFrameworks = new ArrayList<>();
    private final List<FilterTarget> filters = new ArrayList<>();

    ControlMatcher(List<CompliancePack> packs) {
        for (CompliancePack pack : packs) {
            Map<String, List<Target>> prowlerRequirements = new HashMap<>();
            for (PackControl control : pack.controls()) {
                Target target = new Target(pack, control);
                control.securityControlId().ifPresent(id -> {
                    index(bySecurityControlId, id, target);
                    index(byGeneratorId, "security-control/" + id, target);
                });
                pack.generatorIdPrefix().ifPresent(prefix -> index(byGeneratorId, prefix + control.ruleId(), target));
                control.prowlerChecks().forEach(check -> index(byGeneratorId, "prowler-" + check, target));
                for (String requirement : control.requirements()) {
                    for (String prefix : pack.relatedRequirementPrefixes()) {
                        index(byRelatedRequirement, prefix + requirement, target);
                    }
                    index(prowlerRequirements, requirement.toLowerCase(Locale.ROOT), target);
                }
                if (control.requirements().isEmpty()) {
                    // standards without separate requirement ids (AWS FSBP): Prowler names the control itself
                    index(prowlerRequirements, control.id().toLowerCase(Locale.ROOT), target);
                }
                control.findingFilters().forEach(filter -> filters.add(new FilterTarget(target, filter)));
            }
            pack.prowlerRequirementPrefix().ifPresent(prefix -> prowlerFrameworks.add(new ProwlerFramework(prefix, prowlerRequirements)));
        }
    }

    private static void index(Map<String, List<Target>> index, String key, Target target) {
        index.computeIfAbsent(key, k -> new ArrayList<>()).add(target);
    }

    /** Every control the finding counts for, each once, whatever the verdict. */
    Set<Target> targets(JsonNode finding) {
        Set<Target> targets = new LinkedHashSet<>();
        JsonNode compliance = finding.path("Compliance");
        add(targets, bySecurityControlId, compliance.path("SecurityControlId").textValue());
        add(targets, byGeneratorId, finding.path("GeneratorId").textValue());
        for (JsonNode requirement : compliance.path("RelatedRequirements")) {
            String text = requirement.textValue();
            if (text == null) {
                continue;
            }
            add(targets, byRelatedRequirement, text);
            for (ProwlerFramework framework : prowlerFrameworks) {
                if (text.startsWith(framework.prefix())) {
                    for (String id : text.substring(framework.prefix().length()).trim().split("\\s+")) {
                        add(targets, framework.byRequirement(), id.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        for (FilterTarget filter : filters) {
            if (!targets.contains(filter.target()) && FilterMatcher.matches(filter.filter(), finding)) {
                targets.add(filter.target());
            }
        }
        return targets;
    }

    private static void add(Set<Target> targets, Map<String, List<Target>> index, String key) {
        if (key != null) {
            List<Target> found = index.get(key);
            if (found != null) {
                targets.addAll(found);
            }
        }
    }
}
