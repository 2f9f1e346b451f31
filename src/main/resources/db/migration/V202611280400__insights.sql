-- Insights: custom insights (CreateInsight), and when each finding was closed, for trends.

-- A custom insight; its ARN is arn:aws:securityhub:<region>:<account>:insight/<account>/custom/<insight_id>.
-- Managed insights are not stored: they are part of Muster (io.muster.insight.ManagedInsights).
CREATE TABLE insight (
    insight_id         VARCHAR(36) PRIMARY KEY,
    name               VARCHAR(1024) NOT NULL,
    filters            VARCHAR NOT NULL,
    group_by_attribute VARCHAR(100) NOT NULL,
    created_by         VARCHAR(2048) NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

-- When the finding last went from open to closed (RecordState ARCHIVED, or Workflow.Status RESOLVED or
-- SUPPRESSED); NULL while it is open. Kept by io.muster.insight.ClosedAtProjector in the finding's transaction.
ALTER TABLE finding ADD COLUMN closed_at TIMESTAMP WITH TIME ZONE;
UPDATE finding SET closed_at = updated_at
 WHERE record_state = 'ARCHIVED' OR workflow_status IN ('RESOLVED', 'SUPPRESSED');
