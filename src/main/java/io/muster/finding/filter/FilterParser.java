package io.muster.finding.filter;

import io.muster.api.ApiException;
import io.muster.api.JsonInput;
import io.muster.format.AsffTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads AwsSecurityFindingFilters (or automation rule criteria) from a request, applying Security Hub's
 * rules: the attributes and value counts of the {@link FilterDialect}; EQUALS, PREFIX and CONTAINS on one attribute are ORed, the NOT_ forms
 * ANDed; CONTAINS mixes only with CONTAINS, NOT_CONTAINS only with NOT_CONTAINS, and EQUALS never with
 * NOT_EQUALS or PREFIX_NOT_EQUALS. Every refusal names the member at fault.
 */
public final class FilterParser {

    private static final Set<StringComparison> MAP_COMPARISONS = EnumSet.of(StringComparison.EQUALS,
            StringComparison.NOT_EQUALS, StringComparison.CONTAINS, StringComparison.NOT_CONTAINS);

    private FilterParser() {
    }

    /**
     * @param now the instant relative date ranges ({@code DateRange}) count back from; paging keeps the
     *     first page's instant so that every page sees the same periods
     */
    public static FindingFilter parse(JsonInput filters, Instant now) {
        return parse(filters, now, FilterDialect.FINDINGS);
    }

    public static FindingFilter parse(JsonInput filters, Instant now, FilterDialect dialect) {
        if (!filters.isPresent()) {
            return FindingFilter.ALL;
        }
        Map<String, JsonInput> members = filters.requireObject().members();
        if (members.size() > dialect.maxAttributes()) {
            throw ApiException.invalidInput(filters.path() + " names " + members.size()
                    + " attributes; a filter may use at most " + dialect.maxAttributes());
        }
        List<Criterion> criteria = new ArrayList<>();
        for (var member : members.entrySet()) {
            if (member.getKey().equals("Keyword")) {
                throw ApiException.invalidInput("Filters.Keyword is deprecated in Security Hub and not supported; "
                        + "use Title or Description with CONTAINS");
            }
            FilterAttribute attribute = FilterAttribute.byName(member.getKey()).filter(dialect::allows)
                    .orElseThrow(() -> ApiException.invalidInput("'" + member.getKey() + "' in " + filters.path()
                            + " is not a finding attribute " + (dialect == FilterDialect.FINDINGS ? "Muster can filter on"
                                    : "automation rule criteria can use")));
            List<JsonInput> values = member.getValue().elements();
            if (values.isEmpty()) {
                continue;
            }
            if (values.size() > dialect.maxValues(attribute)) {
                throw ApiException.invalidInput(member.getValue().path() + " has " + values.size()
                        + " values; this attribute may have at most " + dialect.maxValues(attribute));
            }
            criteria.add(switch (attribute.type()) {
                case STRING -> text(attribute, values, false);
                case MAP -> text(attribute, values, true);
                case NUMBER -> number(attribute, values);
                case DATE -> date(attribute, values, now);
                case BOOLEAN -> bool(attribute, values);
                case IP -> ip(attribute, values);
            });
        }
        return new FindingFilter(List.copyOf(criteria));
    }

    private static Criterion text(FilterAttribute attribute, List<JsonInput> values, boolean map) {
        List<Criterion.Match> anyOf = new ArrayList<>();
        List<Criterion.Match> noneOf = new ArrayList<>();
        EnumSet<StringComparison> used = EnumSet.noneOf(StringComparison.class);
        for (JsonInput value : values) {
            value.requireObject();
            if (map) {
                value.allowOnly("Key", "Value", "Comparison");
            } else {
                value.allowOnly("Value", "Comparison");
            }
            String key = map ? value.member("Key").require().text() : null;
            String text = value.member("Value").require().text();
            StringComparison comparison = value.member("Comparison").require().enumValue(StringComparison.class);
            if (comparison == StringComparison.CONTAINS_WORD) {
                throw ApiException.invalidInput(value.member("Comparison").path()
                        + ": CONTAINS_WORD belongs to the OCSF (V2) APIs; use CONTAINS");
            }
            if (map && !MAP_COMPARISONS.contains(comparison)) {
                throw ApiException.invalidInput(value.member("Comparison").path()
                        + " must be one of EQUALS, NOT_EQUALS, CONTAINS, NOT_CONTAINS for a map filter");
            }
            used.add(comparison);
            Criterion.Match match = new Criterion.Match(comparison.positive(), key, text);
            (comparison.isNegative() ? noneOf : anyOf).add(match);
        }
        String at = "Filters." + attribute.filterName();
        if (used.contains(StringComparison.CONTAINS) && used.contains(StringComparison.NOT_CONTAINS)) {
            throw ApiException.invalidInput(at + " combines CONTAINS with NOT_CONTAINS, which Security Hub does not allow");
        }
        if (used.contains(StringComparison.CONTAINS) && used.size() > 1
                || used.contains(StringComparison.NOT_CONTAINS) && used.size() > 1) {
            throw ApiException.invalidInput(at + " combines " + (used.contains(StringComparison.CONTAINS) ? "CONTAINS" : "NOT_CONTAINS")
                    + " with other comparisons; it may only be combined with itself");
        }
        if (used.contains(StringComparison.EQUALS)
                && (used.contains(StringComparison.NOT_EQUALS) || used.contains(StringComparison.PREFIX_NOT_EQUALS))) {
            throw ApiException.invalidInput(at + " combines EQUALS with "
                    + (used.contains(StringComparison.NOT_EQUALS) ? "NOT_EQUALS" : "PREFIX_NOT_EQUALS")
                    + ", which Security Hub does not allow; use PREFIX with the NOT_ comparisons instead");
        }
        return new Criterion.Text(attribute, List.copyOf(anyOf), List.copyOf(noneOf));
    }

