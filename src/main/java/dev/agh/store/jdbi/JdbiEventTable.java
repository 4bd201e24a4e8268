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
    private final RawSql sql;

    JdbiEventTable(Handle handle, SequenceLease sequences, RawSql sql) {
        this.handle = handle;
        this.sequences = sequences;
        this.sql = sql;
    }

    @Override
    public long append(Event e) {
        if (sequences == null) {
            throw new IllegalStateException("events are appended only inside a write transaction");
        }
        long sequence = sequences.next();
        // Every write appends events: plain JDBC (see RawSql).
        sql.update(
                "INSERT INTO task_events (sequence, id, task_id, run_id, event_type, actor_kind, actor_ref, "
                        + "origin_kind, origin_ref, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                sequence,
                e.id(),
                e.taskId(),
                e.runId(),
                e.type(),
                wire(e.actor().kind()),
                e.actor().ref(),
                wire(e.origin().kind()),
                e.origin().ref(),
                e.payloadJson(),
                Micros.of(e.timestamp()));
        return sequence;
    }

    @Override
    public List<Event> ofTask(String taskId) {
        return handle.createQuery("SELECT * FROM task_events WHERE task_id = :t ORDER BY sequence DESC")
                .bind("t", taskId)
                .map(Rows.EVENT)
                .list();
    }

    @Override
    public List<Event> ofTask(String taskId, long afterSequence, int limit) {
        return handle.createQuery("SELECT * FROM task_events WHERE task_id = :t AND sequence > :after ORDER BY sequence"
                        + (limit > 0 ? " LIMIT :limit" : ""))
                .bind("t", taskId)
                .bind("after", afterSequence)
                .bind("limit", limit)
                .map(Rows.EVENT)
                .list();
    }

    @Override
    public List<Event> after(long afterSequence, int limit) {
        return handle.createQuery("SELECT * FROM task_events WHERE sequence > :after ORDER BY sequence LIMIT :limit")
                .bind("after", afterSequence)
                .bind("limit", limit)
                .map(Rows.EVENT)
                .list();
    }

    @Override
    public List<Event> ofSubtree(String rootTaskId, long afterSequence, long throughSequence, int limit) {
        return handle.createQuery(SUBTREE + "SELECT e.* FROM task_events e JOIN subtree s ON e.task_id = s.id "
                        + "WHERE e.sequence > :after AND e.sequence <= :through ORDER BY e.sequence LIMIT :limit")
                .bind("root", rootTaskId)
                .bind("after", afterSequence)
                .bind("through", throughSequence)
                .bind("limit", limit)
                .map(Rows.EVENT)
                .list();
    }
}
