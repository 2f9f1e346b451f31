package io.muster.compliance;

import io.muster.auth.AccessScope;
import io.muster.db.Database;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Control status and security scores, read from the counters that imports keep current — so a score
 * reflects every committed finding, not last night's batch job. The rules are Security Hub's:
 * SUPPRESSED and ARCHIVED findings are ignored; one FAILED finding fails a control; otherwise one WARNING
 * or NOT_AVAILABLE makes it UNKNOWN; all PASSED passes it; no findings is NO_DATA; a disabled control is
 * DISABLED whatever its findings say. A standard's score is its passed controls over its enabled
 * controls with data, rounded to a whole percent; the overall score is the average of the enabled
 * standards' scores. The severity-weighted score weighs each control by its severity instead of 1.
 */
@ApplicationScoped
public class ComplianceScores {

    /** The status of a control, as Security Hub's console shows it. */
    public enum Status {
        PASSED, FAILED, UNKNOWN, NO_DATA, DISABLED
    }

    /** Where to look: every account the caller may see, or one account and/or Region within that. */
    public record Where(AccessScope scope, Optional<String> awsAccountId, Optional<String> region) {

        /** Appends this restriction to a WHERE clause over a table with {@code aws_account_id} and {@code region} columns. */
        void appendTo(StringBuilder sql, List<Object> parameters, String tableAlias) {
            String prefix = tableAlias.isEmpty() ? "" : tableAlias + ".";
            if (scope.isAccountRestricted()) {
                sql.append(" AND ").append(prefix).append("aws_account_id IN (")
                        .append("?, ".repeat(scope.sortedAccounts().size() - 1)).append("?)");
                parameters.addAll(scope.sortedAccounts());
            }
            awsAccountId.ifPresent(account -> {
                sql.append(" AND ").append(prefix).append("aws_account_id = ?");
                parameters.add(account);
            });
            region.ifPresent(name -> {
                sql.append(" AND ").append(prefix).append("region = ?");
                parameters.add(name);
            });
        }
    }

    /** A control with its status and the counts of findings behind it. */
    public record ControlResult(PackControl control, Status status, long passed, long unknown, long failed,
            Subscriptions.DisabledControl disabled) {
    }

    /** A standard's score: null when none of its enabled controls has data. */
    public record StandardScore(CompliancePack pack, Integer score, Integer weightedScore, Map<Status, Integer> controlsByStatus,
            Map<PackControl.Severity, Map<Status, Integer>> controlsBySeverity) {
    }

    @Inject
    Database database;

    @Inject
    Subscriptions subscriptions;

    @Inject
    ComplianceConfig config;

    /** Refuses to start with weights that make no score: a negative weight, or none above zero. */
    void checkWeights(@Observes StartupEvent started) {
        List<Integer> weights = List.of(weight(PackControl.Severity.LOW), weight(PackControl.Severity.MEDIUM),
                weight(PackControl.Severity.HIGH), weight(PackControl.Severity.CRITICAL));
        if (weights.stream().anyMatch(w -> w < 0) || weights.stream().allMatch(w -> w == 0)) {
            throw new IllegalStateException("muster.compliance.weights.{low,medium,high,critical} must be 0 or more with at least "
                    + "one above 0, not " + weights);
        }
    }

    /** Every control of a standard with its status. */
    public List<ControlResult> controls(CompliancePack pack, Where where) {
        return controls(pack, counters(List.of(pack.key()), where).getOrDefault(pack.key(), Map.of()),
                subscriptions.disabledControls(pack.key()));
    }

    /** The score of each standard given, in the order given. */
    public List<StandardScore> scores(Collection<CompliancePack> packs, Where where) {
        Map<String, Map<String, long[]>> counters = counters(packs.stream().map(CompliancePack::key).toList(), where);
        List<StandardScore> scores = new ArrayList<>();
        for (CompliancePack pack : packs) {
            List<ControlResult> controls = controls(pack, counters.getOrDefault(pack.key(), Map.of()),
                    subscriptions.disabledControls(pack.key()));
            scores.add(score(pack, controls));
        }
        return scores;
    }

    /** The average of the standards' scores (those that have one); null when none has. */
    public static Integer overall(List<StandardScore> scores) {
        return average(scores.stream().map(StandardScore::score).toList());
    }

