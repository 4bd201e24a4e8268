package dev.agh.store.jdbi;

import static dev.agh.store.jdbi.Rows.enumOf;
import static dev.agh.store.jdbi.Rows.wire;

import dev.agh.domain.Actor;
import dev.agh.domain.ActorKind;
import dev.agh.domain.Owner;
import dev.agh.domain.OwnerKind;
import dev.agh.domain.Priority;
import dev.agh.domain.Run;
import dev.agh.domain.RunStatus;
import dev.agh.domain.Scope;
import dev.agh.domain.Task;
import dev.agh.domain.TaskStatus;
import dev.agh.domain.Triage;
import dev.agh.store.ObserveTable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * {@link ObserveTable} in SQL common to H2 and PostgreSQL. Aggregates are single passes with
 * {@code SUM(CASE ...)}; the tasks table is joined only when a task filter is present; lists are
 * {@code ORDER BY ... LIMIT}. The inbox starts from the union of index-backed candidate sets
 * (blocked tasks, failed runs, the actor's archived rows, owned tasks, runs the actor holds) and
 * computes lane, unread and dismissal per candidate in SQL, so counting and per-lane limits stay in
 * the database.
 */
final class JdbiObserveTable implements ObserveTable {
  private static final String ACTIVE = "('queued', 'claimed', 'starting', 'running')";
  /** Latest activity of a task row; every event moves last_activity_at (see Triage.latestActivity). */
  private static final String TASK_ACTIVITY =
      "GREATEST(t.created_at, t.updated_at, COALESCE(t.closed_at, 0), t.last_activity_at)";

  private final Handle handle;

  JdbiObserveTable(Handle handle) {
    this.handle = handle;
  }

  // ---------------------------------------------------------------- dashboard

  @Override
  public TaskTotals taskTotals(Filter filter) {
    Sql sql = new Sql();
    StringBuilder select = new StringBuilder("SELECT COUNT(*) AS total");
    for (TaskStatus status : TaskStatus.values()) {
      select.append(", SUM(CASE WHEN t.status = '").append(wire(status)).append("' THEN 1 ELSE 0 END) AS s_")
          .append(wire(status));
    }
    select.append(", SUM(CASE WHEN t.status = 'blocked' AND t.approval_state = 'pending' THEN 1 ELSE 0 END) AS awaiting")
        .append(", SUM(CASE WHEN t.status = 'blocked' AND t.dependency_count > 0 THEN 1 ELSE 0 END) AS dep_blocked")
        .append(", MAX(t.created_at) AS m_created, MAX(t.updated_at) AS m_updated, MAX(t.closed_at) AS m_closed")
        .append(", MAX(t.last_activity_at) AS m_activity FROM tasks t");
    taskConditions(filter, sql);
    return handle.createQuery(select + sql.where()).bindMap(sql.binds).map((rs, ctx) -> {
      Map<TaskStatus, Long> byStatus = new EnumMap<>(TaskStatus.class);
      for (TaskStatus status : TaskStatus.values()) {
        byStatus.put(status, rs.getLong("s_" + wire(status)));
      }
      Instant latest = max(micros(rs, "m_created"), micros(rs, "m_updated"), micros(rs, "m_closed"),
          micros(rs, "m_activity"));
      return new TaskTotals(rs.getLong("total"), byStatus, rs.getLong("awaiting"), rs.getLong("dep_blocked"), latest);
    }).one();
  }

  @Override
  public RunTotals runTotals(Filter filter) {
    Sql sql = new Sql();
    StringBuilder select = new StringBuilder("SELECT COUNT(*) AS total");
    for (RunStatus status : RunStatus.values()) {
      select.append(", SUM(CASE WHEN r.status = '").append(wire(status)).append("' THEN 1 ELSE 0 END) AS s_")
          .append(wire(status));
    }
    String claim = "GREATEST(r.claimed_at - r.queued_at, 0)";
    String start = "GREATEST(r.started_at - COALESCE(r.claimed_at, r.queued_at), 0)";
    select.append(", SUM(CASE WHEN r.claimed_at IS NOT NULL THEN 1 ELSE 0 END) AS claim_n")
        .append(", SUM(CASE WHEN r.claimed_at IS NOT NULL THEN ").append(claim).append(" ELSE 0 END) AS claim_sum")
        .append(", MAX(CASE WHEN r.claimed_at IS NOT NULL THEN ").append(claim).append(" END) AS claim_max")
        .append(", SUM(CASE WHEN r.started_at IS NOT NULL THEN 1 ELSE 0 END) AS start_n")
        .append(", SUM(CASE WHEN r.started_at IS NOT NULL THEN ").append(start).append(" ELSE 0 END) AS start_sum")
        .append(", MAX(CASE WHEN r.started_at IS NOT NULL THEN ").append(start).append(" END) AS start_max")
        .append(", MAX(r.queued_at) AS m_queued, MAX(r.claimed_at) AS m_claimed, MAX(r.started_at) AS m_started")
        .append(", MAX(r.ended_at) AS m_ended");
    String from = runFrom(filter, sql);
    return handle.createQuery(select + from + sql.where()).bindMap(sql.binds).map((rs, ctx) -> {
      Map<RunStatus, Long> byStatus = new EnumMap<>(RunStatus.class);
      for (RunStatus status : RunStatus.values()) {
        byStatus.put(status, rs.getLong("s_" + wire(status)));
      }
      Instant latest = max(micros(rs, "m_queued"), micros(rs, "m_claimed"), micros(rs, "m_started"),
          micros(rs, "m_ended"));
      return new RunTotals(rs.getLong("total"), byStatus,
          new Latency(rs.getLong("claim_n"), rs.getLong("claim_sum"), rs.getLong("claim_max")),
          new Latency(rs.getLong("start_n"), rs.getLong("start_sum"), rs.getLong("start_max")), latest);
    }).one();
  }

  @Override
  public List<QueueRow> queueDepth(Filter filter) {
    Sql sql = new Sql();
    String from = runFrom(filter, sql);
    sql.and("r.status = 'queued'");
    List<QueueRow> rows = new ArrayList<>(handle.createQuery(
            "SELECT COALESCE(r.network_channel, '') AS channel, COUNT(*) AS n, MIN(r.queued_at) AS oldest" + from
                + sql.where() + " GROUP BY COALESCE(r.network_channel, '')")
        .bindMap(sql.binds)
        .map((rs, ctx) -> new QueueRow(rs.getString("channel").trim(), rs.getLong("n"), micros(rs, "oldest")))
        .list());
    // Sorted here, not by the database: collations differ between engines, Java's order is the contract's.
    rows.sort(Comparator.comparing(QueueRow::channel));
    return rows;
  }

  @Override
  public long stuckRuns(Filter filter, Instant now, StuckThresholds thresholds) {
    Sql sql = new Sql();
    String from = runFrom(filter, sql);
    sql.and("r.status IN ('claimed', 'starting', 'running')");
    sql.and("((r.status = 'claimed' AND COALESCE(r.claimed_at, r.queued_at) <= :claimed_cut)"
        + " OR (r.status = 'starting' AND COALESCE(r.claimed_at, r.queued_at) <= :starting_cut)"
        + " OR (r.status = 'running' AND COALESCE(r.started_at, r.claimed_at, r.queued_at) <= :running_cut))");
    sql.binds.put("claimed_cut", Micros.of(now.minus(thresholds.claimed())));
    sql.binds.put("starting_cut", Micros.of(now.minus(thresholds.starting())));
    sql.binds.put("running_cut", Micros.of(now.minus(thresholds.running())));
    return count("SELECT COUNT(*)" + from + sql.where(), sql);
  }

  @Override
  public long activeOrphanRuns(Filter filter) {
    Sql sql = new Sql();
    String from = runFrom(filter, sql);
    sql.and("r.status IN ('starting', 'running')");
    sql.and("(r.session_id IS NULL OR r.session_id = '' OR NOT EXISTS (SELECT 1 FROM agent_sessions s "
        + "WHERE s.session_id = r.session_id AND s.state = 'active'))");
    return count("SELECT COUNT(*)" + from + sql.where(), sql);
  }

  @Override
  public List<ActiveRunRow> activeRuns(Filter filter, int limit) {
    Sql sql = new Sql();
    taskConditions(filter, sql);
    runConditions(filter, sql);
    sql.and("r.status IN " + ACTIVE);
    String query = "SELECT r.*, t.identifier AS t_identifier, t.title AS t_title, t.status AS t_status, "
        + "t.priority AS t_priority, t.owner_kind AS t_owner_kind, t.owner_ref AS t_owner_ref, t.scope AS t_scope, "
        + "t.workspace_id AS t_workspace_id, t.latest_event_seq AS t_latest_event_seq, t.max_attempts AS t_max_attempts, "
        + "CASE r.status WHEN 'running' THEN 4 WHEN 'starting' THEN 3 WHEN 'claimed' THEN 2 ELSE 1 END AS o_rank, "
        + "GREATEST(r.queued_at, COALESCE(r.claimed_at, 0), COALESCE(r.started_at, 0), COALESCE(r.ended_at, 0)) AS o_activity "
        + "FROM task_runs r JOIN tasks t ON t.id = r.task_id" + sql.where()
        + " ORDER BY o_rank DESC, o_activity DESC, r.id DESC LIMIT " + Math.max(0, limit);
    return handle.createQuery(query).bindMap(sql.binds).map((rs, ctx) -> {
      Run run = Rows.RUN.map(rs, ctx);
      String ownerKind = rs.getString("t_owner_kind");
      Owner owner = ownerKind == null ? null : new Owner(enumOf(OwnerKind.class, ownerKind), rs.getString("t_owner_ref"));
      return new ActiveRunRow(run, rs.getString("t_identifier"), rs.getString("t_title"),
          enumOf(TaskStatus.class, rs.getString("t_status")), enumOf(Priority.class, rs.getString("t_priority")),
          owner, enumOf(Scope.class, rs.getString("t_scope")), rs.getString("t_workspace_id"),
          rs.getLong("t_latest_event_seq"), rs.getInt("t_max_attempts"));
    }).list();
  }

  @Override
  public long eventCount(Filter filter, String eventType, Instant since) {
    Sql sql = new Sql();
    boolean join = taskConditions(filter, sql);
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

  // ---------------------------------------------------------------- inbox

  @Override
  public List<LaneCount> inboxCounts(InboxFilter filter) {
    Sql sql = new Sql();
    String visible = visibleItems(filter, sql);
    List<LaneCount> counts = handle.createQuery(visible
            + " SELECT lane, COUNT(*) AS n, SUM(CASE WHEN unread THEN 1 ELSE 0 END) AS u FROM v GROUP BY lane")
        .bindMap(sql.binds)
        .map((rs, ctx) -> new LaneCount(Lane.ofWire(rs.getString("lane")), rs.getLong("n"), rs.getLong("u")))
        .list();
    return counts;
  }

  @Override
  public List<InboxRow> inboxItems(InboxFilter filter) {
    Sql sql = new Sql();
    String visible = visibleItems(filter, sql);
    String query = visible + " SELECT t.*, p.lane AS o_lane, p.unread AS o_unread, p.act AS o_act, p.rn AS o_rn, "
        + "tr.task_id AS tr_task, tr.is_read AS tr_read, tr.archived AS tr_archived, tr.dismissed AS tr_dismissed, "
        + "tr.last_seen_activity_at AS tr_seen, tr.updated_at AS tr_updated "
        + "FROM (SELECT v.*, ROW_NUMBER() OVER (PARTITION BY v.lane ORDER BY v.unread DESC, v.act DESC, "
        + "v.priority_rank DESC, v.id) AS rn FROM v) p "
        + "JOIN tasks t ON t.id = p.id "
        + "LEFT JOIN task_triage_state tr ON tr.task_id = t.id AND tr.actor_kind = :actor_kind AND tr.actor_ref = :actor_ref"
        + (filter.limitPerLane() > 0 ? " WHERE p.rn <= " + filter.limitPerLane() : "")
        + " ORDER BY p.lane, p.rn";
    Actor actor = filter.actor();
    List<InboxRow> rows = handle.createQuery(query).bindMap(sql.binds).map((rs, ctx) -> {
      Task task = Rows.TASK.map(rs, ctx);
      Triage triage = rs.getString("tr_task") == null ? null : new Triage(task.id(), actor, rs.getBoolean("tr_read"),
          rs.getBoolean("tr_archived"), rs.getBoolean("tr_dismissed"), micros(rs, "tr_seen"), micros(rs, "tr_updated"));
      return new InboxRow(task, Lane.ofWire(rs.getString("o_lane")), rs.getBoolean("o_unread"), micros(rs, "o_act"),
          triage, null);
    }).list();
    if (rows.isEmpty()) {
      return rows;
    }
    Map<String, Run> latest = latestRuns(rows.stream().map(r -> r.task().id()).distinct().toList());
    List<InboxRow> withRuns = new ArrayList<>(rows.size());
    for (InboxRow row : rows) {
      withRuns.add(new InboxRow(row.task(), row.lane(), row.unread(), row.latestActivity(), row.triage(),
          latest.get(row.task().id())));
    }
    return withRuns;
  }

  /** The latest run of each task: highest attempt, then latest queued_at, then greatest id. */
  private Map<String, Run> latestRuns(List<String> taskIds) {
    Map<String, Run> latest = new HashMap<>();
    Comparator<Run> order = Comparator.comparingInt(Run::attempt).thenComparing(Run::queuedAt).thenComparing(Run::id);
    for (int from = 0; from < taskIds.size(); from += 500) {
      List<String> chunk = taskIds.subList(from, Math.min(taskIds.size(), from + 500));
      handle.createQuery("SELECT * FROM task_runs WHERE task_id IN (<ids>)").bindList("ids", chunk)
          .map(Rows.RUN).forEach(run -> latest.merge(run.taskId(), run, (a, b) -> order.compare(a, b) >= 0 ? a : b));
    }
    return latest;
  }

  /**
   * {@code WITH ... v AS (...)}: the actor's visible inbox items (id, lane, unread, act, priority_rank)
   * after the task filters, dismissal, and the lane and unread filters.
   */
  private String visibleItems(InboxFilter filter, Sql sql) {
    Actor actor = filter.actor();
    sql.binds.put("actor_kind", wire(actor.kind()));
    sql.binds.put("actor_ref", actor.ref());
    // A daemon actor owns nothing: '' never equals a stored owner kind.
    sql.binds.put("actor_owner_kind", ownerKindOf(actor.kind()));
    Filter tasks = filter.tasks() == null ? Filter.NONE : filter.tasks();
    taskConditions(new Filter(tasks.scope(), tasks.workspaceId(), tasks.ownerKind(), tasks.ownerRef(), null, null,
        tasks.text()), sql);
    String latestRunStatus = "(SELECT lr.status FROM task_runs lr WHERE lr.task_id = t.id "
        + "ORDER BY lr.attempt DESC, lr.queued_at DESC, lr.id DESC LIMIT 1)";
    String mine = "((t.owner_kind = :actor_owner_kind AND t.owner_ref = :actor_ref) OR EXISTS (SELECT 1 FROM task_runs mr "
        + "WHERE mr.task_id = t.id AND mr.status IN " + ACTIVE
        + " AND mr.claimed_by_kind = :actor_kind AND mr.claimed_by_ref = :actor_ref))";
    String lane = "CASE WHEN tr.archived THEN 'archived'"
        + " WHEN t.status = 'blocked' AND t.approval_policy = 'manual' AND t.approval_state = 'pending' THEN 'approvals'"
        + " WHEN " + latestRunStatus + " = 'failed' THEN 'failed_runs'"
        + " WHEN t.status = 'blocked' THEN 'blocked'"
        + " WHEN t.status NOT IN ('draft', 'completed', 'failed', 'canceled') AND " + mine + " THEN 'my_work'"
        + " END";
    String unread = "CASE WHEN tr.task_id IS NULL THEN TRUE WHEN tr.archived THEN FALSE"
        + " WHEN tr.last_seen_activity_at IS NULL OR " + TASK_ACTIVITY + " > tr.last_seen_activity_at THEN TRUE"
        + " ELSE NOT tr.is_read END";
    String hidden = "CASE WHEN tr.task_id IS NOT NULL AND NOT tr.archived AND tr.dismissed"
        + " AND tr.last_seen_activity_at IS NOT NULL AND " + TASK_ACTIVITY + " <= tr.last_seen_activity_at"
        + " THEN TRUE ELSE FALSE END";
    StringBuilder v = new StringBuilder("SELECT * FROM c WHERE lane IS NOT NULL AND NOT hidden");
    if (filter.lane() != null) {
      v.append(" AND lane = :lane");
      sql.binds.put("lane", filter.lane().wire());
    }
    if (filter.unreadOnly()) {
      v.append(" AND unread");
    }
    return "WITH cand (id) AS ("
        + "SELECT id FROM tasks WHERE status = 'blocked'"
        + " UNION SELECT task_id FROM task_runs WHERE status = 'failed'"
        + " UNION SELECT task_id FROM task_triage_state WHERE actor_kind = :actor_kind AND actor_ref = :actor_ref"
        + " AND archived = TRUE"
        + " UNION SELECT id FROM tasks WHERE owner_kind = :actor_owner_kind AND owner_ref = :actor_ref"
        + " UNION SELECT task_id FROM task_runs WHERE status IN " + ACTIVE
        + " AND claimed_by_kind = :actor_kind AND claimed_by_ref = :actor_ref"
        + "), c AS (SELECT t.id, t.priority_rank, " + TASK_ACTIVITY + " AS act, " + lane + " AS lane, " + unread
        + " AS unread, " + hidden + " AS hidden FROM cand JOIN tasks t ON t.id = cand.id"
        + " LEFT JOIN task_triage_state tr ON tr.task_id = t.id AND tr.actor_kind = :actor_kind"
        + " AND tr.actor_ref = :actor_ref" + sql.where()
        + "), v AS (" + v + ")";
  }

  private static String ownerKindOf(ActorKind kind) {
    return switch (kind) {
      case HUMAN -> "human";
      case AGENT_SESSION -> "agent_session";
      case AUTOMATION -> "automation";
      case EXTENSION -> "extension";
      case NETWORK_PEER -> "network_peer";
      case DAEMON -> "";
    };
  }

  // ---------------------------------------------------------------- SQL pieces

  /** Conditions of the task set on alias {@code t}; true when there is any (the tasks table is needed). */
  private static boolean taskConditions(Filter f, Sql sql) {
    int before = sql.conditions.size();
    if (f.scope() != null) {
      sql.and("t.scope = :scope");
      sql.binds.put("scope", wire(f.scope()));
    }
    if (f.workspaceId() != null) {
      sql.and("t.workspace_id = :workspace_id");
      sql.binds.put("workspace_id", f.workspaceId());
    }
    if (f.ownerKind() != null) {
      sql.and("t.owner_kind = :owner_kind");
      sql.binds.put("owner_kind", wire(f.ownerKind()));
    }
    if (f.ownerRef() != null) {
      sql.and("t.owner_ref = :owner_ref");
      sql.binds.put("owner_ref", f.ownerRef());
    }
    if (f.networkChannel() != null) {
      sql.and("t.network_channel = :channel");
      sql.binds.put("channel", f.networkChannel());
    }
    if (f.originKind() != null) {
      sql.and("t.origin_kind = :origin_kind");
      sql.binds.put("origin_kind", wire(f.originKind()));
    }
    if (f.text() != null && !f.text().isEmpty()) {
      sql.and("(LOWER(t.title) LIKE :text ESCAPE '!' OR LOWER(t.identifier) LIKE :text ESCAPE '!')");
      sql.binds.put("text", "%" + escapeLike(f.text().toLowerCase(Locale.ROOT)) + "%");
    }
    return sql.conditions.size() > before;
  }

  /** The run channel and origin conditions (the task's are in {@link #taskConditions}). */
  private static void runConditions(Filter f, Sql sql) {
    if (f.networkChannel() != null) {
      sql.and("r.network_channel = :channel");
      sql.binds.put("channel", f.networkChannel());
    }
    if (f.originKind() != null) {
      sql.and("r.origin_kind = :run_origin_kind");
      sql.binds.put("run_origin_kind", wire(f.originKind()));
    }
  }

  /** {@code FROM task_runs r}, joined with its task only when a task condition needs it. */
  private static String runFrom(Filter f, Sql sql) {
    boolean join = taskConditions(f, sql);
    runConditions(f, sql);
    return " FROM task_runs r" + (join ? " JOIN tasks t ON t.id = r.task_id" : "");
  }

  private long count(String query, Sql sql) {
    return handle.createQuery(query).bindMap(sql.binds).mapTo(Long.class).one();
  }

  private static String escapeLike(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  private static Instant micros(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : Instant.EPOCH.plus(value, ChronoUnit.MICROS);
  }

  private static Instant max(Instant... instants) {
    Instant max = null;
    for (Instant i : instants) {
      if (i != null && (max == null || i.isAfter(max))) {
        max = i;
      }
    }
    return max;
  }

  /** WHERE conditions joined by AND, with their named parameters. */
  private static final class Sql {
    final List<String> conditions = new ArrayList<>();
    final Map<String, Object> binds = new LinkedHashMap<>();

    void and(String condition) {
      conditions.add(condition);
    }

    String where() {
      return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }
  }
}
