package io.muster.finding.filter;

/** The filter shapes of Security Hub's AwsSecurityFindingFilters, one per attribute. */
public enum AttributeType {
    /** StringFilter {Value, Comparison}. */
    STRING,
    /** NumberFilter {Gte, Lte, Eq, Gt, Lt}. */
    NUMBER,
    /** DateFilter {Start, End, DateRange}. */
    DATE,
    /** MapFilter {Key, Value, Comparison}. */
    MAP,
    /** BooleanFilter {Value}. */
    BOOLEAN,
    /** IpFilter {Cidr}: an IPv4 or IPv6 address or network. */
    IP
}
