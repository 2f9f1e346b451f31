-- Managed insight results kept current by every write (io.muster.insight.ManagedInsightCounts), so that
-- GetInsightResults reads the top groups from an index instead of grouping a million findings.
-- aws_account_id '' holds the counts over all accounts. group_key is the value itself, or for values longer
-- than 200 characters their first 200 and a SHA-256 of the whole; group_value is always the whole value.
CREATE TABLE insight_count (
    insight_no     SMALLINT NOT NULL,
    aws_account_id VARCHAR(12)${text_collation} NOT NULL,
    group_key      VARCHAR(300)${text_collation} NOT NULL,
    group_value    VARCHAR${text_collation} NOT NULL,
    finding_count  BIGINT NOT NULL,
    PRIMARY KEY (insight_no, aws_account_id, group_key)
);
-- Top groups by count. group_key is left out on purpose: with it, this index matches the primary key's three
-- equality conditions too, and a planner without statistics may pick it for the counters' UPDATEs and scan
-- every group of an insight. Ties at the hundredth group are ordered by an incremental sort.
CREATE INDEX insight_count_top_ix ON insight_count (insight_no, aws_account_id, finding_count DESC);

-- Small facts the insight feature keeps: the fingerprint of the managed insights the counts were built for.
CREATE TABLE insight_state (
    name VARCHAR(100) PRIMARY KEY,
    fact VARCHAR(200) NOT NULL
);
