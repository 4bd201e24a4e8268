-- agh schema, version 1. One file for every engine: ${text} is CLOB on H2 and TEXT on PostgreSQL.
-- Times are microseconds since the epoch (BIGINT): exact, portable and cheap to index and compare.

CREATE TABLE agh_counters (
  name VARCHAR(64) PRIMARY KEY,
  counter_value BIGINT NOT NULL
);
INSERT INTO agh_counters (name, counter_value) VALUES ('event_seq', 0);

CREATE TABLE workspaces (
  id VARCHAR(128) PRIMARY KEY,
  name VARCHAR(1000) NOT NULL UNIQUE,
  path VARCHAR(4096) NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);

CREATE TABLE tasks (
  id VARCHAR(128) PRIMARY KEY,
  identifier VARCHAR(1000),
  scope VARCHAR(16) NOT NULL,
  workspace_id VARCHAR(128) REFERENCES workspaces (id),
  parent_task_id VARCHAR(128) REFERENCES tasks (id),
  depth INT NOT NULL,
  network_channel VARCHAR(64),
  title VARCHAR(1000) NOT NULL,
  description ${text},
  priority VARCHAR(16) NOT NULL,
  priority_rank INT NOT NULL,
  max_attempts INT NOT NULL CHECK (max_attempts BETWEEN 1 AND 10),
  auto_enqueue BOOLEAN NOT NULL,
  status VARCHAR(16) NOT NULL,
  approval_policy VARCHAR(16) NOT NULL,
  approval_state VARCHAR(16) NOT NULL,
  owner_kind VARCHAR(32),
  owner_ref VARCHAR(1000),
  created_by_kind VARCHAR(32) NOT NULL,
  created_by_ref VARCHAR(1000) NOT NULL,
  origin_kind VARCHAR(32) NOT NULL,
  origin_ref VARCHAR(1000) NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  closed_at BIGINT,
  metadata ${text},
  last_activity_at BIGINT NOT NULL,
  latest_event_seq BIGINT NOT NULL,
  child_count INT NOT NULL,
  dependency_count INT NOT NULL,
  current_run_id VARCHAR(128)
);
CREATE INDEX tasks_activity ON tasks (last_activity_at DESC, updated_at DESC, created_at DESC, id DESC);
CREATE INDEX tasks_parent ON tasks (parent_task_id, created_at);
-- Filter indexes leave last_activity_at out on purpose: every event moves it, and each index that
-- holds it is one more B-tree page rewritten per commit.
CREATE INDEX tasks_status ON tasks (status);
CREATE INDEX tasks_workspace ON tasks (workspace_id);

CREATE TABLE task_dependencies (
  task_id VARCHAR(128) NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  depends_on_task_id VARCHAR(128) NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  kind VARCHAR(16) NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (task_id, depends_on_task_id)
);
CREATE INDEX task_dependencies_reverse ON task_dependencies (depends_on_task_id);

CREATE TABLE task_runs (
  id VARCHAR(128) PRIMARY KEY,
  task_id VARCHAR(128) NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  status VARCHAR(16) NOT NULL,
  attempt INT NOT NULL,
  claimed_by_kind VARCHAR(32),
  claimed_by_ref VARCHAR(1000),
  session_id VARCHAR(128),
  origin_kind VARCHAR(32) NOT NULL,
  origin_ref VARCHAR(1000) NOT NULL,
  idempotency_key VARCHAR(1000),
  network_channel VARCHAR(64),
  claim_token_hash VARCHAR(80),
  lease_until BIGINT,
  heartbeat_at BIGINT,
  coordination_channel_id VARCHAR(128),
  queued_at BIGINT NOT NULL,
  claimed_at BIGINT,
  started_at BIGINT,
  ended_at BIGINT,
  error ${text},
  metadata ${text},
  result ${text},
  lease_expiries INT NOT NULL,
  CHECK (status <> 'queued' OR session_id IS NULL)
);
CREATE INDEX task_runs_task ON task_runs (task_id, queued_at DESC, id DESC);
CREATE INDEX task_runs_lease ON task_runs (lease_until);

CREATE TABLE task_run_idempotency (
  idempotency_key VARCHAR(1000) NOT NULL,
  origin_kind VARCHAR(32) NOT NULL,
  origin_ref VARCHAR(1000) NOT NULL,
  run_id VARCHAR(128) NOT NULL REFERENCES task_runs (id) ON DELETE CASCADE,
  task_id VARCHAR(128) NOT NULL,
  PRIMARY KEY (idempotency_key, origin_kind, origin_ref)
);

CREATE TABLE task_events (
  sequence BIGINT PRIMARY KEY,
  -- Not UNIQUE: ids are 64 random bits, and a unique index on them would dirty one random page per event.
  id VARCHAR(128) NOT NULL,
  task_id VARCHAR(128) NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  run_id VARCHAR(128),
  event_type VARCHAR(64) NOT NULL,
  actor_kind VARCHAR(32) NOT NULL,
  actor_ref VARCHAR(1000) NOT NULL,
  origin_kind VARCHAR(32) NOT NULL,
  origin_ref VARCHAR(1000) NOT NULL,
  payload ${text},
  created_at BIGINT NOT NULL
);
CREATE INDEX task_events_task ON task_events (task_id, sequence);
