package dev.agh.store.jdbi;

import static dev.agh.store.jdbi.ObserveSql.ACTIVE;
import static dev.agh.store.jdbi.ObserveSql.max;
import static dev.agh.store.jdbi.ObserveSql.micros;
import static dev.agh.store.jdbi.Rows.enumOf;
import static dev.agh.store.jdbi.Rows.wire;

import dev.agh.domain.Owner;
import dev.agh.domain.OwnerKind;
import dev.agh.domain.Priority;
import dev.agh.domain.Run;
import dev.agh.domain.RunStatus;
import dev.agh.domain.Scope;
import dev.agh.domain.TaskStatus;
import dev.agh.store.ObserveTable.ActiveRunRow;
import dev.agh.store.ObserveTable.Filter;
import dev.agh.store.ObserveTable.Latency;
import dev.agh.store.ObserveTable.QueueRow;
import dev.agh.store.ObserveTable.RunTotals;
import dev.agh.store.ObserveTable.StuckThresholds;
import dev.agh.store.ObserveTable.TaskTotals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The dashboard's aggregates. When the filter allows (no filter, scope, workspace), task counters
 * are read from {@code task_status_totals}, and run counters add the stored totals of finished runs
 * ({@code finished_run_totals}) to a live count of the few unfinished ones; other filters scan the
 * filtered tasks and runs. Lists are {@code ORDER BY ... LIMIT}.
 */
final class JdbiDashboardReads {
    private static final RunTotals NO_RUNS = new RunTotals(0, Map.of(), Latency.NONE, Latency.NONE, null);
    private final Handle handle;

    JdbiDashboardReads(Handle handle) {
        this.handle = handle;
    }

    TaskTotals taskTotals(Filter filter) {
        return ObserveSql.byWorkspaceOnly(filter) ? storedTaskTotals(filter) : scanTasks(filter);
    }

    /**
     * Counters from {@code task_status_totals}; the latest activity is the first task in {@code
     * tasks_activity} order, as the task keeps {@code last_activity_at} at or after its created,
     * updated and closed times (see {@code Task.withStatus} and {@code withUpdatedAt}).
     */
    private TaskTotals storedTaskTotals(Filter filter) {
        ObserveSql sql = new ObserveSql();
        sql.workspaceKeyConditions(filter, "f.workspace_key");
        Map<TaskStatus, Long> byStatus = new EnumMap<>(TaskStatus.class);
        long[] sums = new long[3];
        handle.createQuery("SELECT f.status, SUM(f.tasks) AS n, "
                        + "SUM(CASE WHEN f.awaiting_approval THEN f.tasks ELSE 0 END) AS awaiting, "
                        + "SUM(CASE WHEN f.dependency_blocked THEN f.tasks ELSE 0 END) AS dep_blocked "
                        + "FROM task_status_totals f" + sql.where() + " GROUP BY f.status")
                .bindMap(sql.binds)
                .map((rs, ctx) -> {
                    long n = rs.getLong("n");
                    byStatus.merge(enumOf(TaskStatus.class, rs.getString("status")), n, Long::sum);
                    sums[0] += n;
                    sums[1] += rs.getLong("awaiting");
                    sums[2] += rs.getLong("dep_blocked");
                    return n;
                })
                .list();
        // The ORDER BY is an index, so the engine reads the first matching entry and stops: tasks_activity,
        // or for one workspace tasks_workspace_activity. Its leading workspace id is in the ORDER BY so
        // that H2 sees the match, and the scope (implied by the workspace) is left out so that no other
        // index looks as good.
        ObserveSql latest = new ObserveSql();
        boolean oneWorkspace = filter.workspaceId() != null;
        latest.taskConditions(
                oneWorkspace ? new Filter(null, filter.workspaceId(), null, null, null, null, null) : filter);
        String order = (oneWorkspace ? "t.workspace_id, " : "")
                + "t.last_activity_at DESC, t.updated_at DESC, t.created_at DESC, t.id DESC";
        Instant latestActivity = handle.createQuery(
                        "SELECT t.last_activity_at FROM tasks t" + latest.where() + " ORDER BY " + order + " LIMIT 1")
                .bindMap(latest.binds)
                .map((rs, ctx) -> micros(rs, "last_activity_at"))
                .findOne()
                .orElse(null);
        return new TaskTotals(sums[0], byStatus, sums[1], sums[2], latestActivity);
    }

