package io.muster.finding.filter;

import java.time.Instant;
import java.util.List;

/** The parsed condition on one attribute; a filter is the AND of its criteria. */
public sealed interface Criterion {

    FilterAttribute attribute();

    /**
     * A positive text match: a StringFilter EQUALS/PREFIX/CONTAINS, or a MapFilter on entry {@code key}.
     */
    record Match(StringComparison comparison, String key, String value) {
    }

    /**
     * StringFilter and MapFilter: the finding matches when any of {@code anyOf} matches (or it is empty)
     * and none of {@code noneOf} matches — Security Hub ORs EQUALS/PREFIX/CONTAINS and ANDs the NOT_ forms.
     * For a multi-valued attribute a match is a match of any one value.
     */
    record Text(FilterAttribute attribute, List<Match> anyOf, List<Match> noneOf) implements Criterion {
    }

    /** NumberFilter list: any range matches. */
    record Number(FilterAttribute attribute, List<NumberRange> anyOf) implements Criterion {
    }

    /** DateFilter list: any period matches. */
    record Date(FilterAttribute attribute, List<Period> anyOf) implements Criterion {
    }

    /** BooleanFilter list: the value equals any of these. */
    record Bool(FilterAttribute attribute, List<Boolean> anyOf) implements Criterion {
    }

    /** IpFilter list: an address lies in any of these networks. */
    record Ip(FilterAttribute attribute, List<IpAddresses.Range> anyOf) implements Criterion {
    }

    /** One NumberFilter: all bounds given hold. */
    record NumberRange(Double gte, Double lte, Double eq, Double gt, Double lt) {

        public boolean test(double value) {
            return (gte == null || value >= gte) && (lte == null || value <= lte) && (eq == null || value == eq)
                    && (gt == null || value > gt) && (lt == null || value < lt);
        }
    }

    /**
     * One DateFilter resolved to instants, kept to the microsecond like stored timestamps: {@code from}
     * inclusive, {@code until} inclusive or exclusive.
     */
    record Period(Instant from, Instant until, boolean untilExclusive) {

        public Period {
            from = from == null ? null : AttributeValues.micros(from);
            until = until == null ? null : AttributeValues.micros(until);
        }

        public boolean test(Instant value) {
            return (from == null || !value.isBefore(from))
                    && (until == null || (untilExclusive ? value.isBefore(until) : !value.isAfter(until)));
        }
    }
}