    /** The average of the standards' severity-weighted scores. */
    public static Integer overallWeighted(List<StandardScore> scores) {
        return average(scores.stream().map(StandardScore::weightedScore).toList());
    }

    private static Integer average(List<Integer> scores) {
        List<Integer> values = scores.stream().filter(score -> score != null).toList();
        return values.isEmpty() ? null : (int) Math.floor(values.stream().mapToInt(Integer::intValue).average().orElseThrow() + 0.5);
    }

    StandardScore score(CompliancePack pack, List<ControlResult> controls) {
        Map<Status, Integer> byStatus = new EnumMap<>(Status.class);
        Map<PackControl.Severity, Map<Status, Integer>> bySeverity = new EnumMap<>(PackControl.Severity.class);
        for (Status status : Status.values()) {
            byStatus.put(status, 0);
        }
        for (PackControl.Severity severity : PackControl.Severity.values()) {
            Map<Status, Integer> counts = new EnumMap<>(Status.class);
            for (Status status : Status.values()) {
                counts.put(status, 0);
            }
            bySeverity.put(severity, counts);
        }
        long passed = 0;
        long withData = 0;
        long passedWeight = 0;
        long weightWithData = 0;
        for (ControlResult result : controls) {
            byStatus.merge(result.status(), 1, Integer::sum);
            bySeverity.get(result.control().severity()).merge(result.status(), 1, Integer::sum);
            if (result.status() == Status.DISABLED || result.status() == Status.NO_DATA) {
                continue;
            }
            int weight = weight(result.control().severity());
            withData++;
            weightWithData += weight;
            if (result.status() == Status.PASSED) {
                passed++;
                passedWeight += weight;
            }
        }
        return new StandardScore(pack, percent(passed, withData), percent(passedWeight, weightWithData), byStatus, bySeverity);
    }

    /** {@code part / whole} as a whole percentage, rounded half up as Security Hub rounds; null for 0/0. */
    static Integer percent(long part, long whole) {
        return whole == 0 ? null : (int) Math.floor(100.0 * part / whole + 0.5);
    }

    int weight(PackControl.Severity severity) {
        return switch (severity) {
            case LOW -> config.weights().low();
            case MEDIUM -> config.weights().medium();
            case HIGH -> config.weights().high();
            case CRITICAL -> config.weights().critical();
        };
    }

    private static List<ControlResult> controls(CompliancePack pack, Map<String, long[]> counters,
            Map<String, Subscriptions.DisabledControl> disabled) {
        List<ControlResult> results = new ArrayList<>(pack.controls().size());
        for (PackControl control : pack.controls()) {
            long[] counts = counters.getOrDefault(control.id(), new long[3]);
            Subscriptions.DisabledControl off = disabled.get(control.id());
            results.add(new ControlResult(control, status(off != null, counts), counts[0], counts[1], counts[2], off));
        }
        return results;
    }

    static Status status(boolean disabled, long[] counts) {
        if (disabled) {
            return Status.DISABLED;
        }
        if (counts[2] > 0) {
            return Status.FAILED;
        }
        if (counts[1] > 0) {
            return Status.UNKNOWN;
        }
        return counts[0] > 0 ? Status.PASSED : Status.NO_DATA;
    }

    /** standard key → control id → {passed, unknown, failed} summed over the accounts and Regions asked for. */
    private Map<String, Map<String, long[]>> counters(List<String> standardKeys, Where where) {
        Map<String, Map<String, long[]>> counters = new HashMap<>();
        if (standardKeys.isEmpty()) {
            return counters;
        }
        StringBuilder sql = new StringBuilder("SELECT standard_key, control_id, SUM(passed_count), SUM(unknown_count), SUM(failed_count) "
                + "FROM control_evaluation WHERE standard_key IN (" + "?, ".repeat(standardKeys.size() - 1) + "?)");
        List<Object> parameters = new ArrayList<>(standardKeys);
        where.appendTo(sql, parameters, "");
        sql.append(" GROUP BY standard_key, control_id");
        try (Connection connection = database.connection(); PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counters.computeIfAbsent(rows.getString(1), key -> new HashMap<>())
                            .put(rows.getString(2), new long[] {rows.getLong(3), rows.getLong(4), rows.getLong(5)});
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Control evaluations could not be read", e);
        }
        return counters;
    }
}
