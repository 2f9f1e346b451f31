package io.muster.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Background jobs run on one replica at a time and once per interval: of workers that try a job at the same
 * moment (as replicas do) one runs it and the others skip it, a second try within the gap is skipped, and
 * the job table records each run and where it ran.
 */
@QuarkusTest
class JobLocksTest {

    @Inject
    JobLocks jobs;

    @Inject
    TestDatabase db;

    @Test
    void ofFourWorkersTryingAJobAtOnceOneRunsItAndATryWithinTheGapIsSkipped() throws Exception {
        String job = "test-" + UUID.randomUUID().toString().substring(0, 8);
        db.execute("INSERT INTO job_lock (name) VALUES (?)", job);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Optional<String>>> tries = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                tries.add(workers.submit(() -> {
                    start.await();
                    return jobs.runExclusively(job, Duration.ofMinutes(1), connection -> {
                        assertThat(running.incrementAndGet()).as("never two at once").isEqualTo(1);
                        pause(300);
                        runs.incrementAndGet();
                        running.decrementAndGet();
                        return "ran";
                    });
                }));
            }
            start.countDown();
            long ran = 0;
            for (Future<Optional<String>> attempt : tries) {
                ran += attempt.get().isPresent() ? 1 : 0;
            }
            assertThat(ran).isEqualTo(1);
            assertThat(runs).hasValue(1);
        } finally {
            workers.shutdownNow();
        }

        assertThat(jobs.runExclusively(job, Duration.ofMinutes(1), connection -> "again")).as("within the gap").isEmpty();
        assertThat(jobs.runExclusively(job, Duration.ZERO, connection -> "again")).as("once the gap has passed").contains("again");
        List<Object> row = db.rows("SELECT runs, last_run_by FROM job_lock WHERE name = ?", job).get(0);
        assertThat(((Number) row.get(0)).longValue()).isEqualTo(2);
        assertThat(row.get(1)).isEqualTo(JobLocks.HOLDER);
    }

    @Test
    void aJobWithoutARowNeverRuns() {
        assertThat(jobs.runExclusively("no-such-job", Duration.ZERO, connection -> "ran")).isEmpty();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
