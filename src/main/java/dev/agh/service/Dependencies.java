package dev.agh.service;

import static dev.agh.service.Mutation.payload;

import dev.agh.api.Requests.AddDependency;
import dev.agh.domain.AghException;
import dev.agh.domain.Dependency;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.EventType;
import dev.agh.domain.Limits;
import dev.agh.domain.Task;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/** Adding and removing "blocks" edges, with the limit and cycle checks. */
final class Dependencies {
    private Dependencies() {}

    static void add(Mutation m, String taskId, AddDependency r) {
        if (r == null) {
            throw AghException.invalid("request body is required");
        }
        String dependsOn = Inputs.trimToNull(r.dependsOnTaskId());
        if (dependsOn == null) {
            throw AghException.invalid("add_dependency.depends_on_task_id is required");
        }
        String kind = Inputs.trimToNull(r.kind());
        if (kind != null && !kind.equals(Dependency.BLOCKS)) {
            throw AghException.invalid("add_dependency.kind must be \"blocks\", got \"" + r.kind() + "\"");
        }
        Task task = m.lockTask(taskId);
        if (!m.tx.tasks().exists(dependsOn)) {
            throw AghException.taskNotFound(dependsOn);
        }
        if (taskId.equals(dependsOn)) {
            throw AghException.invalid("a task cannot depend on itself");
        }
        if (m.tx.dependencies().find(taskId, dependsOn).isPresent()) {
            throw AghException.conflict(
                    ErrorCode.DEPENDENCY_EXISTS,
                    "dependency edge \"" + taskId + "\" -> \"" + dependsOn + "\" already exists");
        }
        if (task.dependencyCount() >= Limits.MAX_DEPENDENCIES) {
            throw AghException.conflict(
                    ErrorCode.GRAPH_LIMIT_EXCEEDED,
                    "task \"" + taskId + "\" already has " + Limits.MAX_DEPENDENCIES + " dependencies, the limit");
        }
        if (reaches(m, dependsOn, taskId)) {
            throw AghException.conflict(
                    ErrorCode.DEPENDENCY_CYCLE,
                    "adding dependency \"" + taskId + "\" -> \"" + dependsOn + "\" would create a cycle");
        }
        m.tx.dependencies().insert(new Dependency(taskId, dependsOn, Dependency.BLOCKS, m.now));
        m.tx.tasks()
                .update(task.withCounts(task.childCount(), task.dependencyCount() + 1)
                        .withUpdatedAt(m.now));
        Task reconciled = m.reconcile(taskId);
        m.emit(
                taskId,
                null,
                EventType.DEPENDENCY_ADDED,
                payload("depends_on_task_id", dependsOn, "kind", Dependency.BLOCKS, "status", reconciled.status()));
    }

    static void remove(Mutation m, String taskId, String dependsOn) {
        Task task = m.lockTask(taskId);
        if (m.tx.dependencies().find(taskId, dependsOn).isEmpty()) {
            throw new AghException(
                    ErrorCode.DEPENDENCY_NOT_FOUND,
                    "dependency edge \"" + taskId + "\" -> \"" + dependsOn + "\" not found");
        }
        m.tx.dependencies().delete(taskId, dependsOn);
        m.tx.tasks()
                .update(task.withCounts(task.childCount(), task.dependencyCount() - 1)
                        .withUpdatedAt(m.now));
        Task reconciled = m.reconcile(taskId);
        m.emit(
                taskId,
                null,
                EventType.DEPENDENCY_REMOVED,
                payload("depends_on_task_id", dependsOn, "kind", Dependency.BLOCKS, "status", reconciled.status()));
    }

    /** True if {@code from} already waits, directly or not, for {@code target}. */
    private static boolean reaches(Mutation m, String from, String target) {
        Deque<String> pending = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        pending.push(from);
        while (!pending.isEmpty()) {
            String current = pending.pop();
            if (current.equals(target)) {
                return true;
            }
            if (seen.add(current)) {
                m.tx.dependencies().of(current).forEach(edge -> pending.push(edge.dependsOnTaskId()));
            }
        }
        return false;
    }
}
