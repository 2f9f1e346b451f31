package io.muster.finding.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * The second interpreter of the filter model: decides in memory whether one finding document matches a
 * {@link FindingFilter}, with exactly the semantics {@link SqlFilter} gives the database — any value of a
 * multi-valued attribute may match; a missing value matches no positive comparison and every negative
 * one. Automation rules use it at import time; a property test holds it to the SQL answers.
 */
public final class FilterMatcher {

    private FilterMatcher() {
    }

    public static boolean matches(FindingFilter filter, JsonNode finding) {
        for (Criterion criterion : filter.criteria()) {
            if (!matches(criterion, finding)) {
                return false;
            }
        }
        return true;
    }

    static boolean matches(Criterion criterion, JsonNode finding) {
        if (criterion instanceof Criterion.Text text) {
            return text.attribute().type() == AttributeType.MAP ? mapMatches(text, finding) : textMatches(text, finding);
        }
        if (criterion instanceof Criterion.Number number) {
            return anyValueIn(AttributeValues.numbers(number.attribute(), finding), number.anyOf(), Criterion.NumberRange::test);
        }
        if (criterion instanceof Criterion.Date date) {
            return anyValueIn(AttributeValues.instants(date.attribute(), finding), date.anyOf(), Criterion.Period::test);
        }
        if (criterion instanceof Criterion.Ip ip) {
            return anyValueIn(AttributeValues.addresses(ip.attribute(), finding), ip.anyOf(), IpAddresses.Range::contains);
        }
        Criterion.Bool bool = (Criterion.Bool) criterion;
        return anyValueIn(AttributeValues.booleans(bool.attribute(), finding), bool.anyOf(), Boolean::equals);
    }

    /** True when one of the finding's values satisfies one of the conditions (entries of one attribute are ORed). */
    private static <V, C> boolean anyValueIn(List<V> values, List<C> conditions, BiPredicate<C, V> satisfies) {
        for (V value : values) {
            for (C condition : conditions) {
                if (satisfies.test(condition, value)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean textMatches(Criterion.Text criterion, JsonNode finding) {
        List<String> values = AttributeValues.strings(criterion.attribute(), finding);
        return (criterion.anyOf().isEmpty() || anyValueMatches(values, criterion.anyOf()))
                && !anyValueMatches(values, criterion.noneOf());
    }

    private static boolean anyValueMatches(List<String> values, List<Criterion.Match> matches) {
        for (String value : values) {
            for (Criterion.Match match : matches) {
                if (match.comparison().test(value, match.value())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean mapMatches(Criterion.Text criterion, JsonNode finding) {
        List<Map.Entry<String, String>> entries = AttributeValues.entries(criterion.attribute(), finding);
        return (criterion.anyOf().isEmpty() || anyEntryMatches(entries, criterion.anyOf()))
                && !anyEntryMatches(entries, criterion.noneOf());
    }

    private static boolean anyEntryMatches(List<Map.Entry<String, String>> entries, List<Criterion.Match> matches) {
        for (Map.Entry<String, String> entry : entries) {
            for (Criterion.Match match : matches) {
                if (entry.getKey().equals(match.key()) && match.comparison().test(entry.getValue(), match.value())) {
                    return true;
                }
            }
        }
        return false;
    }
}
