package dev.agh.store.jdbi;

import static dev.agh.store.jdbi.Rows.wire;

import dev.agh.domain.Actor;
import dev.agh.domain.ActorKind;
import dev.agh.domain.Triage;
import dev.agh.store.TriageTable;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Update;

final class JdbiTriageTable implements TriageTable {
    private static final RowMapper<Triage> TRIAGE = (rs, ctx) -> new Triage(
            rs.getString("task_id"),
            new Actor(Rows.enumOf(ActorKind.class, rs.getString("actor_kind")), rs.getString("actor_ref")),
            rs.getBoolean("is_read"),
            rs.getBoolean("archived"),
            rs.getBoolean("dismissed"),
            Micros.get(rs, "last_seen_activity_at"),
            Micros.get(rs, "updated_at"));

    private final Handle handle;

    JdbiTriageTable(Handle handle) {
        this.handle = handle;
    }

    @Override
    public Optional<Triage> find(String taskId, Actor actor) {
        return handle.createQuery(
                        "SELECT * FROM task_triage_state WHERE task_id = :t AND actor_kind = :k AND actor_ref = :r")
                .bind("t", taskId)
                .bind("k", wire(actor.kind()))
                .bind("r", actor.ref())
                .map(TRIAGE)
                .findOne();
    }

    @Override
    public void save(Triage t) {
        // Writes are serialized (every write transaction holds the event-counter lock), so update-or-insert cannot
        // race.
        int updated = bind(
                        handle.createUpdate("UPDATE task_triage_state SET is_read = :read, archived = :archived, "
                                + "dismissed = :dismissed, last_seen_activity_at = :seen, updated_at = :at "
                                + "WHERE task_id = :t AND actor_kind = :k AND actor_ref = :r"),
                        t)
                .execute();
        if (updated == 0) {
            bind(
                            handle.createUpdate(
                                    "INSERT INTO task_triage_state (task_id, actor_kind, actor_ref, is_read, archived, dismissed, "
                                            + "last_seen_activity_at, updated_at) VALUES (:t, :k, :r, :read, :archived, :dismissed, :seen, :at)"),
                            t)
                    .execute();
        }
    }

    @Override
    public List<Triage> ofActor(Actor actor) {
        return handle.createQuery("SELECT * FROM task_triage_state WHERE actor_kind = :k AND actor_ref = :r "
                        + "ORDER BY updated_at DESC, task_id")
                .bind("k", wire(actor.kind()))
                .bind("r", actor.ref())
                .map(TRIAGE)
                .list();
    }

    private static Update bind(Update update, Triage t) {
        return update.bind("t", t.taskId())
                .bind("k", wire(t.actor().kind()))
                .bind("r", t.actor().ref())
                .bind("read", t.read())
                .bind("archived", t.archived())
                .bind("dismissed", t.dismissed())
                .bind("seen", Micros.of(t.lastSeenActivityAt()))
                .bind("at", Micros.of(t.updatedAt()));
    }
}
