package dev.agh.store.jdbi;

import static dev.agh.store.jdbi.ObserveSql.ACTIVE;
import static dev.agh.store.jdbi.ObserveSql.TASK_ACTIVITY;
import static dev.agh.store.jdbi.ObserveSql.micros;
import static dev.agh.store.jdbi.Rows.wire;

import dev.agh.domain.Actor;
import dev.agh.domain.ActorKind;
import dev.agh.domain.Run;
import dev.agh.domain.Task;
import dev.agh.domain.Triage;
import dev.agh.store.ObserveTable.Filter;
import dev.agh.store.ObserveTable.InboxFilter;
import dev.agh.store.ObserveTable.InboxRow;
import dev.agh.store.ObserveTable.Lane;
import dev.agh.store.ObserveTable.LaneCount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The inbox. It starts from the union of index-backed candidate sets (blocked tasks, tasks whose
 * latest run failed, the actor's archived rows, the actor's open tasks, runs the actor holds) and
 * computes lane, unread and dismissal per candidate in SQL, so counting and per-lane limits stay
 * in the database. "Latest run failed" is the stored {@code tasks.latest_run_outcome} (V005), and the
 * items' latest runs are read by {@code tasks.latest_run_id}: no query runs once per task.
 */
final class JdbiInboxReads {
  private static final String OPEN_TASK = "status NOT IN ('draft', 'completed', 'failed', 'canceled')";

  private final Handle handle;

  JdbiInboxReads(Handle handle) {
    this.handle = handle;
  }

  List<LaneCount> inboxCounts(InboxFilter filter) {
    return page(filter).counts();
  }

  List<InboxRow> inboxItems(InboxFilter filter) {
    return page(filter).rows();
  }

  /** Counts and items of one inbox query; the inbox asks for both with one filter, in one snapshot. */
  private record Page(InboxFilter filter, List<LaneCount> counts, List<InboxRow> rows) {}

  private Page last;

  /**
   * One statement answers both counts and items: the per-lane counts ride along on each item as
   * window aggregates, so the candidate set is built once per inbox instead of twice.
   */
  private Page page(InboxFilter filter) {
    if (last != null && last.filter().equals(filter)) {
      return last;
    }
    ObserveSql sql = new ObserveSql();
    String visible = visibleItems(filter, sql);
    String query = "SELECT t.*, p.lane AS o_lane, p.unread AS o_unread, p.act AS o_act, p.rn AS o_rn, "
        + "p.lane_n AS o_lane_n, p.lane_u AS o_lane_u, "
        + "tr.task_id AS tr_task, tr.is_read AS tr_read, tr.archived AS tr_archived, tr.dismissed AS tr_dismissed, "
        + "tr.last_seen_activity_at AS tr_seen, tr.updated_at AS tr_updated "
        + "FROM (SELECT v.*, ROW_NUMBER() OVER (PARTITION BY v.lane ORDER BY v.unread DESC, v.act DESC, "
        + "v.priority_rank DESC, v.id) AS rn, COUNT(*) OVER (PARTITION BY v.lane) AS lane_n, "
        + "SUM(CASE WHEN v.unread THEN 1 ELSE 0 END) OVER (PARTITION BY v.lane) AS lane_u FROM " + visible + " v) p "
        + "JOIN tasks t ON t.id = p.id "
        + "LEFT JOIN task_triage_state tr ON tr.task_id = t.id AND tr.actor_kind = :actor_kind AND tr.actor_ref = :actor_ref"
        + (filter.limitPerLane() > 0 ? " WHERE p.rn <= " + filter.limitPerLane() : "")
        + " ORDER BY p.lane, p.rn";
    Actor actor = filter.actor();
    List<InboxRow> rows = new ArrayList<>();
    List<LaneCount> counts = new ArrayList<>();
    List<String> latestRunIds = new ArrayList<>();
    handle.createQuery(query).bindMap(sql.binds).map((rs, ctx) -> {
      Task task = Rows.TASK.map(rs, ctx);
      Triage triage = rs.getString("tr_task") == null ? null : new Triage(task.id(), actor, rs.getBoolean("tr_read"),
          rs.getBoolean("tr_archived"), rs.getBoolean("tr_dismissed"), micros(rs, "tr_seen"), micros(rs, "tr_updated"));
      String latestRunId = rs.getString("latest_run_id");
      if (latestRunId != null) {
        latestRunIds.add(latestRunId);
      }
      Lane lane = Lane.ofWire(rs.getString("o_lane"));
      if (rs.getLong("o_rn") == 1) {
        counts.add(new LaneCount(lane, rs.getLong("o_lane_n"), rs.getLong("o_lane_u")));
      }
      return new InboxRow(task, lane, rs.getBoolean("o_unread"), micros(rs, "o_act"), triage, null);
    }).forEach(rows::add);
    Map<String, Run> latest = latestRunIds.isEmpty() ? Map.of() : latestRuns(latestRunIds);
    List<InboxRow> withRuns = new ArrayList<>(rows.size());
    for (InboxRow row : rows) {
      withRuns.add(new InboxRow(row.task(), row.lane(), row.unread(), row.latestActivity(), row.triage(),
          latest.get(row.task().id())));
    }
    last = new Page(filter, counts, withRuns);
    return last;
  }

