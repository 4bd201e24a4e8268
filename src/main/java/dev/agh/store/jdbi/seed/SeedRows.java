package dev.agh.store.jdbi.seed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.function.Supplier;

/**
 * The rows {@link ObserveSeed} writes, as JDBC batches: one prepared statement per table, sent and
 * committed together once any batch holds {@link #BATCH} rows (tasks first: runs, events and
 * dependencies reference them).
 */
final class SeedRows implements AutoCloseable {
    private static final int BATCH = 10_000;

    /** A task row; {@code latestRun} and {@code latestRunOutcome} are written only when the store has V005. */
    record TaskRow(
            String id,
            int index,
            String scope,
            String workspace,
            String channel,
            String title,
            String priority,
            int priorityRank,
            int maxAttempts,
            String status,
            String approvalPolicy,
            String approvalState,
            String ownerKind,
            String ownerRef,
            String createdBy,
            long created,
            long activity,
            Long closed,
            long latestEventSeq,
            int dependencyCount,
            String currentRun,
            String latestRun,
            String latestRunOutcome) {}

    /** A run row, with the copies of its task's claim filters. */
    record RunRow(
            String id,
            String taskId,
            String status,
            int attempt,
            String claimerKind,
            String claimerRef,
            String session,
            String channel,
            String tokenHash,
            Long leaseUntil,
            Long heartbeat,
            long queued,
            Long claimed,
            Long started,
            Long ended,
            String workspaceKey,
            int priorityRank,
            String ownerKind,
            String ownerRef,
            String holderSession) {}

    private final Connection db;
    private final boolean summaries;
    private final Supplier<String> eventIds;
    private final PreparedStatement tasks;
    private final PreparedStatement runs;
    private final PreparedStatement events;
    private final PreparedStatement dependencies;
    private final PreparedStatement triage;
    private int pendingTasks;
    private int pendingRuns;
    private int pendingEvents;
    private int pendingOther;
    private long eventSeq;

    /** {@code summaries}: the store has V005's task columns; {@code eventIds}: the ids of new events. */
    SeedRows(Connection db, boolean summaries, Supplier<String> eventIds) throws SQLException {
        this.db = db;
        this.summaries = summaries;
        this.eventIds = eventIds;
        tasks = db.prepareStatement("INSERT INTO tasks (id, identifier, scope, workspace_id, "
                + "parent_task_id, depth, network_channel, title, description, priority, priority_rank, max_attempts, auto_enqueue, "
                + "status, approval_policy, approval_state, owner_kind, owner_ref, created_by_kind, created_by_ref, origin_kind, "
                + "origin_ref, created_at, updated_at, closed_at, metadata, last_activity_at, latest_event_seq, child_count, "
                + "dependency_count, current_run_id" + (summaries ? ", latest_run_id, latest_run_outcome" : "")
                + ") VALUES (?, ?, ?, ?, NULL, 0, ?, ?, ?, ?, ?, ?, FALSE, ?, ?, ?, ?, ?, 'human', ?, 'cli', 'bench', ?, ?, ?, NULL, "
                + "?, ?, 0, ?, ?" + (summaries ? ", ?, ?" : "") + ")");
        runs = db.prepareStatement("INSERT INTO task_runs (id, task_id, status, attempt, claimed_by_kind, "
                + "claimed_by_ref, session_id, origin_kind, origin_ref, idempotency_key, network_channel, claim_token_hash, "
                + "lease_until, heartbeat_at, coordination_channel_id, queued_at, claimed_at, started_at, ended_at, error, metadata, "
                + "result, lease_expiries, claimable, workspace_key, priority_rank, owner_kind, owner_ref, required_capabilities, "
                + "holder_session_id) VALUES (?, ?, ?, ?, ?, ?, ?, 'cli', 'bench', NULL, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, NULL, NULL, "
                + "0, ?, ?, ?, ?, ?, NULL, ?)");
        events = db.prepareStatement(
                "INSERT INTO task_events (sequence, id, task_id, run_id, event_type, actor_kind, "
                        + "actor_ref, origin_kind, origin_ref, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)");
        dependencies = db.prepareStatement("INSERT INTO task_dependencies (task_id, depends_on_task_id, "
                + "kind, created_at) VALUES (?, ?, 'blocks', ?)");
        triage = db.prepareStatement(
                "INSERT INTO task_triage_state (task_id, actor_kind, actor_ref, "
                        + "is_read, archived, dismissed, last_seen_activity_at, updated_at) VALUES (?, 'human', ?, ?, ?, ?, ?, ?)");
    }

