-- Background jobs that must run on one replica at a time and once per interval across all of them
-- (io.muster.db.JobLocks): the replica that locks a job's row (FOR UPDATE SKIP LOCKED) runs it, and records
-- when and where it ran; the others skip the row while it is locked or while the last run is recent.
CREATE TABLE job_lock (
    name        VARCHAR(64) PRIMARY KEY,
    last_run_at TIMESTAMP WITH TIME ZONE,
    last_run_by VARCHAR(200),
    runs        BIGINT NOT NULL DEFAULT 0
);
INSERT INTO job_lock (name) VALUES ('score-snapshots');
INSERT INTO job_lock (name) VALUES ('retention');
