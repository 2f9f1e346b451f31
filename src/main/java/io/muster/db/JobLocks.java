package io.muster.db;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Background jobs shared by every replica on one database: a job runs where its row in {@code job_lock}
 * could be locked ({@code SELECT … FOR UPDATE SKIP LOCKED}, on H2 and PostgreSQL alike) and its last run is
 * at least {@code minimumGap} old, inside the transaction that holds the lock — so N replicas never run it at
 * the same time, nor more than once per interval between them.
 */
@ApplicationScoped
public class JobLocks {

    /** This process, as the job table names it: host and process id. */
    public static final String HOLDER = ManagementFactory.getRuntimeMXBean().getName();

    @Inject
    Transactions transactions;

    /** Runs {@code work} if no replica holds the job or ran it within {@code minimumGap}; empty when skipped. */
    public <T> Optional<T> runExclusively(String job, Duration minimumGap, Transactions.Work<T> work) {
        return transactions.inTransaction(connection -> {
            Instant now = Instant.now();
            List<Optional<OffsetDateTime>> locked = Sql.query(connection, "SELECT last_run_at FROM job_lock WHERE name = ? FOR UPDATE SKIP LOCKED",
                    List.of(job), rows -> Optional.ofNullable(rows.getObject(1, OffsetDateTime.class)));
            if (locked.isEmpty() || locked.get(0).filter(last -> last.toInstant().plus(minimumGap).isAfter(now)).isPresent()) {
                return Optional.<T>empty();
            }
            T result = work.run(connection);
            Sql.update(connection, "UPDATE job_lock SET last_run_at = ?, last_run_by = ?, runs = runs + 1 WHERE name = ?",
                    List.of(now.atOffset(ZoneOffset.UTC), HOLDER, job));
            return Optional.ofNullable(result);
        });
    }
}
