package dev.agh.observe;

import dev.agh.domain.Actor;
import dev.agh.domain.AghException;
import dev.agh.domain.Task;
import dev.agh.domain.Triage;
import dev.agh.store.StoreTransaction;
import java.time.Instant;

/** {@code POST /api/tasks/{id}/triage/{read|dismiss|archive}}: one caller's triage of one task. No event is written. */
public final class TriageActions {
    private TriageActions() {}

    /** Applies {@code action} for {@code actor} inside a write transaction and returns the stored state. */
    public static Triage apply(StoreTransaction tx, String taskId, Actor actor, Triage.Action action, Instant now) {
        Task task = tx.tasks().find(taskId).orElseThrow(() -> AghException.taskNotFound(taskId));
        Triage current = tx.triage().find(taskId, actor).orElse(Triage.untouched(taskId, actor));
        Triage next = current.apply(action, Triage.latestActivity(task), now);
        tx.triage().save(next);
        return next;
    }

    /** What {@code actor} sees of a task now (the inbox's view): unread again after newer activity, unless archived. */
    public static Triage effective(StoreTransaction tx, Task task, Actor actor) {
        return tx.triage()
                .find(task.id(), actor)
                .orElse(Triage.untouched(task.id(), actor))
                .effective(Triage.latestActivity(task));
    }
}
