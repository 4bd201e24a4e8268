-- agh schema, version 6: a covering index for the dashboard's run aggregates.
-- Every column the dashboard reads of an unfinished run is in the index, so run counts and
-- latencies, queue depth per channel, stuck runs and the order of the active-runs list are
-- answered from index entries without reading a row: a deep queue stays cheap to watch.
CREATE INDEX task_runs_observe ON task_runs (status, network_channel, workspace_key, queued_at, claimed_at, started_at, ended_at, id);
