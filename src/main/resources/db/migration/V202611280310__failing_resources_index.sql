-- Failing resources per control (GET /compliance/controls) counted from index entries alone, already in
-- control and resource order, instead of sorting every failed link of a standard.
CREATE INDEX finding_control_failing_ix ON finding_control (standard_key, status, control_id, resource_id);
