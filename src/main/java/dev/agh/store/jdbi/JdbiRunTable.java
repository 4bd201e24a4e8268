package dev.agh.store.jdbi;

import static dev.agh.store.jdbi.Rows.wire;

import dev.agh.domain.Run;
import dev.agh.domain.RunStatus;
import dev.agh.domain.Task;
import dev.agh.domain.TaskStatusRule.RunFacts;
import dev.agh.store.ClaimFilter;
import dev.agh.store.RunQuery;
import dev.agh.store.RunTable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

final class JdbiRunTable implements RunTable {
    private static final String OPEN = "status NOT IN ('completed', 'failed', 'canceled')";
    private static final String MUTABLE =
            "status = :status, claimed_by_kind = :claimed_by_kind, claimed_by_ref = :claimed_by_ref, "
                    + "session_id = :session_id, claim_token_hash = :claim_token_hash, lease_until = :lease_until, "
                    + "heartbeat_at = :heartbeat_at, claimed_at = :claimed_at, started_at = :started_at, ended_at = :ended_at, "
                    + "error = :error, result = :result, lease_expiries = :lease_expiries, holder_session_id = :holder_session_id";

    /** {@link #MUTABLE} with positional parameters, for the plain JDBC statements. */
    private static final String MUTABLE_POSITIONAL =
            "status = ?, claimed_by_kind = ?, claimed_by_ref = ?, session_id = ?, "
                    + "claim_token_hash = ?, lease_until = ?, heartbeat_at = ?, claimed_at = ?, started_at = ?, ended_at = ?, error = ?, "
                    + "result = ?, lease_expiries = ?, holder_session_id = ?";

    private static final RawSql.Row<Run> RUN = rs -> Rows.RUN.map(rs, null);

    private final Handle handle;
    private final RawSql sql;

    JdbiRunTable(Handle handle, RawSql sql) {
        this.handle = handle;
        this.sql = sql;
    }

    // The statements of the claim and complete path below run as plain JDBC (see RawSql).

    @Override
    public Optional<Run> find(String id) {
        return sql.one("SELECT * FROM task_runs WHERE id = ?", RUN, id);
    }

    @Override
    public List<Run> ofTask(String taskId, RunStatus status, String sessionId, int limit) {
        String sql = "SELECT * FROM task_runs WHERE task_id = :t"
                + (status == null ? "" : " AND status = :status")
                + (sessionId == null ? "" : " AND session_id = :session")
                + " ORDER BY queued_at DESC, id DESC" + (limit > 0 ? " LIMIT " + limit : "");
        return handle.createQuery(sql)
                .bind("t", taskId)
                .bind("status", wire(status))
                .bind("session", sessionId)
                .map(Rows.RUN)
                .list();
    }

    @Override
    public List<Run> list(RunQuery q) {
        StringBuilder sql = new StringBuilder("SELECT r.* FROM task_runs r");
        if (q.workspaceId() != null) {
            sql.append(" JOIN tasks t ON t.id = r.task_id AND t.workspace_id = :workspace");
        }
        sql.append(" WHERE 1 = 1");
        if (q.status() != null) {
            sql.append(" AND r.status = :status");
        }
        if (q.taskId() != null) {
            sql.append(" AND r.task_id = :task");
        }
        if (q.sessionId() != null) {
            sql.append(" AND r.session_id = :session");
        }
        if (q.networkChannel() != null) {
            sql.append(" AND r.network_channel = :channel");
        }
        if (q.after() != null) {
            sql.append(" AND (r.queued_at < :after_queued OR (r.queued_at = :after_queued AND r.id < :after_id))");
        }
        sql.append(" ORDER BY r.queued_at DESC, r.id DESC LIMIT ").append(q.limit());
        return handle.createQuery(sql.toString())
                .bind("workspace", q.workspaceId())
                .bind("status", wire(q.status()))
                .bind("task", q.taskId())
                .bind("session", q.sessionId())
                .bind("channel", q.networkChannel())
                .bind("after_queued", q.after() == null ? null : q.after().queuedMicros())
                .bind("after_id", q.after() == null ? null : q.after().id())
                .map(Rows.RUN)
                .list();
    }

