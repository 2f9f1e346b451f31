package io.muster.finding.filter;

import static io.muster.finding.filter.AttributeType.BOOLEAN;
import static io.muster.finding.filter.AttributeType.DATE;
import static io.muster.finding.filter.AttributeType.IP;
import static io.muster.finding.filter.AttributeType.MAP;
import static io.muster.finding.filter.AttributeType.NUMBER;
import static io.muster.finding.filter.AttributeType.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.muster.correlation.Fingerprint;
import io.muster.priority.PriorityFormula;
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
 * {@code finding_value} under a stable code for the text, dates and addresses a finding can hold many of.
 * Writing, SQL filtering, in-memory matching and sorting all follow from this. These are the 106
 * attributes of AwsSecurityFindingFilters except the deprecated {@code Keyword}.
 */
public enum FilterAttribute {
    ID("Id", STRING, "Id", "asff_id"),
    PRODUCT_ARN("ProductArn", STRING, "ProductArn", "product_arn"),
    PRODUCT_NAME("ProductName", STRING, "ProductName", "product_name"),
    COMPANY_NAME("CompanyName", STRING, "CompanyName", "company_name"),
    GENERATOR_ID("GeneratorId", STRING, "GeneratorId", "generator_id"),
    AWS_ACCOUNT_ID("AwsAccountId", STRING, "AwsAccountId", "aws_account_id"),
    AWS_ACCOUNT_NAME("AwsAccountName", STRING, "AwsAccountName", "aws_account_name"),
    REGION("Region", STRING, "Region", "region"),
    TITLE("Title", STRING, "Title", "title"),
    DESCRIPTION("Description", STRING, "Description", "description"),
    RECOMMENDATION_TEXT("RecommendationText", STRING, "Remediation.Recommendation.Text", "recommendation_text"),
    SOURCE_URL("SourceUrl", STRING, "SourceUrl", "source_url"),
    SEVERITY_LABEL("SeverityLabel", STRING, "Severity.Label", "severity_label"),
    SEVERITY_NORMALIZED("SeverityNormalized", NUMBER, "Severity.Normalized", "severity_normalized"),
    SEVERITY_PRODUCT("SeverityProduct", NUMBER, "Severity.Product", "severity_product"),
    CONFIDENCE("Confidence", NUMBER, "Confidence", "confidence"),
    CRITICALITY("Criticality", NUMBER, "Criticality", "criticality"),
    WORKFLOW_STATUS("WorkflowStatus", STRING, "Workflow.Status", "workflow_status"),
    WORKFLOW_STATE("WorkflowState", STRING, "WorkflowState", "workflow_state"),
    RECORD_STATE("RecordState", STRING, "RecordState", "record_state"),
    VERIFICATION_STATE("VerificationState", STRING, "VerificationState", "verification_state"),
    COMPLIANCE_STATUS("ComplianceStatus", STRING, "Compliance.Status", "compliance_status"),
    COMPLIANCE_SECURITY_CONTROL_ID("ComplianceSecurityControlId", STRING, "Compliance.SecurityControlId", "compliance_security_control_id"),
    NOTE_TEXT("NoteText", STRING, "Note.Text", "note_text"),
    NOTE_UPDATED_BY("NoteUpdatedBy", STRING, "Note.UpdatedBy", "note_updated_by"),
    NOTE_UPDATED_AT("NoteUpdatedAt", DATE, "Note.UpdatedAt", "note_updated_at"),
    NETWORK_DIRECTION("NetworkDirection", STRING, "Network.Direction", "network_direction"),
    NETWORK_PROTOCOL("NetworkProtocol", STRING, "Network.Protocol", "network_protocol"),
    NETWORK_SOURCE_DOMAIN("NetworkSourceDomain", STRING, "Network.SourceDomain", "network_source_domain"),
    NETWORK_SOURCE_MAC("NetworkSourceMac", STRING, "Network.SourceMac", "network_source_mac"),
    NETWORK_SOURCE_PORT("NetworkSourcePort", NUMBER, "Network.SourcePort", "network_source_port"),
    NETWORK_SOURCE_IP_V4("NetworkSourceIpV4", IP, "Network.SourceIpV4", "network_source_ipv4"),
    NETWORK_SOURCE_IP_V6("NetworkSourceIpV6", IP, "Network.SourceIpV6", "network_source_ipv6"),
    NETWORK_DESTINATION_DOMAIN("NetworkDestinationDomain", STRING, "Network.DestinationDomain", "network_destination_domain"),
    NETWORK_DESTINATION_PORT("NetworkDestinationPort", NUMBER, "Network.DestinationPort", "network_destination_port"),
    NETWORK_DESTINATION_IP_V4("NetworkDestinationIpV4", IP, "Network.DestinationIpV4", "network_destination_ipv4"),
    NETWORK_DESTINATION_IP_V6("NetworkDestinationIpV6", IP, "Network.DestinationIpV6", "network_destination_ipv6"),
    PROCESS_NAME("ProcessName", STRING, "Process.Name", "process_name"),
    PROCESS_PATH("ProcessPath", STRING, "Process.Path", "process_path"),
    PROCESS_PID("ProcessPid", NUMBER, "Process.Pid", "process_pid"),
    PROCESS_PARENT_PID("ProcessParentPid", NUMBER, "Process.ParentPid", "process_parent_pid"),
    PROCESS_LAUNCHED_AT("ProcessLaunchedAt", DATE, "Process.LaunchedAt", "process_launched_at"),
    PROCESS_TERMINATED_AT("ProcessTerminatedAt", DATE, "Process.TerminatedAt", "process_terminated_at"),
    FINDING_PROVIDER_FIELDS_SEVERITY_LABEL("FindingProviderFieldsSeverityLabel", STRING, "FindingProviderFields.Severity.Label", "fpf_severity_label"),
    FINDING_PROVIDER_FIELDS_SEVERITY_ORIGINAL("FindingProviderFieldsSeverityOriginal", STRING, "FindingProviderFields.Severity.Original", "fpf_severity_original"),
    FINDING_PROVIDER_FIELDS_CONFIDENCE("FindingProviderFieldsConfidence", NUMBER, "FindingProviderFields.Confidence", "fpf_confidence"),
    FINDING_PROVIDER_FIELDS_CRITICALITY("FindingProviderFieldsCriticality", NUMBER, "FindingProviderFields.Criticality", "fpf_criticality"),
    SAMPLE("Sample", BOOLEAN, "Sample", "sample"),
    CREATED_AT("CreatedAt", DATE, "CreatedAt", "created_at"),
    UPDATED_AT("UpdatedAt", DATE, "UpdatedAt", "updated_at"),
    FIRST_OBSERVED_AT("FirstObservedAt", DATE, "FirstObservedAt", "first_observed_at"),
    LAST_OBSERVED_AT("LastObservedAt", DATE, "LastObservedAt", "last_observed_at"),
    PRODUCT_FIELDS("ProductFields", MAP, "ProductFields", "product_fields"),
    USER_DEFINED_FIELDS("UserDefinedFields", MAP, "UserDefinedFields", "user_defined_fields"),
    RESOURCE_TAGS("ResourceTags", MAP, "Resources[].Tags", "resource_tags"),
    RESOURCE_DETAILS_OTHER("ResourceDetailsOther", MAP, "Resources[].Details.Other", "resource_details_other"),
    TYPE("Type", STRING, "Types[]", 1),
    RESOURCE_TYPE("ResourceType", STRING, "Resources[].Type", 2),
    RESOURCE_ID("ResourceId", STRING, "Resources[].Id", 3),
    MALWARE_NAME("MalwareName", STRING, "Malware[].Name", 6),
    MALWARE_TYPE("MalwareType", STRING, "Malware[].Type", 7),
    MALWARE_PATH("MalwarePath", STRING, "Malware[].Path", 8),
    MALWARE_STATE("MalwareState", STRING, "Malware[].State", 9),
    THREAT_INTEL_INDICATOR_TYPE("ThreatIntelIndicatorType", STRING, "ThreatIntelIndicators[].Type", 10),
    THREAT_INTEL_INDICATOR_VALUE("ThreatIntelIndicatorValue", STRING, "ThreatIntelIndicators[].Value", 11),
    THREAT_INTEL_INDICATOR_CATEGORY("ThreatIntelIndicatorCategory", STRING, "ThreatIntelIndicators[].Category", 12),
    THREAT_INTEL_INDICATOR_SOURCE("ThreatIntelIndicatorSource", STRING, "ThreatIntelIndicators[].Source", 13),
    THREAT_INTEL_INDICATOR_SOURCE_URL("ThreatIntelIndicatorSourceUrl", STRING, "ThreatIntelIndicators[].SourceUrl", 14),
    THREAT_INTEL_INDICATOR_LAST_OBSERVED_AT("ThreatIntelIndicatorLastObservedAt", DATE, "ThreatIntelIndicators[].LastObservedAt", 47),
    RESOURCE_PARTITION("ResourcePartition", STRING, "Resources[].Partition", 15),
    RESOURCE_REGION("ResourceRegion", STRING, "Resources[].Region", 16),
    RESOURCE_PROVIDER("ResourceProvider", STRING, "Resources[].Provider", 46),
    RESOURCE_OWNER_ACCOUNT_ID("ResourceOwnerAccountId", STRING, "Resources[].Owner.Account.Id", 44),
    RESOURCE_OWNER_ORG_ID("ResourceOwnerOrgId", STRING, "Resources[].Owner.Org.Id", 45),
    RESOURCE_APPLICATION_NAME("ResourceApplicationName", STRING, "Resources[].ApplicationName", 42),
    RESOURCE_APPLICATION_ARN("ResourceApplicationArn", STRING, "Resources[].ApplicationArn", 43),
    RESOURCE_AWS_EC2_INSTANCE_TYPE("ResourceAwsEc2InstanceType", STRING, "Resources[].Details.AwsEc2Instance.Type", 17),
    RESOURCE_AWS_EC2_INSTANCE_IMAGE_ID("ResourceAwsEc2InstanceImageId", STRING, "Resources[].Details.AwsEc2Instance.ImageId", 18),
    RESOURCE_AWS_EC2_INSTANCE_KEY_NAME("ResourceAwsEc2InstanceKeyName", STRING, "Resources[].Details.AwsEc2Instance.KeyName", 19),
    RESOURCE_AWS_EC2_INSTANCE_IAM_INSTANCE_PROFILE_ARN("ResourceAwsEc2InstanceIamInstanceProfileArn", STRING, "Resources[].Details.AwsEc2Instance.IamInstanceProfileArn", 20),
    RESOURCE_AWS_EC2_INSTANCE_VPC_ID("ResourceAwsEc2InstanceVpcId", STRING, "Resources[].Details.AwsEc2Instance.VpcId", 21),
    RESOURCE_AWS_EC2_INSTANCE_SUBNET_ID("ResourceAwsEc2InstanceSubnetId", STRING, "Resources[].Details.AwsEc2Instance.SubnetId", 22),
    RESOURCE_AWS_EC2_INSTANCE_LAUNCHED_AT("ResourceAwsEc2InstanceLaunchedAt", DATE, "Resources[].Details.AwsEc2Instance.LaunchedAt", 48),
    RESOURCE_AWS_EC2_INSTANCE_IP_V4_ADDRESSES("ResourceAwsEc2InstanceIpV4Addresses", IP, "Resources[].Details.AwsEc2Instance.IpV4Addresses[]", 51),
    RESOURCE_AWS_EC2_INSTANCE_IP_V6_ADDRESSES("ResourceAwsEc2InstanceIpV6Addresses", IP, "Resources[].Details.AwsEc2Instance.IpV6Addresses[]", 52),
    RESOURCE_AWS_S3_BUCKET_OWNER_ID("ResourceAwsS3BucketOwnerId", STRING, "Resources[].Details.AwsS3Bucket.OwnerId", 23),
    RESOURCE_AWS_S3_BUCKET_OWNER_NAME("ResourceAwsS3BucketOwnerName", STRING, "Resources[].Details.AwsS3Bucket.OwnerName", 24),
    RESOURCE_AWS_IAM_ACCESS_KEY_USER_NAME("ResourceAwsIamAccessKeyUserName", STRING, "Resources[].Details.AwsIamAccessKey.UserName", 25),
    RESOURCE_AWS_IAM_ACCESS_KEY_PRINCIPAL_NAME("ResourceAwsIamAccessKeyPrincipalName", STRING, "Resources[].Details.AwsIamAccessKey.PrincipalName", 26),
    RESOURCE_AWS_IAM_ACCESS_KEY_STATUS("ResourceAwsIamAccessKeyStatus", STRING, "Resources[].Details.AwsIamAccessKey.Status", 27),
    RESOURCE_AWS_IAM_ACCESS_KEY_CREATED_AT("ResourceAwsIamAccessKeyCreatedAt", DATE, "Resources[].Details.AwsIamAccessKey.CreatedAt", 49),
    RESOURCE_AWS_IAM_USER_USER_NAME("ResourceAwsIamUserUserName", STRING, "Resources[].Details.AwsIamUser.UserName", 28),
    RESOURCE_CONTAINER_NAME("ResourceContainerName", STRING, "Resources[].Details.Container.Name", 29),
    RESOURCE_CONTAINER_IMAGE_ID("ResourceContainerImageId", STRING, "Resources[].Details.Container.ImageId", 30),
    RESOURCE_CONTAINER_IMAGE_NAME("ResourceContainerImageName", STRING, "Resources[].Details.Container.ImageName", 31),
    RESOURCE_CONTAINER_LAUNCHED_AT("ResourceContainerLaunchedAt", DATE, "Resources[].Details.Container.LaunchedAt", 50),
    RELATED_FINDINGS_PRODUCT_ARN("RelatedFindingsProductArn", STRING, "RelatedFindings[].ProductArn", 32),
    RELATED_FINDINGS_ID("RelatedFindingsId", STRING, "RelatedFindings[].Id", 33),
    FINDING_PROVIDER_FIELDS_RELATED_FINDINGS_ID("FindingProviderFieldsRelatedFindingsId", STRING, "FindingProviderFields.RelatedFindings[].Id", 34),
    FINDING_PROVIDER_FIELDS_RELATED_FINDINGS_PRODUCT_ARN("FindingProviderFieldsRelatedFindingsProductArn", STRING, "FindingProviderFields.RelatedFindings[].ProductArn", 35),
    FINDING_PROVIDER_FIELDS_TYPES("FindingProviderFieldsTypes", STRING, "FindingProviderFields.Types[]", 36),
    COMPLIANCE_ASSOCIATED_STANDARDS_ID("ComplianceAssociatedStandardsId", STRING, "Compliance.AssociatedStandards[].StandardsId", 37),
    COMPLIANCE_SECURITY_CONTROL_PARAMETERS_NAME("ComplianceSecurityControlParametersName", STRING, "Compliance.SecurityControlParameters[].Name", 40),
    COMPLIANCE_SECURITY_CONTROL_PARAMETERS_VALUE("ComplianceSecurityControlParametersValue", STRING, "Compliance.SecurityControlParameters[].Value[]", 41),
    VULNERABILITIES_EXPLOIT_AVAILABLE("VulnerabilitiesExploitAvailable", STRING, "Vulnerabilities[].ExploitAvailable", 38),
    VULNERABILITIES_FIX_AVAILABLE("VulnerabilitiesFixAvailable", STRING, "Vulnerabilities[].FixAvailable", 39),
    /** Muster's priority (0–100, extension): derived from the finding by {@link PriorityFormula}, never sent by a provider. */
    PRIORITY("Priority", NUMBER, finding -> JsonNodeFactory.instance.numberNode(PriorityFormula.priority(finding)), "priority"),
    /** What the finding is about, whoever reported it (extension): equal for cross-detector duplicates ({@link Fingerprint}). */
    FINGERPRINT("Fingerprint", STRING, finding -> JsonNodeFactory.instance.textNode(Fingerprint.of(finding)), "fingerprint");

