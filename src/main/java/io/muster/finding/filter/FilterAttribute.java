package io.muster.finding.filter;

import static io.muster.finding.filter.AttributeType.BOOLEAN;
import static io.muster.finding.filter.AttributeType.DATE;
import static io.muster.finding.filter.AttributeType.MAP;
import static io.muster.finding.filter.AttributeType.NUMBER;
import static io.muster.finding.filter.AttributeType.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every finding attribute that GetFindings (and everything built on its filter model) can filter on —
 * the one place an attribute is declared. A declaration names the attribute as AwsSecurityFindingFilters
 * spells it, its filter shape, where its values are in an ASFF document, and where they are stored:
 * a column of {@code finding} for single values and for maps (packed, see {@link PackedMap}), or rows of
 * {@code finding_value} under a stable code for text attributes a finding can hold many of. Writing, SQL
 * filtering and sorting all follow from this.
 */
public enum FilterAttribute {
    ID("Id", STRING, "Id", "asff_id"),
    PRODUCT_ARN("ProductArn", STRING, "ProductArn", "product_arn"),
    PRODUCT_NAME("ProductName", STRING, "ProductName", "product_name"),
    COMPANY_NAME("CompanyName", STRING, "CompanyName", "company_name"),
    GENERATOR_ID("GeneratorId", STRING, "GeneratorId", "generator_id"),
    AWS_ACCOUNT_ID("AwsAccountId", STRING, "AwsAccountId", "aws_account_id"),
    REGION("Region", STRING, "Region", "region"),
    TITLE("Title", STRING, "Title", "title"),
    SEVERITY_LABEL("SeverityLabel", STRING, "Severity.Label", "severity_label"),
    SEVERITY_NORMALIZED("SeverityNormalized", NUMBER, "Severity.Normalized", "severity_normalized"),
    CONFIDENCE("Confidence", NUMBER, "Confidence", "confidence"),
    CRITICALITY("Criticality", NUMBER, "Criticality", "criticality"),
    WORKFLOW_STATUS("WorkflowStatus", STRING, "Workflow.Status", "workflow_status"),
    RECORD_STATE("RecordState", STRING, "RecordState", "record_state"),
    VERIFICATION_STATE("VerificationState", STRING, "VerificationState", "verification_state"),
    COMPLIANCE_STATUS("ComplianceStatus", STRING, "Compliance.Status", "compliance_status"),
    COMPLIANCE_SECURITY_CONTROL_ID("ComplianceSecurityControlId", STRING, "Compliance.SecurityControlId",
            "compliance_security_control_id"),
    CREATED_AT("CreatedAt", DATE, "CreatedAt", "created_at"),
    UPDATED_AT("UpdatedAt", DATE, "UpdatedAt", "updated_at"),
    FIRST_OBSERVED_AT("FirstObservedAt", DATE, "FirstObservedAt", "first_observed_at"),
    LAST_OBSERVED_AT("LastObservedAt", DATE, "LastObservedAt", "last_observed_at"),

    TYPE("Type", STRING, "Types[]", 1),
    RESOURCE_TYPE("ResourceType", STRING, "Resources[].Type", 2),
    RESOURCE_ID("ResourceId", STRING, "Resources[].Id", 3),
    PRODUCT_FIELDS("ProductFields", MAP, "ProductFields", "product_fields"),
    USER_DEFINED_FIELDS("UserDefinedFields", MAP, "UserDefinedFields", "user_defined_fields");

    /**
     * Attributes every stored finding has: required by ASFF, or filled in by the import rules. Their
     * columns are NOT NULL, so they sort without a NULLS clause and an index serves the order.
     */
    private static final Set<FilterAttribute> ALWAYS_PRESENT = EnumSet.of(ID, PRODUCT_ARN, PRODUCT_NAME, COMPANY_NAME,
            GENERATOR_ID, AWS_ACCOUNT_ID, REGION, TITLE, SEVERITY_LABEL, SEVERITY_NORMALIZED, WORKFLOW_STATUS, RECORD_STATE,
            CREATED_AT, UPDATED_AT);

    private static final Map<String, FilterAttribute> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(FilterAttribute::filterName, Function.identity()));

    private final String filterName;
    private final AttributeType type;
    private final DocumentPath path;
    private final String column;
    private final short code;

    FilterAttribute(String filterName, AttributeType type, String path, String column) {
        this.filterName = filterName;
        this.type = type;
        this.path = DocumentPath.of(path);
        this.column = column;
        this.code = 0;
        if (this.path.isMultiValued()) {
            throw new IllegalStateException(filterName + " can hold several values and needs value rows, not a column");
        }
    }

    FilterAttribute(String filterName, AttributeType type, String path, int code) {
        this.filterName = filterName;
        this.type = type;
        this.path = DocumentPath.of(path);
        this.column = null;
        this.code = (short) code;
        if (type != STRING) {
            throw new IllegalStateException(filterName + ": value rows hold text; declare a column for " + type);
        }
    }

    public static Optional<FilterAttribute> byName(String filterName) {
        return Optional.ofNullable(BY_NAME.get(filterName));
    }

    /** The name in AwsSecurityFindingFilters and SortCriteria, e.g. {@code SeverityLabel}. */
    public String filterName() {
        return filterName;
    }

    public AttributeType type() {
        return type;
    }

    /** True when the attribute is one column of {@code finding}; false when it lives in value rows. */
    public boolean isColumn() {
        return column != null;
    }

    /** The column of {@code finding} holding this attribute, for single-valued attributes. */
    public String column() {
        return column;
    }

    /** The {@code finding_value.attr} code, for attributes stored as value rows. */
    public short code() {
        return code;
    }

    /** Every value this attribute has in a document (a map attribute: the object holding its entries). */
    public List<JsonNode> select(JsonNode document) {
        return path.select(document);
    }

    /** True when every stored finding has a value for this attribute (its column is NOT NULL). */
    public boolean alwaysPresent() {
        return ALWAYS_PRESENT.contains(this);
    }

    /** Columns of {@code finding} that hold attributes, in declaration order. */
    public static List<FilterAttribute> columns() {
        return Arrays.stream(values()).filter(FilterAttribute::isColumn).toList();
    }

    /** Attributes stored as value rows, in declaration order. */
    public static List<FilterAttribute> valueRowAttributes() {
        return Arrays.stream(values()).filter(a -> !a.isColumn()).toList();
    }

    static boolean sortable(FilterAttribute attribute) {
        return attribute.isColumn() && attribute.type != BOOLEAN && attribute.type != MAP;
    }
}
