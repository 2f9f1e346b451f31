-- Every finding written has a priority (a derived projection column); rows stored before it existed are
-- given 0 until the reprojection at start computes theirs. NOT NULL lets GetFindings sort by Priority in
-- its index's order (priority DESC, id DESC) instead of sorting a million rows.
UPDATE finding SET priority = 0 WHERE priority IS NULL;
ALTER TABLE finding ALTER COLUMN priority SET NOT NULL;
