package io.muster.insight;

import io.muster.api.ApiException;
import io.muster.auth.AccessScope;
import io.muster.db.Database;
import io.muster.db.Sql;
import io.muster.finding.filter.FindingFilter;
import io.muster.finding.filter.SqlFilter;
import io.muster.finding.filter.SqlFragment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Findings over time, in UTC buckets of a day or an hour, optionally split by a string attribute: per
 * bucket, how many findings were created (New), how many were closed (Resolved: archived, resolved or
 * suppressed) and how many were open at the bucket's end (Open). Every count is of the findings that
 * match the filter now; a finding closed and reopened counts as open from its creation.
 */
@ApplicationScoped
public class FindingTrends {

    public static final int MAX_BUCKETS = 400;
    public static final int MAX_SERIES = 100;

    public enum Interval {
        HOUR(Duration.ofHours(1)), DAY(Duration.ofDays(1));

        final Duration length;

        Interval(Duration length) {
            this.length = length;
        }
    }

    /** What to count: buckets of {@code interval} from the one holding {@code start} up to {@code end}. */
    public record Request(FindingFilter filter, Interval interval, Instant start, Instant end, Optional<String> splitBy) {
    }

    /** One bucket of one series. */
    public record Bucket(Instant start, long created, long resolved, long open) {
    }

    /** The buckets of one value of the split attribute (value null without a split). */
    public record Series(String value, List<Bucket> buckets) {
    }

    /** The series, largest (most open findings at the end) first, and how many smaller ones were left out. */
    public record Trend(Interval interval, Instant start, Instant end, List<Series> series, int seriesLeftOut) {
    }

    @Inject
    Database database;

    public Trend trend(Request request, AccessScope scope) {
        long width = request.interval().length.toSeconds();
        long first = Math.floorDiv(request.start().getEpochSecond(), width) * width;
        long last = request.end().getEpochSecond();
        if (last <= first) {
            throw ApiException.invalidInput("End must be after Start");
        }
        int buckets = (int) Math.min(Integer.MAX_VALUE, (last - first + width - 1) / width);
        if (buckets > MAX_BUCKETS) {
            throw ApiException.invalidInput("Start to End spans " + buckets + " " + request.interval().name().toLowerCase()
                    + "s; at most " + MAX_BUCKETS + " buckets are answered — narrow the window or use a longer Interval");
        }
        long end = first + buckets * width;
        Optional<GroupBy> split = request.splitBy().map(name -> GroupBy.of(name, "SplitBy"));
        Map<String, long[]> created = count("created_at", request.filter(), scope, split, first, width, end, buckets);
        Map<String, long[]> closed = count("closed_at", request.filter(), scope, split, first, width, end, buckets);

        List<Series> series = new ArrayList<>();
        for (String value : union(created, closed)) {
            long[] opened = created.getOrDefault(value, new long[buckets + 1]);
            long[] shut = closed.getOrDefault(value, new long[buckets + 1]);
            List<Bucket> list = new ArrayList<>(buckets);
            long open = opened[0] - shut[0];
            for (int i = 0; i < buckets; i++) {
                open += opened[i + 1] - shut[i + 1];
                list.add(new Bucket(Instant.ofEpochSecond(first + i * width), opened[i + 1], shut[i + 1], Math.max(open, 0)));
            }
            series.add(new Series(split.isPresent() ? value : null, list));
        }
        series.sort(Comparator.comparingLong((Series s) -> -s.buckets().get(buckets - 1).open())
                .thenComparing(s -> -s.buckets().stream().mapToLong(Bucket::created).sum())
                .thenComparing(s -> s.value() == null ? "" : s.value()));
        int leftOut = Math.max(0, series.size() - MAX_SERIES);
        if (series.isEmpty() && split.isEmpty()) {
            List<Bucket> empty = new ArrayList<>();
            for (int i = 0; i < buckets; i++) {
                empty.add(new Bucket(Instant.ofEpochSecond(first + i * width), 0, 0, 0));
            }
            series.add(new Series(null, empty));
        }
        return new Trend(request.interval(), Instant.ofEpochSecond(first), Instant.ofEpochSecond(end),
                series.subList(0, Math.min(series.size(), MAX_SERIES)), leftOut);
    }

    /**
     * Split value → counts by bucket of findings whose {@code column} falls before {@code end}: index 0
     * holds those before the first bucket, index i + 1 bucket i.
     */
    private Map<String, long[]> count(String column, FindingFilter filter, AccessScope scope, Optional<GroupBy> split, long first,
            long width, long end, int buckets) {
        String time = "f." + column;
        SqlFragment inner = new SqlFragment()
                .append("SELECT " + split.map(GroupBy::value).orElse("''") + " AS split_value, CASE WHEN " + time + " < ?", at(first))
                .append(" THEN -1 ELSE (CAST(FLOOR(EXTRACT(EPOCH FROM " + time + ")) AS BIGINT) - ?)", first)
                .append(" / ? END AS bucket FROM ", width)
                .append(split.map(GroupBy::from).orElseGet(() -> new SqlFragment().append("finding f")))
                .append(" WHERE " + time + " IS NOT NULL AND " + time + " < ?", at(end));
        SqlFragment where = SqlFilter.where(filter, scope);
        if (!where.isEmpty()) {
            inner.append(" AND ").append(where);
        }
        split.map(GroupBy::present).filter(p -> !p.isEmpty()).ifPresent(p -> inner.append(" AND " + p));
        SqlFragment sql = new SqlFragment().append("SELECT split_value, bucket, COUNT(*) FROM (").append(inner)
                .append(") counted GROUP BY split_value, bucket");
        Map<String, long[]> counts = new HashMap<>();
        try (Connection connection = database.connection(); PreparedStatement statement = connection.prepareStatement(sql.sql())) {
            Sql.bind(statement, sql.parameters());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    int bucket = (int) rows.getLong(2);
                    if (bucket >= buckets) {
                        continue;
                    }
                    counts.computeIfAbsent(rows.getString(1), value -> new long[buckets + 1])[bucket + 1] += rows.getLong(3);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Trends could not be counted: " + sql.sql(), e);
        }
        return counts;
    }

    private static OffsetDateTime at(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).atOffset(ZoneOffset.UTC);
    }

    private static List<String> union(Map<String, long[]> a, Map<String, long[]> b) {
        List<String> values = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(value -> !a.containsKey(value)).forEach(values::add);
        return values;
    }
}