    @Override
    public RunFacts facts(String taskId) {
        long[] counts = sql.one(
                        "SELECT "
                                + "SUM(CASE WHEN status IN ('starting', 'running') THEN 1 ELSE 0 END) AS executing, "
                                + "SUM(CASE WHEN status IN ('queued', 'claimed') THEN 1 ELSE 0 END) AS waiting, "
                                + "COALESCE(MAX(attempt), 0) AS max_attempt FROM task_runs WHERE task_id = ?",
                        rs -> new long[] {rs.getLong("executing"), rs.getLong("waiting"), rs.getLong("max_attempt")},
                        taskId)
                .orElseThrow();
        return new RunFacts(counts[0] > 0, counts[1] > 0, (int) counts[2]);
    }

    @Override
    public RunStatus latestTerminal(String taskId) {
        return sql.one(
                        "SELECT status FROM task_runs WHERE task_id = ? "
                                + "AND status IN ('completed', 'failed', 'canceled') ORDER BY attempt DESC, queued_at DESC, id DESC LIMIT 1",
                        rs -> rs.getString(1),
                        taskId)
                .map(s -> Rows.enumOf(RunStatus.class, s))
                .orElse(null);
    }

    @Override
    public Optional<Run> open(String taskId) {
        return sql.one(
                "SELECT * FROM task_runs WHERE task_id = ? AND " + OPEN + " ORDER BY queued_at DESC, id DESC LIMIT 1",
                RUN,
                taskId);
    }

    @Override
    public List<Run> openOf(List<String> taskIds) {
        if (taskIds.isEmpty()) {
            return List.of();
        }
        return handle.createQuery("SELECT * FROM task_runs WHERE task_id IN (<ids>) AND " + OPEN)
                .bindList("ids", taskIds)
                .map(Rows.RUN)
                .list();
    }

    @Override
    public boolean hasOpen(String taskId) {
        return sql.count("SELECT COUNT(*) FROM task_runs WHERE task_id = ? AND " + OPEN, taskId) > 0;
    }

    @Override
    public void insert(Run r, Task task) {
        var insert = handle.createUpdate(
                "INSERT INTO task_runs (id, task_id, status, attempt, claimed_by_kind, claimed_by_ref, "
                        + "session_id, origin_kind, origin_ref, idempotency_key, network_channel, claim_token_hash, lease_until, "
                        + "heartbeat_at, coordination_channel_id, queued_at, claimed_at, started_at, ended_at, error, metadata, result, "
                        + "lease_expiries, claimable, workspace_key, priority_rank, owner_kind, owner_ref, required_capabilities, holder_session_id, "
                        + "not_before) VALUES "
                        + "(:id, :task_id, :status, :attempt, :claimed_by_kind, :claimed_by_ref, :session_id, :origin_kind, :origin_ref, "
                        + ":idempotency_key, :network_channel, :claim_token_hash, :lease_until, :heartbeat_at, :coordination_channel_id, "
                        + ":queued_at, :claimed_at, :started_at, :ended_at, :error, :metadata, :result, :lease_expiries, :claimable, "
                        + ":workspace_key, :priority_rank, :owner_kind, :owner_ref, :required_capabilities, :holder_session_id, :not_before)");
        bindMutable(insert, r);
        bindTaskCopy(insert, task);
        insert.bind("id", r.id())
                .bind("task_id", r.taskId())
                .bind("attempt", r.attempt())
                .bind("origin_kind", wire(r.origin().kind()))
                .bind("origin_ref", r.origin().ref())
                .bind("idempotency_key", r.idempotencyKey())
                .bind("network_channel", r.networkChannel())
                .bind("coordination_channel_id", r.coordinationChannelId())
                .bind("queued_at", Micros.of(r.queuedAt()))
                .bind("metadata", r.metadataJson())
                .bind("required_capabilities", Rows.joinCapabilities(r.requiredCapabilities()))
                .bind("not_before", Micros.of(r.notBefore()))
                .execute();
        LatestRunColumns.inserted(handle, r);
    }

