-- agh schema, version 8: the list of all runs (GET /api/task-runs, agh run list), newest queued first,
-- reads its pages from this index instead of sorting every run.
CREATE INDEX task_runs_recent ON task_runs (queued_at DESC, id DESC);
