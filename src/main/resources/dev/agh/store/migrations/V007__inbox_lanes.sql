-- agh schema, version 7: the inbox from index entries.
-- inbox_lane is the part of a task's inbox lane that does not depend on who asks (first match wins:
-- approvals, failed_runs, blocked; 'open' for any other open task, a my_work candidate; NULL for a
-- closed or draft task). The database keeps it current on every write of the row.
ALTER TABLE tasks ADD COLUMN inbox_lane VARCHAR(16) GENERATED ALWAYS AS (CASE
  WHEN status = 'blocked' AND approval_policy = 'manual' AND approval_state = 'pending' THEN 'approvals'
  WHEN latest_run_outcome = 'failed' THEN 'failed_runs'
  WHEN status = 'blocked' THEN 'blocked'
  WHEN status NOT IN ('draft', 'completed', 'failed', 'canceled') THEN 'open'
  END)${stored};
-- Covers everything the inbox classifies and sorts a candidate by: the lanes' tasks, and an actor's
-- open tasks (inbox_lane = 'open' and owner), are read from index entries without reading rows.
CREATE INDEX tasks_inbox ON tasks (inbox_lane, owner_kind, owner_ref, workspace_id, scope, last_activity_at,
  updated_at, created_at, closed_at, priority_rank, id);
-- One actor's triage rows with every field, from index entries.
DROP INDEX task_triage_actor;
CREATE INDEX task_triage_actor ON task_triage_state (actor_kind, actor_ref, updated_at DESC, task_id, is_read, archived,
  dismissed, last_seen_activity_at);
-- One workspace's tasks in activity order: the dashboard's latest activity of a workspace is the
-- first entry. (tasks_workspace stays: H2 holds the workspace foreign key with it.)
CREATE INDEX tasks_workspace_activity ON tasks (workspace_id, last_activity_at DESC, updated_at DESC, created_at DESC,
  id DESC);
