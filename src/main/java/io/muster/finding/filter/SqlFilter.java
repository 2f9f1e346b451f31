package io.muster.finding.filter;

import io.muster.api.ApiException;
import io.muster.auth.AccessScope;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

/**
 * Compiles a {@link FindingFilter} into a SQL condition on {@code finding f} that runs unchanged on H2 and
 * PostgreSQL. Column attributes compare the column; value-row attributes become sub-queries over
 * {@code finding_value}, so a multi-valued attribute matches when any of its values matches. A finding without a value never matches a positive comparison and always matches a
 * negative one.
 */
public final class SqlFilter {

    /** How many leading characters of a value {@code finding_value.val_key} holds. */
    public static final int VALUE_KEY_LENGTH = 200;

    private SqlFilter() {
    }

    /**
     * The condition of a filter, limited to the accounts of {@code scope}: every query of findings goes
     * through here, so none can see past a caller's scope.
     */
    public static SqlFragment where(FindingFilter filter, AccessScope scope) {
        SqlFragment where = new SqlFragment();
        if (scope.isAccountRestricted()) {
            where.append("f.aws_account_id IN (");
            int i = 0;
            for (String account : scope.sortedAccounts()) {
                where.append(i++ == 0 ? "?" : ", ?", account);
            }
            where.append(")");
        }
        for (Criterion criterion : filter.criteria()) {
            if (!where.isEmpty()) {
                where.append(" AND ");
            }
            where.append(condition(criterion));
        }
        return where;
    }

    private static SqlFragment condition(Criterion criterion) {
        if (criterion instanceof Criterion.Text text) {
            if (!text.attribute().isColumn()) {
                return valueRowText(text);
            }
            String column = "f." + text.attribute().column();
            return columnText(text, text.attribute().type() == AttributeType.MAP
                    ? match -> packedEntry(text.attribute(), match)
                    : match -> columnMatch(column, match));
        }
        if (criterion instanceof Criterion.Number number) {
            return ranges(number.attribute().column(), number.anyOf());
        }
        if (criterion instanceof Criterion.Date date) {
            return date.attribute().isColumn() ? periods(date.attribute().column(), date.anyOf()) : valueRowPeriods(date);
        }
        if (criterion instanceof Criterion.Ip ip) {
            return ipRanges(ip);
        }
        Criterion.Bool bool = (Criterion.Bool) criterion;
        return bools(bool.attribute().column(), bool.anyOf());
    }

    /** Dates a finding holds many of: value rows keep them as fixed-width UTC text, so a period is a text range. */
    private static SqlFragment valueRowPeriods(Criterion.Date criterion) {
        SqlFragment sql = new SqlFragment()
                .append("f.id IN (SELECT v.finding_id FROM finding_value v WHERE v.attr = ?", criterion.attribute().code())
                .append(" AND (");
        for (int i = 0; i < criterion.anyOf().size(); i++) {
            Criterion.Period period = criterion.anyOf().get(i);
            sql.append(i == 0 ? "(" : " OR (").append("v.val_key IS NOT NULL");
            if (period.from() != null) {
                sql.append(" AND v.val_key >= ?", AttributeValues.sortable(period.from()));
            }
            if (period.until() != null) {
                sql.append(" AND v.val_key " + (period.untilExclusive() ? "<" : "<=") + " ?", AttributeValues.sortable(period.until()));
            }
            sql.append(")");
        }
        return sql.append("))");
    }

    /** Addresses are fixed-width hex, so a CIDR block is a text range, in a column or in value rows. */
    private static SqlFragment ipRanges(Criterion.Ip criterion) {
        FilterAttribute attribute = criterion.attribute();
        String value = attribute.isColumn() ? "f." + attribute.column() : "v.val_key";
        SqlFragment ranges = new SqlFragment().append("(");
        for (int i = 0; i < criterion.anyOf().size(); i++) {
            IpAddresses.Range range = criterion.anyOf().get(i);
            ranges.append(i == 0 ? "(" : " OR (").append(value + " >= ?", range.first()).append(" AND " + value + " <= ?", range.last())
                    .append(")");
        }
        ranges.append(")");
        if (attribute.isColumn()) {
            return ranges;
        }
        return new SqlFragment().append("f.id IN (SELECT v.finding_id FROM finding_value v WHERE v.attr = ?", attribute.code())
                .append(" AND ").append(ranges).append(")");
    }

    /** Positives ORed, each negative ANDed as "no value, or not this one". */
    private static SqlFragment columnText(Criterion.Text criterion, Function<Criterion.Match, SqlFragment> matcher) {
        String column = "f." + criterion.attribute().column();
        SqlFragment sql = new SqlFragment().append("(");
        boolean first = true;
        if (!criterion.anyOf().isEmpty()) {
            sql.append("(");
            for (int i = 0; i < criterion.anyOf().size(); i++) {
                sql.append(i == 0 ? "" : " OR ").append(matcher.apply(criterion.anyOf().get(i)));
            }
            sql.append(")");
            first = false;
        }
        for (Criterion.Match match : criterion.noneOf()) {
            sql.append(first ? "" : " AND ").append("(" + column + " IS NULL OR NOT ").append(matcher.apply(match)).append(")");
            first = false;
        }
        return sql.append(")");
    }

    private static SqlFragment columnMatch(String column, Criterion.Match match) {
        return switch (match.comparison()) {
            case EQUALS -> new SqlFragment().append(column + " = ?", match.value());
            case PREFIX -> new SqlFragment().append(column + " LIKE ? ESCAPE '\\'", escapeLike(match.value()) + "%");
            case CONTAINS -> new SqlFragment().append(column + " LIKE ? ESCAPE '\\'", "%" + escapeLike(match.value()) + "%");
            default -> throw new IllegalArgumentException("not a positive comparison: " + match.comparison());
        };
    }