    @Override
    public void update(Run r) {
        sql.update("UPDATE task_runs SET " + MUTABLE_POSITIONAL + " WHERE id = ?", mutable(r, r.id()));
        if (r.status().isTerminal()) {
            LatestRunColumns.finished(handle, r);
        }
    }

    @Override
    public boolean updateFenced(Run r, String expectedHash, String expectedSession, Instant now) {
        boolean written = sql.update(
                        "UPDATE task_runs SET " + MUTABLE_POSITIONAL + " WHERE id = ? AND claim_token_hash = ? "
                                + "AND session_id = ? AND status IN ('claimed', 'starting', 'running') AND lease_until > ?",
                        mutable(r, r.id(), expectedHash, expectedSession, Micros.of(now)))
                == 1;
        if (written && r.status().isTerminal()) {
            LatestRunColumns.finished(handle, r);
        }
        return written;
    }

    @Override
    public void syncQueued(Task task) {
        bindTaskCopy(
                        handle.createUpdate(
                                "UPDATE task_runs SET claimable = :claimable, workspace_key = :workspace_key, "
                                        + "priority_rank = :priority_rank, owner_kind = :owner_kind, owner_ref = :owner_ref "
                                        + "WHERE task_id = :task_id AND " + OPEN),
                        task)
                .bind("task_id", task.id())
                .execute();
    }

    @Override
    public List<Run> claimCandidates(ClaimFilter f, Instant now, int limit, int offset) {
        // Equality on (status, claimable, workspace_key) and this ORDER BY follow the task_runs_claim
        // index exactly, so the engine walks the index in order instead of sorting the queue. A delayed run
        // is skipped row by row: delayed runs are few next to the queue, and an index on not_before would
        // lose the claim order.
        String text = "SELECT * FROM task_runs WHERE status = 'queued' AND claimable = TRUE AND workspace_key = ? "
                + "AND priority_rank >= ? AND (not_before IS NULL OR not_before <= ?) "
                + "AND (owner_kind IS NULL OR (owner_kind = 'pool' AND owner_ref = ?) "
                + "OR (owner_kind = 'agent_session' AND owner_ref = ?)) "
                + (f.channel() == null ? "" : "AND coordination_channel_id = ? ")
                // H2 walks the index in order ("index sorted") only when ORDER BY names the equality columns too.
                + "ORDER BY status, claimable, workspace_key, priority_rank DESC, queued_at, id LIMIT " + limit
                + " OFFSET " + offset;
        return f.channel() == null
                ? sql.list(
                        text, RUN, f.workspaceKey(), f.minPriorityRank(), Micros.of(now), f.agentName(), f.sessionId())
                : sql.list(
                        text,
                        RUN,
                        f.workspaceKey(),
                        f.minPriorityRank(),
                        Micros.of(now),
                        f.agentName(),
                        f.sessionId(),
                        f.channel());
    }

    @Override
    public Optional<Instant> nextDue(Instant now) {
        // The task_runs_due index: the first entry after now among queued runs.
        return sql.one(
                        "SELECT MIN(not_before) AS due FROM task_runs WHERE status = 'queued' AND not_before > ?",
                        rs -> Optional.ofNullable(Micros.get(rs, "due")),
                        Micros.of(now))
                .flatMap(due -> due);
    }

    @Override
    public List<Run> scheduled(Instant now, int limit) {
        return sql.list(
                "SELECT * FROM task_runs WHERE status = 'queued' AND not_before > ? ORDER BY not_before, id LIMIT "
                        + limit,
                RUN,
                Micros.of(now));
    }

    @Override
    public List<Run> leasedBySession(String sessionId) {
        return sql.list(
                "SELECT * FROM task_runs WHERE holder_session_id = ? ORDER BY claimed_at DESC, id DESC",
                RUN,
                sessionId);
    }

