-- agh schema, version 5: summaries behind the dashboard and the inbox, kept exact by the writes
-- that change what they summarize, in the same transaction (writers are serialized by the
-- event-sequence lock, on every node).

-- Each task's latest run (highest attempt, then latest queued, then greatest id) and, once that run
-- has finished, how it ended (NULL while it is open), so the inbox finds "latest run failed" through
-- an index instead of asking task_runs once per task. Only inserting a run and finishing one write
-- them (see LatestRunColumns): claims, starts and heartbeats leave the task row alone.
ALTER TABLE tasks ADD COLUMN latest_run_id VARCHAR(128);
ALTER TABLE tasks ADD COLUMN latest_run_outcome VARCHAR(16);
UPDATE tasks SET latest_run_id = (SELECT r.id FROM task_runs r WHERE r.task_id = tasks.id
  ORDER BY r.attempt DESC, r.queued_at DESC, r.id DESC LIMIT 1);
UPDATE tasks SET latest_run_outcome = (SELECT r.status FROM task_runs r WHERE r.id = tasks.latest_run_id
  AND r.status IN ('completed', 'failed', 'canceled')) WHERE latest_run_id IS NOT NULL;
CREATE INDEX tasks_latest_run_outcome ON tasks (latest_run_outcome);

-- Totals of finished runs (completed, failed, canceled) per workspace ('' for global tasks) and
-- status. Finished runs never change again, so a run is added once, when it finishes, and taken out
-- only when its task is deleted; the dashboard adds the few open runs, counted live.
-- Latencies as the dashboard defines them: claim = claimed_at - queued_at, start = started_at -
-- COALESCE(claimed_at, queued_at), both at least 0, microseconds; latest_activity is the greatest of
-- queued_at, claimed_at, started_at, ended_at.
CREATE TABLE finished_run_totals (
  workspace_key VARCHAR(128) NOT NULL,
  status VARCHAR(16) NOT NULL,
  runs BIGINT NOT NULL,
  claim_samples BIGINT NOT NULL,
  claim_sum BIGINT NOT NULL,
  claim_max BIGINT NOT NULL,
  start_samples BIGINT NOT NULL,
  start_sum BIGINT NOT NULL,
  start_max BIGINT NOT NULL,
  latest_activity BIGINT NOT NULL,
  PRIMARY KEY (workspace_key, status)
);
INSERT INTO finished_run_totals (workspace_key, status, runs, claim_samples, claim_sum, claim_max, start_samples,
    start_sum, start_max, latest_activity)
  SELECT workspace_key, status, COUNT(*),
    SUM(CASE WHEN claimed_at IS NOT NULL THEN 1 ELSE 0 END),
    COALESCE(SUM(CASE WHEN claimed_at IS NOT NULL THEN GREATEST(claimed_at - queued_at, 0) ELSE 0 END), 0),
    COALESCE(MAX(CASE WHEN claimed_at IS NOT NULL THEN GREATEST(claimed_at - queued_at, 0) ELSE 0 END), 0),
    SUM(CASE WHEN started_at IS NOT NULL THEN 1 ELSE 0 END),
    COALESCE(SUM(CASE WHEN started_at IS NOT NULL THEN GREATEST(started_at - COALESCE(claimed_at, queued_at), 0) ELSE 0 END), 0),
    COALESCE(MAX(CASE WHEN started_at IS NOT NULL THEN GREATEST(started_at - COALESCE(claimed_at, queued_at), 0) ELSE 0 END), 0),
    MAX(GREATEST(queued_at, COALESCE(claimed_at, 0), COALESCE(started_at, 0), COALESCE(ended_at, 0)))
  FROM task_runs WHERE status IN ('completed', 'failed', 'canceled') GROUP BY workspace_key, status;

-- Tasks per workspace ('' for global tasks), status, and whether a blocked task awaits approval
-- (approval_state 'pending') or dependencies (dependency_count > 0): the dashboard's task counters.
-- JdbiTaskTable moves a task from one row to another in the transaction that changes one of these.
CREATE TABLE task_status_totals (
  workspace_key VARCHAR(128) NOT NULL,
  status VARCHAR(16) NOT NULL,
  awaiting_approval BOOLEAN NOT NULL,
  dependency_blocked BOOLEAN NOT NULL,
  tasks BIGINT NOT NULL,
  PRIMARY KEY (workspace_key, status, awaiting_approval, dependency_blocked)
);
INSERT INTO task_status_totals (workspace_key, status, awaiting_approval, dependency_blocked, tasks)
  SELECT workspace_key, status, awaiting_approval, dependency_blocked, COUNT(*) FROM (
    SELECT COALESCE(workspace_id, '') AS workspace_key, status,
      CASE WHEN status = 'blocked' AND approval_state = 'pending' THEN TRUE ELSE FALSE END AS awaiting_approval,
      CASE WHEN status = 'blocked' AND dependency_count > 0 THEN TRUE ELSE FALSE END AS dependency_blocked
    FROM tasks) k
  GROUP BY workspace_key, status, awaiting_approval, dependency_blocked;