    /** MapFilter EQUALS on a {@link PackedMap} column: one exact LIKE per entry. */
    private static SqlFragment packedEntry(FilterAttribute attribute, Criterion.Match match) {
        if (match.comparison() != StringComparison.EQUALS) {
            throw ApiException.invalidInput("Filters." + attribute.filterName() + ": CONTAINS and NOT_CONTAINS on map filters work in "
                    + "automation rules only, as in Security Hub; use EQUALS or NOT_EQUALS");
        }
        return new SqlFragment().append("f." + attribute.column() + " LIKE ? ESCAPE '\\'",
                "%," + escapeLike(PackedMap.entry(match.key(), match.value())) + "%");
    }

    /**
     * Positives as {@code f.id IN (SELECT finding_id … )} — evaluated once from the value index, on both
     * databases — and negatives as a correlated {@code NOT EXISTS}, which PostgreSQL runs as an anti-join.
     */
    private static SqlFragment valueRowText(Criterion.Text criterion) {
        SqlFragment sql = new SqlFragment().append("(");
        if (!criterion.anyOf().isEmpty()) {
            sql.append("f.id IN (SELECT v.finding_id FROM finding_value v WHERE ")
                    .append(valueRowMatches(criterion.attribute(), criterion.anyOf())).append(")");
        }
        if (!criterion.noneOf().isEmpty()) {
            sql.append(criterion.anyOf().isEmpty() ? "" : " AND ")
                    .append("NOT EXISTS (SELECT 1 FROM finding_value v WHERE v.finding_id = f.id AND ")
                    .append(valueRowMatches(criterion.attribute(), criterion.noneOf())).append(")");
        }
        return sql.append(")");
    }

    private static SqlFragment valueRowMatches(FilterAttribute attribute, List<Criterion.Match> matches) {
        SqlFragment sql = new SqlFragment().append("v.attr = ?", attribute.code()).append(" AND (");
        for (int i = 0; i < matches.size(); i++) {
            sql.append(i == 0 ? "" : " OR ").append(valueMatch(matches.get(i)));
        }
        return sql.append(")");
    }

    /** One positive match against a value row; uses the indexed {@code val_key} wherever it can. */
    private static SqlFragment valueMatch(Criterion.Match match) {
        String value = match.value();
        SqlFragment sql = new SqlFragment().append("(");
        boolean fitsKey = value.length() <= VALUE_KEY_LENGTH;
        switch (match.comparison()) {
            case EQUALS -> {
                if (fitsKey) {
                    sql.append("v.val_key = ? AND v.val IS NULL", value);
                } else {
                    sql.append("v.val_key = ?", value.substring(0, VALUE_KEY_LENGTH)).append(" AND v.val = ?", value);
                }
            }
            case PREFIX -> {
                if (fitsKey) {
                    sql.append("v.val_key LIKE ? ESCAPE '\\'", escapeLike(value) + "%");
                } else {
                    sql.append("v.val_key = ?", value.substring(0, VALUE_KEY_LENGTH))
                            .append(" AND v.val LIKE ? ESCAPE '\\'", escapeLike(value) + "%");
                }
            }
            case CONTAINS -> sql.append("COALESCE(v.val, v.val_key) LIKE ? ESCAPE '\\'", "%" + escapeLike(value) + "%");
            default -> throw new IllegalArgumentException("not a positive comparison: " + match.comparison());
        }
        return sql.append(")");
    }

    private static SqlFragment ranges(String column, List<Criterion.NumberRange> ranges) {
        SqlFragment sql = new SqlFragment().append("(");
        for (int i = 0; i < ranges.size(); i++) {
            Criterion.NumberRange range = ranges.get(i);
            sql.append(i == 0 ? "(" : " OR (").append("f." + column + " IS NOT NULL");
            bound(sql, column, ">=", range.gte());
            bound(sql, column, "<=", range.lte());
            bound(sql, column, "=", range.eq());
            bound(sql, column, ">", range.gt());
            bound(sql, column, "<", range.lt());
            sql.append(")");
        }
        return sql.append(")");
    }

    private static void bound(SqlFragment sql, String column, String operator, Object value) {
        if (value != null) {
            sql.append(" AND f." + column + " " + operator + " ?", value);
        }
    }

    private static SqlFragment periods(String column, List<Criterion.Period> periods) {
        SqlFragment sql = new SqlFragment().append("(");
        for (int i = 0; i < periods.size(); i++) {
            Criterion.Period period = periods.get(i);
            sql.append(i == 0 ? "(" : " OR (").append("f." + column + " IS NOT NULL");
            if (period.from() != null) {
                bound(sql, column, ">=", period.from().atOffset(ZoneOffset.UTC));
            }
            if (period.until() != null) {
                bound(sql, column, period.untilExclusive() ? "<" : "<=", period.until().atOffset(ZoneOffset.UTC));
            }
            sql.append(")");
        }
        return sql.append(")");
    }

    private static SqlFragment bools(String column, List<Boolean> values) {
        SqlFragment sql = new SqlFragment().append("(");
        for (int i = 0; i < values.size(); i++) {
            sql.append(i == 0 ? "" : " OR ").append("f." + column + " = ?", values.get(i));
        }
        return sql.append(")");
    }

    /** Escapes LIKE wildcards so that user text matches literally. */
    static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
