-- agh schema, version 3: per-caller triage state of tasks (read, dismissed, archived), for the inbox.
-- Keyed by task and actor; deleting a task deletes its triage rows. The inbox reads one actor's rows
-- through task_triage_actor.

CREATE TABLE task_triage_state (
  task_id VARCHAR(128) NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  actor_kind VARCHAR(32) NOT NULL,
  actor_ref VARCHAR(1000) NOT NULL,
  is_read BOOLEAN NOT NULL,
  archived BOOLEAN NOT NULL,
  dismissed BOOLEAN NOT NULL,
  last_seen_activity_at BIGINT,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (task_id, actor_kind, actor_ref)
);
CREATE INDEX task_triage_actor ON task_triage_state (actor_kind, actor_ref, updated_at DESC, task_id);
