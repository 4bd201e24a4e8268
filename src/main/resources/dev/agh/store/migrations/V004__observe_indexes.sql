-- agh schema, version 4: indexes behind the dashboard and the inbox.

-- "My work": tasks owned by the caller.
CREATE INDEX tasks_owner ON tasks (owner_kind, owner_ref);
-- "My work": tasks with a run the caller holds.
CREATE INDEX task_runs_status_claimer ON task_runs (status, claimed_by_kind, claimed_by_ref, task_id);
-- The latest run of a task (highest attempt, then latest queued, then id).
CREATE INDEX task_runs_latest ON task_runs (task_id, attempt DESC, queued_at DESC, id DESC);
-- Event counts by type (forced stops since start) without scanning the log.
CREATE INDEX task_events_type ON task_events (event_type, created_at);
