-- Scan sessions: a producer's run over one scope; at close, the scope's ACTIVE findings the run did not report are archived.
CREATE TABLE scan (
    scan_id           VARCHAR(64) PRIMARY KEY,
    product_arn       VARCHAR(2048)${text_collation} NOT NULL,
    aws_account_id    VARCHAR(12)${text_collation} NOT NULL,
    region            VARCHAR(16)${text_collation} NOT NULL,
    generator_prefix  VARCHAR(512)${text_collation},
    status            VARCHAR(16) NOT NULL,
    opened_by         VARCHAR(512) NOT NULL,
    opened_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at         TIMESTAMP WITH TIME ZONE,
    seen_count        BIGINT,
    archived_count    BIGINT
);

-- The findings (by finding_key) imported as part of a scan.
CREATE TABLE scan_finding (
    scan_id      VARCHAR(64) NOT NULL,
    finding_key  VARCHAR(64) NOT NULL,
    PRIMARY KEY (scan_id, finding_key)
);
