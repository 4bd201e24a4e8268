package dev.agh.service;

import static dev.agh.service.Mutation.payload;

import dev.agh.domain.AghException;
import dev.agh.domain.Dependency;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.EventType;
import dev.agh.domain.Task;
import java.util.List;

/** Deleting a leaf task without open runs; its dependents lose the edge and are reconciled. */
final class TaskDeletion {
    private TaskDeletion() {}

    static void delete(Mutation m, String taskId) {
        delete(m, taskId, true);
    }

    /**
     * Deletes as {@link #delete} does, for a prune: the run totals' maxima the task held are left stale, and the
     * prune recounts them once when it ends.
     */
    static void prune(Mutation m, String taskId) {
        delete(m, taskId, false);
    }

    private static void delete(Mutation m, String taskId, boolean recountMaxima) {
        Task task = m.lockTask(taskId);
        if (task.childCount() > 0) {
            throw new AghException(
                    ErrorCode.TASK_HAS_CHILDREN,
                    "task \"" + taskId + "\" has " + task.childCount() + " child tasks; delete children first");
        }
        if (m.tx.runs().hasOpen(taskId)) {
            throw new AghException(
                    ErrorCode.TASK_HAS_OPEN_RUNS,
                    "task \"" + taskId + "\" has active or queued runs; cancel or finish them first");
        }
        List<String> dependents = m.tx.dependencies().dependents(taskId);
        for (Dependency edge : m.tx.dependencies().of(taskId)) {
            m.tx.dependencies().delete(taskId, edge.dependsOnTaskId());
        }
        for (String dependent : dependents) {
            m.tx.dependencies().delete(dependent, taskId);
        }
        if (recountMaxima) {
            m.tx.tasks().delete(taskId);
        } else {
            m.tx.tasks().deleteLeavingMaximaStale(taskId);
        }
        if (task.parentTaskId() != null) {
            Task parent = m.lockTask(task.parentTaskId());
            m.tx.tasks()
                    .update(parent.withCounts(parent.childCount() - 1, parent.dependencyCount())
                            .withUpdatedAt(m.now));
        }
        for (String dependentId : dependents) {
            Task dependent = m.lockTask(dependentId);
            m.tx.tasks().update(dependent.withCounts(dependent.childCount(), dependent.dependencyCount() - 1));
            Task reconciled = m.reconcile(dependentId);
            // The edge vanished with the deleted task: record it so the dependent's timeline explains any unblock.
            m.emit(
                    dependentId,
                    null,
                    EventType.DEPENDENCY_REMOVED,
                    payload(
                            "depends_on_task_id",
                            taskId,
                            "kind",
                            Dependency.BLOCKS,
                            "status",
                            reconciled.status(),
                            "reason",
                            "dependency deleted"));
        }
    }
}
