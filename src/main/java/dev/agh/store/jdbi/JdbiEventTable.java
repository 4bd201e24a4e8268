package dev.agh.store.jdbi;

import static dev.agh.store.jdbi.Rows.wire;

import dev.agh.domain.Event;
import dev.agh.store.EventTable;
import java.util.List;
import org.jdbi.v3.core.Handle;

final class JdbiEventTable implements EventTable {
  /** The task and its descendants, through the parent links (index tasks_parent). */
  static final String SUBTREE = "WITH RECURSIVE subtree (id) AS (SELECT id FROM tasks WHERE id = :root "
      + "UNION ALL SELECT t.id FROM tasks t JOIN subtree s ON t.parent_task_id = s.id) ";

  private final Handle handle;
  private final SequenceLease sequences;

  JdbiEventTable(Handle handle, SequenceLease sequences) {
    this.handle = handle;
    this.sequences = sequences;
  }

  @Override
  public long append(Event e) {
    if (sequences == null) {
      throw new IllegalStateException("events are appended only inside a write transaction");
    }
    long sequence = sequences.next();
    handle.createUpdate("INSERT INTO task_events (sequence, id, task_id, run_id, event_type, actor_kind, actor_ref, "
            + "origin_kind, origin_ref, payload, created_at) VALUES (:seq, :id, :task, :run, :type, :ak, :ar, :ok, :or, :payload, :at)")
        .bind("seq", sequence)
        .bind("id", e.id())
        .bind("task", e.taskId())
        .bind("run", e.runId())
        .bind("type", e.type())
        .bind("ak", wire(e.actor().kind()))
        .bind("ar", e.actor().ref())
        .bind("ok", wire(e.origin().kind()))
        .bind("or", e.origin().ref())
        .bind("payload", e.payloadJson())
        .bind("at", Micros.of(e.timestamp()))
        .execute();
    return sequence;
  }

  @Override
  public List<Event> ofTask(String taskId) {
    return handle.createQuery("SELECT * FROM task_events WHERE task_id = :t ORDER BY sequence DESC")
        .bind("t", taskId).map(Rows.EVENT).list();
  }

  @Override
  public List<Event> ofTask(String taskId, long afterSequence, int limit) {
    return handle.createQuery("SELECT * FROM task_events WHERE task_id = :t AND sequence > :after ORDER BY sequence"
            + (limit > 0 ? " LIMIT :limit" : ""))
        .bind("t", taskId).bind("after", afterSequence).bind("limit", limit).map(Rows.EVENT).list();
  }

  @Override
  public List<Event> after(long afterSequence, int limit) {
    return handle.createQuery("SELECT * FROM task_events WHERE sequence > :after ORDER BY sequence LIMIT :limit")
        .bind("after", afterSequence).bind("limit", limit).map(Rows.EVENT).list();
  }

  @Override
  public List<Event> ofSubtree(String rootTaskId, long afterSequence, long throughSequence, int limit) {
    return handle.createQuery(SUBTREE + "SELECT e.* FROM task_events e JOIN subtree s ON e.task_id = s.id "
            + "WHERE e.sequence > :after AND e.sequence <= :through ORDER BY e.sequence LIMIT :limit")
        .bind("root", rootTaskId).bind("after", afterSequence).bind("through", throughSequence).bind("limit", limit)
        .map(Rows.EVENT).list();
  }
}