    @Override
    public List<Run> expiredLeases(Instant now, int limit) {
        return sql.list(
                "SELECT * FROM task_runs WHERE lease_until <= ? AND status IN ('claimed', 'starting', 'running') "
                        + "ORDER BY lease_until, id LIMIT " + limit,
                RUN,
                Micros.of(now));
    }

    @Override
    public Optional<Run> findIdempotent(String key, String originKind, String originRef) {
        return handle.createQuery("SELECT r.* FROM task_run_idempotency i JOIN task_runs r ON r.id = i.run_id "
                        + "WHERE i.idempotency_key = :k AND i.origin_kind = :ok AND i.origin_ref = :or")
                .bind("k", key)
                .bind("ok", originKind)
                .bind("or", originRef)
                .map(Rows.RUN)
                .findOne();
    }

    @Override
    public void saveIdempotent(String key, String originKind, String originRef, Run run) {
        handle.createUpdate(
                        "INSERT INTO task_run_idempotency (idempotency_key, origin_kind, origin_ref, run_id, task_id) "
                                + "VALUES (:k, :ok, :or, :run, :task)")
                .bind("k", key)
                .bind("ok", originKind)
                .bind("or", originRef)
                .bind("run", run.id())
                .bind("task", run.taskId())
                .execute();
    }

    /** The values of {@link #MUTABLE_POSITIONAL}, in order, followed by {@code more}. */
    private static Object[] mutable(Run r, Object... more) {
        Object[] values = new Object[14 + more.length];
        values[0] = wire(r.status());
        values[1] = r.claimedBy() == null ? null : wire(r.claimedBy().kind());
        values[2] = r.claimedBy() == null ? null : r.claimedBy().ref();
        values[3] = r.sessionId();
        values[4] = r.claimTokenHash();
        values[5] = Micros.of(r.leaseUntil());
        values[6] = Micros.of(r.heartbeatAt());
        values[7] = Micros.of(r.claimedAt());
        values[8] = Micros.of(r.startedAt());
        values[9] = Micros.of(r.endedAt());
        values[10] = r.error();
        values[11] = r.resultJson();
        values[12] = r.leaseExpiries();
        values[13] = holder(r);
        System.arraycopy(more, 0, values, 14, more.length);
        return values;
    }

    private static String holder(Run r) {
        return r.status().isActive() && r.claimTokenHash() != null ? r.sessionId() : null;
    }

    private static <S extends SqlStatement<S>> S bindMutable(S statement, Run r) {
        return statement
                .bind("status", wire(r.status()))
                .bind(
                        "claimed_by_kind",
                        r.claimedBy() == null ? null : wire(r.claimedBy().kind()))
                .bind(
                        "claimed_by_ref",
                        r.claimedBy() == null ? null : r.claimedBy().ref())
                .bind("session_id", r.sessionId())
                .bind("claim_token_hash", r.claimTokenHash())
                .bind("lease_until", Micros.of(r.leaseUntil()))
                .bind("heartbeat_at", Micros.of(r.heartbeatAt()))
                .bind("claimed_at", Micros.of(r.claimedAt()))
                .bind("started_at", Micros.of(r.startedAt()))
                .bind("ended_at", Micros.of(r.endedAt()))
                .bind("error", r.error())
                .bind("result", r.resultJson())
                .bind("lease_expiries", r.leaseExpiries())
                .bind("holder_session_id", holder(r));
    }

    private static <S extends SqlStatement<S>> S bindTaskCopy(S statement, Task task) {
        return statement
                .bind("claimable", task.runsClaimable())
                .bind("workspace_key", task.workspaceId() == null ? "" : task.workspaceId())
                .bind("priority_rank", task.priority().rank())
                .bind(
                        "owner_kind",
                        task.owner() == null ? null : wire(task.owner().kind()))
                .bind("owner_ref", task.owner() == null ? null : task.owner().ref());
    }
}
