-- agh schema, version 9: delayed runs, retry policies and paused subtrees.

-- A queued run is not claimable before not_before (micros; NULL = at once): delayed starts and scheduled
-- retries. The index finds the next one to come due, which is when waiting claimers wake.
ALTER TABLE task_runs ADD COLUMN not_before BIGINT;
CREATE INDEX task_runs_due ON task_runs (status, not_before);

-- A task's own retry policy (NULL strategy = the server's default).
ALTER TABLE tasks ADD COLUMN retry_strategy VARCHAR(16);
ALTER TABLE tasks ADD COLUMN retry_base_seconds BIGINT;
ALTER TABLE tasks ADD COLUMN retry_max_seconds BIGINT;
ALTER TABLE tasks ADD COLUMN retry_jitter DOUBLE PRECISION;

-- Set on a paused task and on every task under it; the runs of a paused task are not claimable (the
-- claimable copy on task_runs says so).
ALTER TABLE tasks ADD COLUMN paused_at BIGINT;
