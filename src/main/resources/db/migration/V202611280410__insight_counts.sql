-- Managed insight results kept current by every write (io.muster.insight.ManagedInsightCounts), so that
-- GetInsightResults reads the top groups from an index instead of grouping a million findings.
-- The counts are over all accounts; callers who see only some accounts get results grouped when they ask.
-- group_key is the value itself, or for values longer than 200 characters their first 200 and a SHA-256 of
-- the whole; group_value is always the whole value.
CREATE TABLE insight_count (
    insight_no     SMALLINT NOT NULL,
    group_key      VARCHAR(300)${text_collation} NOT NULL,
    group_value    VARCHAR${text_collation} NOT NULL,
    finding_count  BIGINT NOT NULL,
    -- insight_no again, for the top-groups index only. An index led by insight_no would compete with the
    -- primary key for the counters' UPDATEs; a planner without statistics yet (a new table, autovacuum not
    -- run) may pick it and scan every group of an insight for each update.
    top_insight_no SMALLINT NOT NULL,
    PRIMARY KEY (insight_no, group_key)
);
CREATE INDEX insight_count_top_ix ON insight_count (top_insight_no, finding_count DESC, group_key);

-- Small facts the insight feature keeps: the fingerprint of the managed insights the counts were built for.
CREATE TABLE insight_state (
    name VARCHAR(100) PRIMARY KEY,
    fact VARCHAR(200) NOT NULL
);