    /** Counters of the filtered tasks in one pass over them. */
    private TaskTotals scanTasks(Filter filter) {
        ObserveSql sql = new ObserveSql();
        StringBuilder select = new StringBuilder("SELECT COUNT(*) AS total");
        for (TaskStatus status : TaskStatus.values()) {
            select.append(", SUM(CASE WHEN t.status = '")
                    .append(wire(status))
                    .append("' THEN 1 ELSE 0 END) AS s_")
                    .append(wire(status));
        }
        select.append(
                        ", SUM(CASE WHEN t.status = 'blocked' AND t.approval_state = 'pending' THEN 1 ELSE 0 END) AS awaiting")
                .append(
                        ", SUM(CASE WHEN t.status = 'blocked' AND t.dependency_count > 0 THEN 1 ELSE 0 END) AS dep_blocked")
                .append(
                        ", MAX(t.created_at) AS m_created, MAX(t.updated_at) AS m_updated, MAX(t.closed_at) AS m_closed")
                .append(", MAX(t.last_activity_at) AS m_activity FROM tasks t");
        sql.taskConditions(filter);
        return handle.createQuery(select + sql.where())
                .bindMap(sql.binds)
                .map((rs, ctx) -> {
                    Map<TaskStatus, Long> byStatus = new EnumMap<>(TaskStatus.class);
                    for (TaskStatus status : TaskStatus.values()) {
                        byStatus.put(status, rs.getLong("s_" + wire(status)));
                    }
                    Instant latest = max(
                            micros(rs, "m_created"),
                            micros(rs, "m_updated"),
                            micros(rs, "m_closed"),
                            micros(rs, "m_activity"));
                    return new TaskTotals(
                            rs.getLong("total"), byStatus, rs.getLong("awaiting"), rs.getLong("dep_blocked"), latest);
                })
                .one();
    }

    RunTotals runTotals(Filter filter) {
        if (!ObserveSql.byWorkspaceOnly(filter)) {
            ObserveSql sql = new ObserveSql();
            return scanRuns(sql.runFrom(filter), sql);
        }
        ObserveSql live = new ObserveSql();
        live.workspaceKeyConditions(filter, "r.workspace_key");
        live.and("r.status IN " + ObserveSql.STARTED_UNFINISHED);
        RunTotals started = scanRuns(" FROM task_runs r", live);
        return plus(plus(started, queuedTotals(filter)), finishedTotals(filter));
    }

    /**
     * Count and latest activity of the queued runs, from {@code task_runs_observe} entries alone. A
     * queued run has never been claimed, or was put back with its claim, start and end cleared ({@code
     * Run.requeued}), so it adds no latency sample and its latest activity is its queue time.
     */
    private RunTotals queuedTotals(Filter filter) {
        ObserveSql sql = new ObserveSql();
        sql.workspaceKeyConditions(filter, "r.workspace_key");
        sql.and("r.status = 'queued'");
        return handle.createQuery("SELECT COUNT(*) AS n, MAX(r.queued_at) AS m_queued FROM task_runs r" + sql.where())
                .bindMap(sql.binds)
                .map((rs, ctx) -> {
                    long n = rs.getLong("n");
                    Map<RunStatus, Long> byStatus = new EnumMap<>(RunStatus.class);
                    byStatus.put(RunStatus.QUEUED, n);
                    return new RunTotals(n, byStatus, Latency.NONE, Latency.NONE, micros(rs, "m_queued"));
                })
                .one();
    }

    /**
     * Counters of the runs selected by {@code from} and the conditions of {@code sql}: one group per
     * status, so each row adds to one group instead of testing every status.
     */
    private RunTotals scanRuns(String from, ObserveSql sql) {
        String claim = "GREATEST(r.claimed_at - r.queued_at, 0)";
        String start = "GREATEST(r.started_at - COALESCE(r.claimed_at, r.queued_at), 0)";
        String select = "SELECT r.status, COUNT(*) AS n, COUNT(r.claimed_at) AS claim_n, SUM(" + claim
                + ") AS claim_sum, "
                + "MAX(" + claim + ") AS claim_max, COUNT(r.started_at) AS start_n, SUM(" + start + ") AS start_sum, "
                + "MAX(" + start + ") AS start_max, MAX(r.queued_at) AS m_queued, MAX(r.claimed_at) AS m_claimed, "
                + "MAX(r.started_at) AS m_started, MAX(r.ended_at) AS m_ended";
        return handle
                .createQuery(select + from + sql.where() + " GROUP BY r.status")
                .bindMap(sql.binds)
                .map((rs, ctx) -> ofOneStatus(
                        enumOf(RunStatus.class, rs.getString("status")),
                        rs.getLong("n"),
                        new Latency(rs.getLong("claim_n"), rs.getLong("claim_sum"), rs.getLong("claim_max")),
                        new Latency(rs.getLong("start_n"), rs.getLong("start_sum"), rs.getLong("start_max")),
                        max(
                                micros(rs, "m_queued"),
                                micros(rs, "m_claimed"),
                                micros(rs, "m_started"),
                                micros(rs, "m_ended"))))
                .list()
                .stream()
                .reduce(NO_RUNS, JdbiDashboardReads::plus);
    }

