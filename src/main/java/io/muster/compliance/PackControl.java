package io.muster.compliance;

import io.muster.finding.filter.FindingFilter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A control of a standard.
 *
 * @param id the standard-specific control id (ControlId), e.g. {@code CIS.1.1}
 * @param ruleId the id in the control's ARN and GeneratorId, e.g. {@code 1.1}
 * @param securityControlId the consolidated control id, e.g. {@code IAM.20}, when the control has one
 * @param findingFilters further mappings: a finding matching any of them counts for the control
 * @param parameters the customizable parameters of the security control, by name, in the pack's order (most controls have none)
 */
public record PackControl(String id, String ruleId, Optional<String> securityControlId, String title, String description,
        Severity severity, List<String> requirements, String remediationUrl, List<String> prowlerChecks,
        List<FindingFilter> findingFilters, Map<String, ControlParameter> parameters) {

    /** Security Hub's SeverityRating of a control. */
    public enum Severity {
        LOW, MEDIUM, HIGH, CRITICAL
    }
}
