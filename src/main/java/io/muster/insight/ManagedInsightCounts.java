package io.muster.insight;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.muster.api.Digests;
import io.muster.api.Json;
import io.muster.api.JsonInput;
import io.muster.auth.AccessScope;
import io.muster.db.CounterRows;
import io.muster.db.Transactions;
import io.muster.finding.FindingProjector;
import io.muster.finding.filter.FilterMatcher;
import io.muster.finding.filter.FilterParser;
import io.muster.finding.filter.FindingFilter;
import io.muster.finding.filter.SqlFilter;
import io.muster.finding.filter.SqlFragment;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Keeps the results of the managed insights current as findings are written, so GetInsightResults reads
 * a managed insight's top groups from an index: each write moves the count of every group the finding
 * leaves or joins ({@code insight_count}, over all accounts), in the write's transaction. Callers who see
 * only some accounts get results grouped from their accounts' findings when they ask.
 * The three managed insights with relative dates ("the last week", "the last day") are not counted —
 * their windows move on their own — and are computed when asked, as custom insights are.
 * <p>
 * The counts are built from the stored findings in the background after a start-up that finds the
 * managed insights changed since they were built (or never built); until then, and if building fails,
 * results are computed when asked. {@code POST /insights/recount} rebuilds them on an administrator's request.
 */
@ApplicationScoped
public class ManagedInsightCounts implements FindingProjector {

    private static final Logger LOG = Logger.getLogger(ManagedInsightCounts.class);
    private static final String FINGERPRINT = "managed-counts-fingerprint";
    private static final int KEY_PREFIX = 200;

    /** A managed insight whose results are counted: its number, filter and grouping. */
    private record Counted(int number, FindingFilter filter, GroupBy groupBy, ObjectNode filters) {
    }