    /** The stored totals of finished runs of the tasks in {@code filter} (scope and workspace only). */
    private RunTotals finishedTotals(Filter filter) {
        ObserveSql sql = new ObserveSql();
        sql.workspaceKeyConditions(filter, "f.workspace_key");
        return handle
                .createQuery(
                        "SELECT f.status, SUM(f.runs) AS runs, SUM(f.claim_samples) AS cn, SUM(f.claim_sum) AS cs, "
                                + "MAX(f.claim_max) AS cm, SUM(f.start_samples) AS sn, SUM(f.start_sum) AS ss, MAX(f.start_max) AS sm, "
                                + "MAX(f.latest_activity) AS act FROM finished_run_totals f" + sql.where()
                                + " GROUP BY f.status")
                .bindMap(sql.binds)
                .map((rs, ctx) -> ofOneStatus(
                        enumOf(RunStatus.class, rs.getString("status")),
                        rs.getLong("runs"),
                        new Latency(rs.getLong("cn"), rs.getLong("cs"), rs.getLong("cm")),
                        new Latency(rs.getLong("sn"), rs.getLong("ss"), rs.getLong("sm")),
                        micros(rs, "act")))
                .list()
                .stream()
                .reduce(NO_RUNS, JdbiDashboardReads::plus);
    }

    /** The totals of one group of runs that share a status; {@link #plus} adds groups up. */
    private static RunTotals ofOneStatus(RunStatus status, long runs, Latency claim, Latency start, Instant latest) {
        return new RunTotals(runs, Map.of(status, runs), claim, start, latest);
    }

    private static RunTotals plus(RunTotals a, RunTotals b) {
        Map<RunStatus, Long> byStatus = new EnumMap<>(RunStatus.class);
        a.byStatus().forEach((status, n) -> byStatus.merge(status, n, Long::sum));
        b.byStatus().forEach((status, n) -> byStatus.merge(status, n, Long::sum));
        return new RunTotals(
                a.total() + b.total(),
                byStatus,
                plus(a.claimLatency(), b.claimLatency()),
                plus(a.startLatency(), b.startLatency()),
                max(a.latestActivity(), b.latestActivity()));
    }

    private static Latency plus(Latency a, Latency b) {
        return new Latency(
                a.samples() + b.samples(), a.totalMicros() + b.totalMicros(), Math.max(a.maxMicros(), b.maxMicros()));
    }

    List<QueueRow> queueDepth(Filter filter) {
        ObserveSql sql = new ObserveSql();
        String from = sql.runsOf(filter);
        sql.and("r.status = 'queued'");
        List<QueueRow> rows = new ArrayList<>(handle.createQuery(
                        "SELECT COALESCE(r.network_channel, '') AS channel, COUNT(*) AS n, "
                                // A delayed run waits from its due time, not from its enqueue: a retry an hour out is
                                // no backlog.
                                + "MIN(GREATEST(r.queued_at, COALESCE(r.not_before, 0))) AS oldest" + from
                                + sql.where() + " GROUP BY COALESCE(r.network_channel, '')")
                .bindMap(sql.binds)
                .map((rs, ctx) -> new QueueRow(rs.getString("channel").trim(), rs.getLong("n"), micros(rs, "oldest")))
                .list());
        // Sorted here, not by the database: collations differ between engines, Java's order is the contract's.
        rows.sort(Comparator.comparing(QueueRow::channel));
        return rows;
    }

    long stuckRuns(Filter filter, Instant now, StuckThresholds thresholds) {
        ObserveSql sql = new ObserveSql();
        String from = sql.runsOf(filter);
        sql.and("r.status IN ('claimed', 'starting', 'running')");
        sql.and("((r.status = 'claimed' AND COALESCE(r.claimed_at, r.queued_at) <= :claimed_cut)"
                + " OR (r.status = 'starting' AND COALESCE(r.claimed_at, r.queued_at) <= :starting_cut)"
                + " OR (r.status = 'running' AND COALESCE(r.started_at, r.claimed_at, r.queued_at) <= :running_cut))");
        sql.binds.put("claimed_cut", Micros.of(now.minus(thresholds.claimed())));
        sql.binds.put("starting_cut", Micros.of(now.minus(thresholds.starting())));
        sql.binds.put("running_cut", Micros.of(now.minus(thresholds.running())));
        return count("SELECT COUNT(*)" + from + sql.where(), sql);
    }

    long activeOrphanRuns(Filter filter) {
        ObserveSql sql = new ObserveSql();
        String from = sql.runsOf(filter);
        sql.and("r.status IN ('starting', 'running')");
        sql.and("(r.session_id IS NULL OR r.session_id = '' OR NOT EXISTS (SELECT 1 FROM agent_sessions s "
                + "WHERE s.session_id = r.session_id AND s.state = 'active'))");
        return count("SELECT COUNT(*)" + from + sql.where(), sql);
    }

