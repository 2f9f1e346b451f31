-- Muster's priority (0–100) per finding: a projection column written with every finding (io.muster.priority.PriorityFormula).
ALTER TABLE finding ADD COLUMN priority DOUBLE PRECISION;
CREATE INDEX finding_priority_ix ON finding (priority, id);