    private record Key(int number, String groupKey) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byNumber = Integer.compare(number, other.number);
            return byNumber != 0 ? byNumber : groupKey.compareTo(other.groupKey);
        }
    }

    @Inject
    ManagedInsights managed;

    @Inject
    InsightConfig config;

    @Inject
    Transactions transactions;

    private Map<String, Counted> counted = Map.of();
    private String fingerprint;
    private volatile boolean ready;
    private volatile long recounts;
    private volatile long lastRecountMillis;

    @PostConstruct
    void select() {
        if (!config.managedCounts()) {
            return;
        }
        Map<String, Counted> selected = new LinkedHashMap<>();
        for (Insight insight : managed.all()) {
            if (!Json.write(insight.filters()).contains("\"DateRange\"")) {
                int number = Integer.parseInt(insight.arn().substring(ManagedInsights.ARN_PREFIX.length()));
                selected.put(insight.arn(), new Counted(number, FilterParser.parse(JsonInput.of(insight.filters(), "Filters"),
                        Instant.now()), new GroupBy(insight.groupBy()), insight.filters()));
            }
        }
        counted = selected;
        fingerprint = Digests.sha256Hex(selected.values().stream()
                .map(c -> c.number() + ":" + c.groupBy().name() + ":" + Json.write(c.filters())).collect(Collectors.joining("\n")));
    }

    void onStart(@Observes StartupEvent event) {
        if (counted.isEmpty()) {
            return;
        }
        String stored = transactions.inTransaction(connection -> fact(connection)).orElse("");
        if (stored.equals(fingerprint)) {
            ready = true;
            return;
        }
        Thread worker = new Thread(() -> {
            try {
                long millis = recount();
                LOG.infof("Managed insights changed since their results were counted: recounted %d insights in %d ms",
                        counted.size(), millis);
            } catch (RuntimeException e) {
                LOG.error("Counting the managed insights' results failed; they are computed when asked until a recount succeeds", e);
            }
        }, "muster-insight-recount");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * The counted results of a managed insight, or empty when it is not counted or the caller sees only some
     * accounts (compute it instead: the counts are over all accounts).
     */
    public Optional<List<InsightResults.Group>> results(Insight insight, AccessScope scope) {
        Counted insightCounts = counted.get(insight.arn());
        if (!ready || insightCounts == null || scope.isAccountRestricted()) {
            return Optional.empty();
        }
        return Optional.of(transactions.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT group_value, finding_count FROM insight_count "
                    + "WHERE top_insight_no = ? AND finding_count > 0 ORDER BY finding_count DESC, group_key ASC LIMIT "
                    + InsightResults.MAX_GROUPS)) {
                select.setInt(1, insightCounts.number());
                List<InsightResults.Group> groups = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        groups.add(new InsightResults.Group(rows.getString(1), rows.getLong(2)));
                    }
                }
                return groups;
            }
        }));
    }

    @Override
    public int order() {
        return FindingProjector.COUNTERS;
    }

    @Override
    public void project(Connection connection, List<Written> written) throws SQLException {
        if (counted.isEmpty()) {
            return;
        }
        Map<Key, long[]> deltas = new TreeMap<>();
        Map<Key, String> values = new HashMap<>();
        for (Written finding : written) {
            for (Counted insight : counted.values()) {
                if (finding.before() != null) {
                    count(insight, finding.before(), -1, deltas, values);
                }
                count(insight, finding.after(), +1, deltas, values);
            }
        }
        deltas.values().removeIf(delta -> delta[0] == 0);
        if (deltas.isEmpty()) {
            return;
        }
        List<Map.Entry<Key, long[]>> moves = new ArrayList<>(deltas.entrySet());
        new CounterRows<Map.Entry<Key, long[]>>(
                "INSERT INTO insight_count AS c (insight_no, group_key, group_value, finding_count, top_insight_no) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (insight_no, group_key) DO UPDATE SET finding_count = c.finding_count + EXCLUDED.finding_count",
                (upsert, move) -> {
                    bindKey(upsert, 1, move.getKey());
                    upsert.setString(3, values.get(move.getKey()));
                    upsert.setLong(4, move.getValue()[0]);
                    upsert.setInt(5, move.getKey().number());
                },
                "UPDATE insight_count SET finding_count = finding_count + ? WHERE insight_no = ? AND group_key = ?",
                (update, move) -> {
                    update.setLong(1, move.getValue()[0]);
                    bindKey(update, 2, move.getKey());
                },
                "INSERT INTO insight_count (insight_no, group_key, group_value, finding_count, top_insight_no) VALUES (?, ?, ?, 0, ?) "
                        + "ON CONFLICT DO NOTHING",
                (insert, move) -> {
                    bindKey(insert, 1, move.getKey());
                    insert.setString(3, values.get(move.getKey()));
                    insert.setInt(4, move.getKey().number());
                }).add(connection, moves);
        List<Key> emptied = moves.stream().filter(move -> move.getValue()[0] < 0).map(Map.Entry::getKey).toList();
        if (!emptied.isEmpty()) {
            try (PreparedStatement prune = connection.prepareStatement("DELETE FROM insight_count WHERE insight_no = ? "
                    + "AND group_key = ? AND finding_count <= 0")) {
                for (Key key : emptied) {
                    bindKey(prune, 1, key);
                    prune.addBatch();
                }
                prune.executeBatch();
            }
        }
    }

    private static void count(Counted insight, ObjectNode finding, int by, Map<Key, long[]> deltas, Map<Key, String> values) {
        if (!FilterMatcher.matches(insight.filter(), finding)) {
            return;
        }
        for (String value : insight.groupBy().values(finding)) {
            Key counter = new Key(insight.number(), key(value));
            deltas.computeIfAbsent(counter, k -> new long[1])[0] += by;
            values.putIfAbsent(counter, value);
        }
    }

    private static void bindKey(PreparedStatement statement, int first, Key key) throws SQLException {
        statement.setInt(first, key.number());
        statement.setString(first + 1, key.groupKey());
    }

    /** The value itself, or for a long one its first 200 characters and a digest of the whole. */
    static String key(String value) {
        return value.length() <= KEY_PREFIX ? value : value.substring(0, KEY_PREFIX) + "#" + Digests.sha256Hex(value);
    }

    /**
     * Rebuilds every counted insight's results from the stored findings, one insight a transaction; returns
     * the milliseconds it took. A call made while a rebuild runs waits for it and answers with its time.
     */
    public long recount() {
        long seen = recounts;
        synchronized (this) {
            if (recounts != seen) {
                return lastRecountMillis;
            }
            lastRecountMillis = rebuild();
            recounts++;
            return lastRecountMillis;
        }
    }

    private long rebuild() {
        long started = System.nanoTime();
        for (Counted insight : counted.values()) {
            transactions.inTransaction(connection -> {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM insight_count WHERE insight_no = ?")) {
                    delete.setInt(1, insight.number());
                    delete.executeUpdate();
                }
                recount(connection, insight);
                return null;
            });
        }
        transactions.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM insight_state WHERE name = ?")) {
                delete.setString(1, FINGERPRINT);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO insight_state (name, fact) VALUES (?, ?)")) {
                insert.setString(1, FINGERPRINT);
                insert.setString(2, fingerprint);
                insert.executeUpdate();
            }
            return null;
        });
        ready = !counted.isEmpty();
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** Counts one insight's groups over all accounts, as GetInsightResults would. */
    private static void recount(Connection connection, Counted insight) throws SQLException {
        GroupBy groupBy = insight.groupBy();
        SqlFragment sql = new SqlFragment().append("SELECT " + groupBy.value() + ", COUNT(*) FROM ").append(groupBy.from());
        SqlFragment where = SqlFilter.where(insight.filter(), AccessScope.UNRESTRICTED);
        if (!groupBy.present().isEmpty()) {
            where = where.isEmpty() ? new SqlFragment().append(groupBy.present()) : where.append(" AND " + groupBy.present());
        }
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(where);
        }
        sql.append(" GROUP BY " + groupBy.value());
        try (PreparedStatement select = connection.prepareStatement(sql.sql());
                PreparedStatement insert = connection.prepareStatement("INSERT INTO insight_count (insight_no, group_key, group_value, "
                        + "finding_count, top_insight_no) VALUES (?, ?, ?, ?, ?)")) {
            select.setFetchSize(5000);
            List<Object> parameters = sql.parameters();
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            int batched = 0;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String value = rows.getString(1);
                    insert.setInt(1, insight.number());
                    insert.setString(2, key(value));
                    insert.setString(3, value);
                    insert.setLong(4, rows.getLong(2));
                    insert.setInt(5, insight.number());
                    insert.addBatch();
                    if (++batched % 5000 == 0) {
                        insert.executeBatch();
                    }
                }
            }
            if (batched % 5000 != 0) {
                insert.executeBatch();
            }
        }
    }

    private static Optional<String> fact(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT fact FROM insight_state WHERE name = ?")) {
            select.setString(1, FINGERPRINT);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }
}
