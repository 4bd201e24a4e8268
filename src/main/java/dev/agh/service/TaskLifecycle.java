package dev.agh.service;

import static dev.agh.service.Mutation.payload;

import dev.agh.api.Requests.ExecuteTask;
import dev.agh.domain.AghException;
import dev.agh.domain.ApprovalPolicy;
import dev.agh.domain.ApprovalState;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.EventType;
import dev.agh.domain.Task;
import dev.agh.domain.TaskStatus;

/** Publish, start, approve and reject: the decisions that turn a task into queued work. */
final class TaskLifecycle {
    private TaskLifecycle() {}

    /** Draft → published, then a run is enqueued. A draft held only by a pending approval may be published: its run waits for the approval. */
    static Execution.Enqueued publish(Mutation m, String taskId, ExecuteTask r) {
        Task task = m.lockTask(taskId);
        var repeated = openRunOfDefaultKey(m, taskId, r, "task.publish." + taskId);
        if (repeated.isPresent()) {
            return repeated.get();
        }
        if (task.status() != TaskStatus.DRAFT) {
            throw AghException.conflict(
                    ErrorCode.INVALID_TRANSITION,
                    "cannot publish from \"" + task.status().wire() + "\"");
        }
        if (m.tx.dependencies().hasUnresolved(taskId)) {
            throw AghException.conflict(
                    ErrorCode.TASK_NOT_EXECUTABLE, "task \"" + taskId + "\" is blocked by unfinished dependencies");
        }
        m.tx.tasks().update(task.withStatus(TaskStatus.PENDING, m.now));
        Task published = m.reconcile(taskId);
        m.emit(
                taskId,
                null,
                EventType.PUBLISHED,
                payload(
                        "previous_status",
                        "draft",
                        "status",
                        published.status(),
                        "approval_state",
                        published.approvalState()));
        return Execution.enqueue(m, taskId, r, "task.publish." + taskId);
    }

    /** Makes an existing task run: refused while blocked, a draft or canceled. */
    static Execution.Enqueued start(Mutation m, String taskId, ExecuteTask r) {
        Execution.requireExecutable(m.lockTask(taskId));
        return Execution.enqueue(m, taskId, r, "task.start." + taskId);
    }

    /**
     * Approves a pending manual task and enqueues its run (which waits if dependencies are not done).
     * A run already open (a published draft waiting for approval) is the run of the approval.
     */
    static Execution.Enqueued approve(Mutation m, String taskId, ExecuteTask r) {
        Task current = m.lockTask(taskId);
        if (current.approvalState() == ApprovalState.APPROVED && (r == null || r.idempotencyKey() == null)) {
            // The same approval again while its run is open: that run, as the default key promises.
            var open = m.tx.runs().open(taskId);
            if (open.isPresent()) {
                return new Execution.Enqueued(open.get(), true);
            }
        }
        Task task = decide(m, taskId, ApprovalState.APPROVED);
        if (task.status() == TaskStatus.DRAFT) {
            throw AghException.conflict(
                    ErrorCode.TASK_NOT_EXECUTABLE,
                    "task \"" + taskId + "\" is a draft: publish it (its run then waits for this approval)");
        }
        m.tx.tasks()
                .update(task.withApproval(ApprovalPolicy.MANUAL, ApprovalState.APPROVED)
                        .withUpdatedAt(m.now));
        Task approved = m.reconcile(taskId);
        m.emit(
                taskId,
                null,
                EventType.APPROVED,
                payload(
                        "previous_approval_state",
                        "pending",
                        "approval_state",
                        "approved",
                        "status",
                        approved.status()));
        var open = m.tx.runs().open(taskId);
        if (open.isPresent() && (r == null || r.idempotencyKey() == null)) {
            return new Execution.Enqueued(open.get(), true);
        }
        return Execution.enqueue(m, taskId, r, "task.approval." + taskId);
    }

    static Task reject(Mutation m, String taskId) {
        Task task = decide(m, taskId, ApprovalState.REJECTED);
        m.tx.tasks()
                .update(task.withApproval(ApprovalPolicy.MANUAL, ApprovalState.REJECTED)
                        .withUpdatedAt(m.now));
        Task rejected = m.reconcile(taskId);
        m.emit(
                taskId,
                null,
                EventType.REJECTED,
                payload(
                        "previous_approval_state",
                        "pending",
                        "approval_state",
                        "rejected",
                        "status",
                        rejected.status()));
        return m.tx.tasks().find(taskId).orElseThrow();
    }

    /** A repeated call without an explicit key finds the open run its default key made, before any state check. */
    private static java.util.Optional<Execution.Enqueued> openRunOfDefaultKey(
            Mutation m, String taskId, ExecuteTask r, String key) {
        if (r != null && r.idempotencyKey() != null) {
            return java.util.Optional.empty();
        }
        return m.tx.runs()
                .open(taskId)
                .filter(run -> key.equals(run.idempotencyKey()))
                .map(run -> new Execution.Enqueued(run, true));
    }

    private static Task decide(Mutation m, String taskId, ApprovalState target) {
        Task task = m.lockTask(taskId);
        if (task.approvalPolicy() != ApprovalPolicy.MANUAL || task.approvalState() != ApprovalState.PENDING) {
            throw AghException.conflict(
                    ErrorCode.INVALID_TRANSITION,
                    "cannot transition approval from \"" + task.approvalState().wire() + "\" to \"" + target.wire()
                            + "\"");
        }
        return task;
    }
}
