-- Compliance: which stored findings count for which control, counters per control, enabled standards,
-- disabled controls and score snapshots. See io.muster.compliance.

-- One row per (finding, standard control) for findings that count towards a control's status: an
-- ACTIVE, not SUPPRESSED finding with a Compliance.Status. status: 1 PASSED, 2 WARNING/NOT_AVAILABLE
-- (UNKNOWN), 3 FAILED. Written only by FindingWriter's compliance projection, in the finding's transaction.
CREATE TABLE finding_control (
    finding_id     BIGINT NOT NULL,
    standard_key   VARCHAR(200)${text_collation} NOT NULL,
    control_id     VARCHAR(100)${text_collation} NOT NULL,
    aws_account_id VARCHAR(64)${text_collation} NOT NULL,
    region         VARCHAR(64)${text_collation} NOT NULL,
    status         SMALLINT NOT NULL,
    resource_id    VARCHAR${text_collation}
);
CREATE INDEX finding_control_finding_ix ON finding_control (finding_id);
CREATE INDEX finding_control_control_ix ON finding_control (standard_key, control_id, status, finding_id);

-- The same rows counted per control, account and Region, kept in step incrementally: control status and
-- scores are read from here.
CREATE TABLE control_evaluation (
    standard_key   VARCHAR(200)${text_collation} NOT NULL,
    control_id     VARCHAR(100)${text_collation} NOT NULL,
    aws_account_id VARCHAR(64)${text_collation} NOT NULL,
    region         VARCHAR(64)${text_collation} NOT NULL,
    passed_count   BIGINT NOT NULL,
    unknown_count  BIGINT NOT NULL,
    failed_count   BIGINT NOT NULL,
    PRIMARY KEY (standard_key, control_id, aws_account_id, region)
);

-- Enabled standards (BatchEnableStandards).
CREATE TABLE standard_subscription (
    standard_key    VARCHAR(200)${text_collation} PRIMARY KEY,
    standards_input VARCHAR NOT NULL,
    enabled_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Controls disabled in a standard (UpdateStandardsControl); a control without a row is enabled.
CREATE TABLE standard_control_state (
    standard_key    VARCHAR(200)${text_collation} NOT NULL,
    control_id      VARCHAR(100)${text_collation} NOT NULL,
    disabled_reason VARCHAR(1024) NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (standard_key, control_id)
);

-- Small facts the compliance feature keeps: whether the default standards were enabled once, and the
-- fingerprint of the packs the finding_control rows were computed with.
CREATE TABLE compliance_state (
    name  VARCHAR(100) PRIMARY KEY,
    fact  VARCHAR(200) NOT NULL
);

-- Scores over time, per standard, for all accounts ('') and per account: taken when a score changes
-- and at least once a day, kept for muster.compliance.trend-retention.
CREATE TABLE score_snapshot (
    standard_key   VARCHAR(200)${text_collation} NOT NULL,
    aws_account_id VARCHAR(64)${text_collation} NOT NULL,
    taken_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    score          INTEGER,
    weighted_score INTEGER,
    passed_count   INTEGER NOT NULL,
    failed_count   INTEGER NOT NULL,
    unknown_count  INTEGER NOT NULL,
    no_data_count  INTEGER NOT NULL,
    disabled_count INTEGER NOT NULL
);
CREATE INDEX score_snapshot_ix ON score_snapshot (standard_key, aws_account_id, taken_at);
