-- How many detectors (distinct products, at most 4: agreement points stop at three others) a finding's
-- priority counts as agreeing; NULL for one. io.muster.correlation.DuplicateGroups re-prioritises only the
-- members of a group whose count no longer matches, instead of every member on every write.
ALTER TABLE finding ADD COLUMN detectors SMALLINT;
