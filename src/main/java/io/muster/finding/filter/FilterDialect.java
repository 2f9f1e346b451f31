package io.muster.finding.filter;

import static io.muster.finding.filter.FilterAttribute.*;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a filter is used decides which attributes and how many values it may have: GetFindings and
 * insights take every attribute (at most 10 of them, 20 values each); automation rule criteria
 * (AutomationRulesFindingFilters) take the 41 attributes Security Hub lists, without the 10-attribute
 * cap, with up to 100 values for AwsAccountId, GeneratorId, Title and ResourceId and 20 for the others.
 */
public enum FilterDialect {
    FINDINGS(EnumSet.allOf(FilterAttribute.class), 10, Set.of()),
    AUTOMATION_RULES(EnumSet.of(PRODUCT_ARN, AWS_ACCOUNT_ID, ID, GENERATOR_ID, TYPE, TITLE, DESCRIPTION, SOURCE_URL,
            PRODUCT_NAME, COMPANY_NAME, SEVERITY_LABEL, RESOURCE_TYPE, RESOURCE_ID, RESOURCE_PARTITION, RESOURCE_REGION,
            COMPLIANCE_STATUS, COMPLIANCE_SECURITY_CONTROL_ID, COMPLIANCE_ASSOCIATED_STANDARDS_ID, VERIFICATION_STATE,
            WORKFLOW_STATUS, RECORD_STATE, RELATED_FINDINGS_PRODUCT_ARN, RELATED_FINDINGS_ID, NOTE_TEXT, NOTE_UPDATED_BY,
            RESOURCE_APPLICATION_ARN, RESOURCE_APPLICATION_NAME, AWS_ACCOUNT_NAME, RESOURCE_PROVIDER, RESOURCE_OWNER_ACCOUNT_ID,
            RESOURCE_OWNER_ORG_ID, FIRST_OBSERVED_AT, LAST_OBSERVED_AT, CREATED_AT, UPDATED_AT, NOTE_UPDATED_AT, CONFIDENCE,
            CRITICALITY, RESOURCE_TAGS, RESOURCE_DETAILS_OTHER, USER_DEFINED_FIELDS),
            Integer.MAX_VALUE, Set.of(AWS_ACCOUNT_ID, GENERATOR_ID, TITLE, RESOURCE_ID));

    private final Set<FilterAttribute> attributes;
    private final int maxAttributes;
    private final Set<FilterAttribute> hundredValues;

    FilterDialect(Set<FilterAttribute> attributes, int maxAttributes, Set<FilterAttribute> hundredValues) {
        this.attributes = attributes;
        this.maxAttributes = maxAttributes;
        this.hundredValues = hundredValues;
    }

    public boolean allows(FilterAttribute attribute) {
        return attributes.contains(attribute);
    }

    public int maxAttributes() {
        return maxAttributes;
    }

    public int maxValues(FilterAttribute attribute) {
        return hundredValues.contains(attribute) ? 100 : 20;
    }
}