    void task(TaskRow t) throws SQLException {
        tasks.setString(1, t.id());
        tasks.setString(2, "BENCH-" + (t.index() + 1));
        tasks.setString(3, t.scope());
        tasks.setString(4, t.workspace());
        tasks.setString(5, t.channel());
        tasks.setString(6, t.title());
        tasks.setString(7, "seeded by agh bench dashboard");
        tasks.setString(8, t.priority());
        tasks.setInt(9, t.priorityRank());
        tasks.setInt(10, t.maxAttempts());
        tasks.setString(11, t.status());
        tasks.setString(12, t.approvalPolicy());
        tasks.setString(13, t.approvalState());
        tasks.setString(14, t.ownerKind());
        tasks.setString(15, t.ownerRef());
        tasks.setString(16, t.createdBy());
        tasks.setLong(17, t.created());
        tasks.setLong(18, t.activity());
        setLong(tasks, 19, t.closed());
        tasks.setLong(20, t.activity());
        tasks.setLong(21, t.latestEventSeq());
        tasks.setInt(22, t.dependencyCount());
        tasks.setString(23, t.currentRun());
        if (summaries) {
            tasks.setString(24, t.latestRun());
            tasks.setString(25, t.latestRunOutcome());
        }
        tasks.addBatch();
        pendingTasks++;
    }

    void run(RunRow r) throws SQLException {
        runs.setString(1, r.id());
        runs.setString(2, r.taskId());
        runs.setString(3, r.status());
        runs.setInt(4, r.attempt());
        runs.setString(5, r.claimerKind());
        runs.setString(6, r.claimerRef());
        runs.setString(7, r.session());
        runs.setString(8, r.channel());
        runs.setString(9, r.tokenHash());
        setLong(runs, 10, r.leaseUntil());
        setLong(runs, 11, r.heartbeat());
        runs.setLong(12, r.queued());
        setLong(runs, 13, r.claimed());
        setLong(runs, 14, r.started());
        setLong(runs, 15, r.ended());
        runs.setString(16, r.status().equals("failed") ? "exit status 1" : null);
        runs.setBoolean(17, r.ended() == null);
        runs.setString(18, r.workspaceKey());
        runs.setInt(19, r.priorityRank());
        runs.setString(20, r.ownerKind());
        runs.setString(21, r.ownerRef());
        runs.setString(22, r.holderSession());
        runs.addBatch();
        pendingRuns++;
    }

    /** Queues one event by the benchmark actor and returns its time; events take the next sequence. */
    long event(String taskId, String runId, String type, long at) throws SQLException {
        eventSeq++;
        events.setLong(1, eventSeq);
        events.setString(2, eventIds.get());
        events.setString(3, taskId);
        events.setString(4, runId);
        events.setString(5, type);
        events.setString(6, "human");
        events.setString(7, ObserveSeed.ACTOR);
        events.setString(8, "cli");
        events.setString(9, "bench");
        events.setLong(10, at);
        events.addBatch();
        pendingEvents++;
        return at;
    }

    /** The sequence of the latest event queued. */
    long eventSeq() {
        return eventSeq;
    }

    void dependency(String taskId, String dependsOn, long created) throws SQLException {
        dependencies.setString(1, taskId);
        dependencies.setString(2, dependsOn);
        dependencies.setLong(3, created);
        dependencies.addBatch();
        pendingOther++;
    }

    /** The benchmark actor's triage row on a task. */
    void triage(String taskId, boolean read, boolean archived, boolean dismissed, long lastSeen, long updated)
            throws SQLException {
        triage.setString(1, taskId);
        triage.setString(2, ObserveSeed.ACTOR);
        triage.setBoolean(3, read);
        triage.setBoolean(4, archived);
        triage.setBoolean(5, dismissed);
        triage.setLong(6, lastSeen);
        triage.setLong(7, updated);
        triage.addBatch();
        pendingOther++;
    }

    /** Sends and commits the batches once one of them is full. */
    void flushWhenFull() throws SQLException {
        if (pendingTasks >= BATCH || pendingRuns >= BATCH || pendingEvents >= BATCH || pendingOther >= BATCH) {
            flush();
            db.commit();
        }
    }

    /** Sends every batch (the caller commits). */
    void flush() throws SQLException {
        tasks.executeBatch();
        runs.executeBatch();
        events.executeBatch();
        dependencies.executeBatch();
        triage.executeBatch();
        pendingTasks = pendingRuns = pendingEvents = pendingOther = 0;
    }

    static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : new PreparedStatement[] {tasks, runs, events, dependencies, triage}) {
            statement.close();
        }
    }
}