  /** The runs named by {@code tasks.latest_run_id} of the items, by task id. */
  private Map<String, Run> latestRuns(List<String> runIds) {
    Map<String, Run> byTask = new HashMap<>();
    List<String> distinct = runIds.stream().distinct().toList();
    for (int from = 0; from < distinct.size(); from += 500) {
      List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + 500));
      handle.createQuery("SELECT * FROM task_runs WHERE id IN (<ids>)").bindList("ids", chunk)
          .map(Rows.RUN).forEach(run -> byTask.put(run.taskId(), run));
    }
    return byTask;
  }

  /**
   * A derived table of the actor's visible inbox items (id, lane, unread, act, priority_rank) after the
   * task filters, dismissal, and the lane and unread filters. Nested subqueries rather than {@code WITH}:
   * H2 caches a prepared {@code WITH} statement together with the values first bound to it, so the
   * next actor on the same connection would get the previous actor's inbox.
   */
  private String visibleItems(InboxFilter filter, ObserveSql sql) {
    Actor actor = filter.actor();
    sql.binds.put("actor_kind", wire(actor.kind()));
    sql.binds.put("actor_ref", actor.ref());
    // A daemon actor owns nothing: '' never equals a stored owner kind.
    sql.binds.put("actor_owner_kind", ownerKindOf(actor.kind()));
    Filter tasks = filter.tasks() == null ? Filter.NONE : filter.tasks();
    sql.taskConditions(new Filter(tasks.scope(), tasks.workspaceId(), tasks.ownerKind(), tasks.ownerRef(), null, null,
        tasks.text()));
    String mine = "((t.owner_kind = :actor_owner_kind AND t.owner_ref = :actor_ref) OR EXISTS (SELECT 1 FROM task_runs mr "
        + "WHERE mr.task_id = t.id AND mr.status IN " + ACTIVE
        + " AND mr.claimed_by_kind = :actor_kind AND mr.claimed_by_ref = :actor_ref))";
    String lane = "CASE WHEN tr.archived THEN 'archived'"
        + " WHEN t.status = 'blocked' AND t.approval_policy = 'manual' AND t.approval_state = 'pending' THEN 'approvals'"
        + " WHEN t.latest_run_outcome = 'failed' THEN 'failed_runs'"
        + " WHEN t.status = 'blocked' THEN 'blocked'"
        + " WHEN t." + OPEN_TASK + " AND " + mine + " THEN 'my_work'"
        + " END";
    String unread = "CASE WHEN tr.task_id IS NULL THEN TRUE WHEN tr.archived THEN FALSE"
        + " WHEN tr.last_seen_activity_at IS NULL OR " + TASK_ACTIVITY + " > tr.last_seen_activity_at THEN TRUE"
        + " ELSE NOT tr.is_read END";
    String hidden = "CASE WHEN tr.task_id IS NOT NULL AND NOT tr.archived AND tr.dismissed"
        + " AND tr.last_seen_activity_at IS NOT NULL AND " + TASK_ACTIVITY + " <= tr.last_seen_activity_at"
        + " THEN TRUE ELSE FALSE END";
    StringBuilder v = new StringBuilder(" WHERE lane IS NOT NULL AND NOT hidden");
    if (filter.lane() != null) {
      v.append(" AND lane = :lane");
      sql.binds.put("lane", filter.lane().wire());
    }
    if (filter.unreadOnly()) {
      v.append(" AND unread");
    }
    // Closed tasks reach a lane only through another candidate set (blocked, failed latest run,
    // archived), so the actor's own tasks are candidates only while open.
    String candidates = "(SELECT id FROM tasks WHERE status = 'blocked'"
        + " UNION SELECT id FROM tasks WHERE latest_run_outcome = 'failed'"
        + " UNION SELECT task_id FROM task_triage_state WHERE actor_kind = :actor_kind AND actor_ref = :actor_ref"
        + " AND archived = TRUE"
        + " UNION SELECT id FROM tasks WHERE owner_kind = :actor_owner_kind AND owner_ref = :actor_ref AND " + OPEN_TASK
        + " UNION SELECT task_id FROM task_runs WHERE status IN " + ACTIVE
        + " AND claimed_by_kind = :actor_kind AND claimed_by_ref = :actor_ref)";
    String classified = "(SELECT t.id, t.priority_rank, " + TASK_ACTIVITY + " AS act, " + lane + " AS lane, " + unread
        + " AS unread, " + hidden + " AS hidden FROM " + candidates + " cand JOIN tasks t ON t.id = cand.id"
        + " LEFT JOIN task_triage_state tr ON tr.task_id = t.id AND tr.actor_kind = :actor_kind"
        + " AND tr.actor_ref = :actor_ref" + sql.where() + ")";
    return "(SELECT * FROM " + classified + " c" + v + ")";
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
}
