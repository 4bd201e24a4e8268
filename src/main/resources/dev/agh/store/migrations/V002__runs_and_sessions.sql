-- agh schema, version 2: agent sessions, and the columns that let claim-next pick work through one index.

CREATE TABLE agent_sessions (
  session_id VARCHAR(128) PRIMARY KEY,
  agent_name VARCHAR(1000) NOT NULL,
  workspace_id VARCHAR(128) REFERENCES workspaces (id),
  name VARCHAR(1000),
  channel VARCHAR(64),
  capabilities VARCHAR(8000) NOT NULL,
  state VARCHAR(16) NOT NULL,
  token_hash VARCHAR(80) NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- Copies of task fields on the task's queued run, kept in step by every write that changes them,
-- so that claim-next filters and orders without a join: equality columns first, then the ORDER BY.
ALTER TABLE task_runs ADD COLUMN claimable BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE task_runs ADD COLUMN workspace_key VARCHAR(128) DEFAULT '' NOT NULL;
ALTER TABLE task_runs ADD COLUMN priority_rank INT DEFAULT 0 NOT NULL;
ALTER TABLE task_runs ADD COLUMN owner_kind VARCHAR(32);
ALTER TABLE task_runs ADD COLUMN owner_ref VARCHAR(1000);
ALTER TABLE task_runs ADD COLUMN required_capabilities VARCHAR(8000);
CREATE INDEX task_runs_claim ON task_runs (status, claimable, workspace_key, priority_rank DESC, queued_at, id);

-- The session holding a live lease on the run (NULL once it ends or returns to the queue), so the
-- one-lease-per-session check reads one index entry instead of every run the session ever held.
ALTER TABLE task_runs ADD COLUMN holder_session_id VARCHAR(128);
CREATE INDEX task_runs_holder ON task_runs (holder_session_id);