    /**
     * The first {@code limit} active runs: running, then starting, claimed and queued, latest activity
     * first. When the filter selects by scope and workspace at most, the order is decided on the
     * {@code task_runs_observe} index alone (V006) and only the chosen runs are joined with their task;
     * a deep queue then costs index entries, not row reads.
     */
    List<ActiveRunRow> activeRuns(Filter filter, int limit) {
        String rank = "CASE r.status WHEN 'running' THEN 4 WHEN 'starting' THEN 3 WHEN 'claimed' THEN 2 ELSE 1 END";
        String activity =
                "GREATEST(r.queued_at, COALESCE(r.claimed_at, 0), COALESCE(r.started_at, 0), COALESCE(r.ended_at, 0))";
        String order = " ORDER BY o_rank DESC, o_activity DESC, o_id DESC LIMIT " + Math.max(0, limit);
        ObserveSql sql = new ObserveSql();
        String from;
        if (ObserveSql.byWorkspaceOnly(filter)) {
            sql.workspaceKeyConditions(filter, "r.workspace_key");
            sql.and("r.status IN " + ACTIVE);
            String top = "(SELECT r.id AS o_id, " + rank + " AS o_rank, " + activity + " AS o_activity FROM task_runs r"
                    + sql.where() + order + ") o";
            from = " FROM " + top + " JOIN task_runs r ON r.id = o.o_id JOIN tasks t ON t.id = r.task_id";
        } else {
            sql.taskConditions(filter);
            sql.runConditions(filter);
            sql.and("r.status IN " + ACTIVE);
            from = " FROM (SELECT r.id AS o_id, " + rank + " AS o_rank, " + activity + " AS o_activity"
                    + " FROM task_runs r JOIN tasks t ON t.id = r.task_id" + sql.where() + order + ") o"
                    + " JOIN task_runs r ON r.id = o.o_id JOIN tasks t ON t.id = r.task_id";
        }
        String query = "SELECT r.*, t.identifier AS t_identifier, t.title AS t_title, t.status AS t_status, "
                + "t.priority AS t_priority, t.owner_kind AS t_owner_kind, t.owner_ref AS t_owner_ref, t.scope AS t_scope, "
                + "t.workspace_id AS t_workspace_id, t.latest_event_seq AS t_latest_event_seq, t.max_attempts AS t_max_attempts, "
                + "t.paused_at AS t_paused_at"
                + from + " ORDER BY o.o_rank DESC, o.o_activity DESC, o.o_id DESC";
        return handle.createQuery(query)
                .bindMap(sql.binds)
                .map((rs, ctx) -> {
                    Run run = Rows.RUN.map(rs, ctx);
                    String ownerKind = rs.getString("t_owner_kind");
                    Owner owner = ownerKind == null
                            ? null
                            : new Owner(enumOf(OwnerKind.class, ownerKind), rs.getString("t_owner_ref"));
                    return new ActiveRunRow(
                            run,
                            rs.getString("t_identifier"),
                            rs.getString("t_title"),
                            enumOf(TaskStatus.class, rs.getString("t_status")),
                            enumOf(Priority.class, rs.getString("t_priority")),
                            owner,
                            enumOf(Scope.class, rs.getString("t_scope")),
                            rs.getString("t_workspace_id"),
                            rs.getLong("t_latest_event_seq"),
                            rs.getInt("t_max_attempts"),
                            micros(rs, "t_paused_at") != null);
                })
                .list();
    }

    long eventCount(Filter filter, String eventType, Instant since) {
        ObserveSql sql = new ObserveSql();
        boolean join = sql.taskConditions(filter);
        sql.and("e.event_type = :event_type");
        sql.binds.put("event_type", eventType);
        if (since != null) {
            sql.and("e.created_at >= :since");
            sql.binds.put("since", Micros.of(since));
        }
        if (filter.originKind() != null) {
            sql.and("e.origin_kind = :e_origin");
            sql.binds.put("e_origin", wire(filter.originKind()));
        }
        if (filter.networkChannel() != null) {
            sql.and("(e.run_id IS NULL OR EXISTS (SELECT 1 FROM task_runs er WHERE er.id = e.run_id "
                    + "AND er.network_channel = :channel))");
        }
        String from = " FROM task_events e" + (join ? " JOIN tasks t ON t.id = e.task_id" : "");
        return count("SELECT COUNT(*)" + from + sql.where(), sql);
    }

    private long count(String query, ObserveSql sql) {
        return handle.createQuery(query).bindMap(sql.binds).mapTo(Long.class).one();
    }
}
