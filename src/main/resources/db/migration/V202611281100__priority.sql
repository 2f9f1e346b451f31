-- Muster's priority (0–100) and cross-detector fingerprint per finding: projection columns written with every
-- finding (io.muster.priority.PriorityFormula, io.muster.correlation.Fingerprint).
ALTER TABLE finding ADD COLUMN priority DOUBLE PRECISION;
ALTER TABLE finding ADD COLUMN fingerprint VARCHAR(32);
CREATE INDEX finding_priority_ix ON finding (priority, id);
-- a duplicate group's members in age order: the primary is the first
CREATE INDEX finding_fingerprint_ix ON finding (fingerprint, created_at, id);
