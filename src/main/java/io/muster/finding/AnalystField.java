package io.muster.finding;

import java.util.List;

/**
 * The fields that both a provider (BatchImportFindings) and an analyst (BatchUpdateFindings) may set.
 * Once an analyst has set one, provider updates only reach its {@code FindingProviderFields} copy.
 * Stored as a bit set in {@code finding.analyst_fields}.
 */
public enum AnalystField {
    SEVERITY("Severity"),
    TYPES("Types"),
    CONFIDENCE("Confidence"),
    CRITICALITY("Criticality"),
    RELATED_FINDINGS("RelatedFindings");

    public static final List<AnalystField> ALL = List.of(values());

    private final String member;

    AnalystField(String member) {
        this.member = member;
    }

    /** The ASFF member name, the same at the top level and in FindingProviderFields. */
    public String member() {
        return member;
    }

    public int bit() {
        return 1 << ordinal();
    }

    public boolean isIn(int bits) {
        return (bits & bit()) != 0;
    }
}
