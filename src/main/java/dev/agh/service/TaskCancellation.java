package dev.agh.service;

import static dev.agh.service.Mutation.payload;

import dev.agh.api.Requests.Cancel;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.EventType;
import dev.agh.domain.Limits;
import dev.agh.domain.Run;
import dev.agh.domain.RunStatus;
import dev.agh.domain.Task;
import dev.agh.domain.TaskStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Canceling a task cancels its open runs and its whole subtree, breadth first, in one transaction. */
final class TaskCancellation {
    private TaskCancellation() {}

    static Task cancel(Mutation m, String rootId, Cancel request) {
        Cancel r = request == null ? new Cancel(null, null) : request;
        String reason = Inputs.label("reason", r.reason(), false);
        String metadata = Inputs.json("metadata", r.metadata(), Limits.MAX_METADATA_BYTES);
        Task root = m.lockTask(rootId);
        boolean rootHasOpenRun = m.tx.runs().hasOpen(rootId);
        if ((root.status() == TaskStatus.COMPLETED || root.status() == TaskStatus.FAILED) && !rootHasOpenRun) {
            throw AghException.conflict(
                    ErrorCode.INVALID_TRANSITION,
                    "cannot transition from \"" + root.status().wire() + "\" to \"canceled\"");
        }
        Deque<Task> pending = new ArrayDeque<>();
        pending.add(root);
        while (!pending.isEmpty()) {
            Task task = pending.poll();
            pending.addAll(m.tx.tasks().children(task.id()));
            boolean isRoot = task.id().equals(rootId);
            if (!isRoot && task.status().isClosed()) {
                continue;
            }
            cancelOne(m, task, isRoot ? null : rootId, reason, metadata);
        }
        return m.tx.tasks().find(rootId).orElseThrow();
    }

    private static void cancelOne(Mutation m, Task task, String propagatedFrom, String reason, String metadata) {
        List<String> canceledRuns = new ArrayList<>();
        for (Run run : m.tx.runs().ofTask(task.id(), null, null, 0)) {
            if (!run.status().isTerminal()) {
                m.tx.runs().update(run.ended(RunStatus.CANCELED, null, null, m.now));
                canceledRuns.add(run.id());
                m.emit(
                        task.id(),
                        run.id(),
                        EventType.RUN_CANCELED,
                        payload(
                                "status",
                                "canceled",
                                "task_status",
                                task.status(),
                                "reason",
                                reason,
                                "session_id",
                                run.sessionId(),
                                "propagated_from_task_id",
                                propagatedFrom));
            }
        }
        if (task.status() == TaskStatus.CANCELED && canceledRuns.isEmpty()) {
            return;
        }
        Task fresh = m.lockTask(task.id());
        m.tx.tasks().update(fresh.withStatus(TaskStatus.CANCELED, m.now).withCurrentRun(null));
        m.emit(
                task.id(),
                null,
                EventType.CANCELED,
                payload(
                        "reason",
                        reason,
                        "metadata",
                        metadata == null ? null : dev.agh.api.Json.readTree(metadata, "metadata"),
                        "status",
                        "canceled",
                        "propagated_from_task_id",
                        propagatedFrom,
                        "canceled_run_ids",
                        canceledRuns.isEmpty() ? null : canceledRuns));
        for (String dependent : m.tx.dependencies().dependents(task.id())) {
            m.reconcile(dependent);
        }
    }
}