    /**
     * Attributes every stored finding has: required by ASFF, filled in by the import rules, or derived for
     * every finding written (Priority). They sort without a NULLS clause, so an index serves the order.
     */
    private static final Set<FilterAttribute> ALWAYS_PRESENT = EnumSet.of(ID, PRODUCT_ARN, PRODUCT_NAME, COMPANY_NAME,
            GENERATOR_ID, AWS_ACCOUNT_ID, REGION, TITLE, SEVERITY_LABEL, SEVERITY_NORMALIZED, WORKFLOW_STATUS, RECORD_STATE,
            CREATED_AT, UPDATED_AT, PRIORITY);

    private static final Map<String, FilterAttribute> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(FilterAttribute::filterName, Function.identity()));

    private final String filterName;
    private final AttributeType type;
    private final DocumentPath path;
    private final Function<JsonNode, JsonNode> derivation;
    private final String column;
    private final short code;

    FilterAttribute(String filterName, AttributeType type, String path, String column) {
        this.filterName = filterName;
        this.type = type;
        this.path = DocumentPath.of(path);
        this.derivation = null;
        this.column = column;
        this.code = 0;
        if (this.path.isMultiValued() && type != MAP) {
            throw new IllegalStateException(filterName + " can hold several values and needs value rows, not a column");
        }
    }

    FilterAttribute(String filterName, AttributeType type, String path, int code) {
        this.filterName = filterName;
        this.type = type;
        this.path = DocumentPath.of(path);
        this.derivation = null;
        this.column = null;
        this.code = (short) code;
        if (type != STRING && type != DATE && type != IP) {
            throw new IllegalStateException(filterName + ": value rows hold text, dates and addresses; declare a column for " + type);
        }
    }

    /** An attribute Muster derives from the whole finding (one value, in a column) rather than reads at a path. */
    FilterAttribute(String filterName, AttributeType type, Function<JsonNode, JsonNode> derivation, String column) {
        this.filterName = filterName;
        this.type = type;
        this.path = null;
        this.derivation = derivation;
        this.column = column;
        this.code = 0;
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
        return derivation != null ? List.of(derivation.apply(document)) : path.select(document);
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
        return attribute.isColumn() && attribute.type != MAP;
    }
}
