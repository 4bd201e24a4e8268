package dev.agh.service;

import static dev.agh.service.Mutation.payload;

import dev.agh.domain.EventType;
import dev.agh.domain.Task;
import java.time.Instant;

/**
 * Pausing a task pauses it and every task under it: their queued runs stop being claimable (scheduled retries
 * and delayed runs too) until resumed. A run already claimed goes on to its end, as a paused queue lets jobs in
 * flight finish; what follows it waits. Children created under a paused task start paused.
 */
final class TaskPause {
    private TaskPause() {}

    /** Pauses {@code taskId} and its subtree; returns the task afterwards. Pausing a paused tree changes nothing. */
    static Task pause(Mutation m, String taskId, String reason) {
        return apply(m, taskId, m.now, reason);
    }

    /** Resumes {@code taskId} and its subtree; a paused ancestor stays paused. */
    static Task resume(Mutation m, String taskId, String reason) {
        return apply(m, taskId, null, reason);
    }

    private static Task apply(Mutation m, String taskId, Instant pausedAt, String reason) {
        m.lockTask(taskId);
        EventType type = pausedAt == null ? EventType.RESUMED : EventType.PAUSED;
        for (Task task : m.tx.trees().subtree(taskId)) {
            if (task.paused() == (pausedAt != null)) {
                continue;
            }
            Task changed = task.withPausedAt(pausedAt).withUpdatedAt(m.now);
            m.tx.tasks().update(changed);
            m.tx.runs().syncQueued(changed);
            m.emit(task.id(), null, type, payload("root_task_id", taskId, "reason", reason));
        }
        return m.lockTask(taskId);
    }
}