    private static Criterion number(FilterAttribute attribute, List<JsonInput> values) {
        List<Criterion.NumberRange> ranges = new ArrayList<>();
        for (JsonInput value : values) {
            value.requireObject().allowOnly("Gte", "Lte", "Eq", "Gt", "Lt");
            var range = new Criterion.NumberRange(value.member("Gte").number(), value.member("Lte").number(),
                    value.member("Eq").number(), value.member("Gt").number(), value.member("Lt").number());
            if (range.gte() == null && range.lte() == null && range.eq() == null && range.gt() == null && range.lt() == null) {
                throw ApiException.invalidInput(value.path() + " needs at least one of Gte, Lte, Eq, Gt, Lt");
            }
            ranges.add(range);
        }
        return new Criterion.Number(attribute, List.copyOf(ranges));
    }

    private static Criterion date(FilterAttribute attribute, List<JsonInput> values, Instant now) {
        List<Criterion.Period> periods = new ArrayList<>();
        for (JsonInput value : values) {
            value.requireObject().allowOnly("Start", "End", "DateRange");
            Instant start = instant(value.member("Start"));
            Instant end = instant(value.member("End"));
            JsonInput range = value.member("DateRange");
            if (range.isPresent()) {
                if (start != null || end != null) {
                    throw ApiException.invalidInput(value.path() + " gives DateRange together with Start/End; use one or the other");
                }
                periods.add(relative(range, now));
            } else if (start == null && end == null) {
                throw ApiException.invalidInput(value.path() + " needs Start and End, or DateRange");
            } else {
                if (start != null && end != null && start.isAfter(end)) {
                    throw ApiException.invalidInput(value.path() + ".Start is after its End");
                }
                periods.add(new Criterion.Period(start, end, false));
            }
        }
        return new Criterion.Date(attribute, List.copyOf(periods));
    }

    private static Criterion.Period relative(JsonInput range, Instant now) {
        range.requireObject().allowOnly("Value", "Unit", "Comparison");
        int days = range.member("Value").require().integer(0, 100_000);
        String unit = range.member("Unit").require().text();
        if (!"DAYS".equals(unit)) {
            throw ApiException.invalidInput(range.member("Unit").path() + " must be DAYS, not '" + unit + "'");
        }
        String comparison = range.member("Comparison").text();
        Instant boundary = now.minus(Duration.ofDays(days));
        if (comparison == null || comparison.equals("WITHIN")) {
            return new Criterion.Period(boundary, null, false);
        }
        if (comparison.equals("OLDER_THAN")) {
            return new Criterion.Period(null, boundary, true);
        }
        throw ApiException.invalidInput(range.member("Comparison").path() + " must be WITHIN or OLDER_THAN, not '" + comparison + "'");
    }

    private static Instant instant(JsonInput value) {
        String text = value.text();
        if (text == null) {
            return null;
        }
        return AsffTime.parse(text).map(t -> t.toInstant()).orElseThrow(() -> ApiException.invalidInput(
                value.path() + " must be an ISO-8601 date-time such as 2024-01-31T23:00:00Z, not '" + text + "'"));
    }

    private static Criterion ip(FilterAttribute attribute, List<JsonInput> values) {
        int family = AttributeValues.ipFamily(attribute);
        List<IpAddresses.Range> ranges = new ArrayList<>();
        for (JsonInput value : values) {
            value.requireObject().allowOnly("Cidr");
            String cidr = value.member("Cidr").require().text();
            IpAddresses.Range range = IpAddresses.range(cidr, family);
            if (range == null) {
                throw ApiException.invalidInput(value.member("Cidr").path() + ": '" + cidr + "' is not an IPv" + family
                        + " address or CIDR block such as " + (family == 4 ? "10.0.0.0/8" : "2001:db8::/32"));
            }
            ranges.add(range);
        }
        return new Criterion.Ip(attribute, List.copyOf(ranges));
    }

    private static Criterion bool(FilterAttribute attribute, List<JsonInput> values) {
        List<Boolean> anyOf = new ArrayList<>();
        for (JsonInput value : values) {
            value.requireObject().allowOnly("Value");
            anyOf.add(value.member("Value").require().bool());
        }
        return new Criterion.Bool(attribute, List.copyOf(anyOf));
    }
}
