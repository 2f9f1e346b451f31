package io.muster.finding.filter;

/**
 * StringFilter and MapFilter comparisons. Each negative comparison is the negation of a positive one;
 * the filter model keeps negatives as "none of these positives match".
 */
public enum StringComparison {
    EQUALS, PREFIX, CONTAINS, NOT_EQUALS, PREFIX_NOT_EQUALS, NOT_CONTAINS, CONTAINS_WORD;

    public boolean isNegative() {
        return this == NOT_EQUALS || this == PREFIX_NOT_EQUALS || this == NOT_CONTAINS;
    }

    /** The positive comparison this one negates (itself for positives). */
    public StringComparison positive() {
        return switch (this) {
            case NOT_EQUALS -> EQUALS;
            case PREFIX_NOT_EQUALS -> PREFIX;
            case NOT_CONTAINS -> CONTAINS;
            default -> this;
        };
    }

    /** Whether a stored value satisfies this positive comparison (case-sensitive, as Security Hub's). */
    public boolean test(String stored, String value) {
        return switch (positive()) {
            case EQUALS -> stored.equals(value);
            case PREFIX -> stored.startsWith(value);
            case CONTAINS -> stored.contains(value);
            default -> throw new IllegalStateException(this + " is not evaluated");
        };
    }
}
