-- Indexes for GetFindings at a million findings (see README, Performance).
-- Value rows: both indexes cover (attr, val_key, finding_id), so filters on multi-valued attributes are
-- answered from index entries alone, whichever side the planner starts from.
DROP INDEX finding_value_lookup_ix;
CREATE INDEX finding_value_lookup_ix ON finding_value (attr, val_key, finding_id);
DROP INDEX finding_value_finding_ix;
CREATE INDEX finding_value_finding_ix ON finding_value (finding_id, attr, val_key);
-- Pages sorted by UpdatedAt within an account (and account-scoped callers) walk one index range.
DROP INDEX finding_aws_account_id_ix;
CREATE INDEX finding_account_updated_ix ON finding (aws_account_id, updated_at, id);
-- Ordering candidate rows by UpdatedAt without reading their (wide) rows.
CREATE INDEX finding_id_updated_ix ON finding (id, updated_at);
