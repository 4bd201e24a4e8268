-- agh schema, version 10: retention pages through closed tasks in the order they closed, and defers recounts.

-- The status index gains closed_at and id, so a prune finds the next closed roots with a short range scan from
-- where it left off instead of sorting every closed task at each step (BENCHMARKS.md, "Prune under load").
-- Every query that used the status index still uses it by its first column; the columns added change only when
-- status does, so no write touches more index entries than before.
DROP INDEX tasks_status;
CREATE INDEX tasks_status ON tasks (status, closed_at, id);

-- Set when a prune deleted a run that held one of its bucket's maxima: the maxima are then an upper bound until
-- the prune recounts them once at its end, instead of a scan of the whole bucket for each task it deletes.
ALTER TABLE finished_run_totals ADD COLUMN maxima_stale BOOLEAN DEFAULT FALSE NOT NULL;
