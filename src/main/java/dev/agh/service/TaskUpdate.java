package dev.agh.service;

import static dev.agh.service.Mutation.payload;

import dev.agh.api.Requests.UpdateTask;
import dev.agh.domain.AghException;
import dev.agh.domain.ApprovalPolicy;
import dev.agh.domain.EventType;
import dev.agh.domain.Limits;
import dev.agh.domain.Owner;
import dev.agh.domain.Priority;
import dev.agh.domain.RetryPolicy;
import dev.agh.domain.Task;
import dev.agh.domain.WireEnum;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** PATCH semantics: absent fields stay, a real change is stored with its status and one event. */
final class TaskUpdate {
    private TaskUpdate() {}

    static Task apply(Mutation m, String taskId, UpdateTask r) {
        if (r == null || nothingGiven(r)) {
            throw AghException.invalid("task update must include at least one mutable field");
        }
        if (r.owner() != null && Boolean.TRUE.equals(r.clearOwner())) {
            throw AghException.invalid("update_task.owner and update_task.clear_owner cannot be combined");
        }
        if (r.retryPolicy() != null && Boolean.TRUE.equals(r.clearRetryPolicy())) {
            throw AghException.invalid(
                    "update_task.retry_policy and update_task.clear_retry_policy cannot be combined");
        }
        RetryPolicy retry = Inputs.retryPolicy(r.retryPolicy());
        String title = r.title() == null ? null : Inputs.label("update_task.title", r.title(), true);
        Priority priority =
                r.priority() == null ? null : WireEnum.parse(Priority.class, "update_task.priority", r.priority());
        Integer maxAttempts =
                r.maxAttempts() == null ? null : Inputs.maxAttempts("update_task.max_attempts", r.maxAttempts(), 0);
        ApprovalPolicy policy = r.approvalPolicy() == null
                ? null
                : WireEnum.parse(ApprovalPolicy.class, "update_task.approval_policy", r.approvalPolicy());
        String channel = r.networkChannel() == null
                ? null
                : Limits.requireChannel("update_task.network_channel", r.networkChannel());
        Owner owner = Inputs.owner("update_task.owner", r.owner());
        String metadata = r.metadata() == null || r.metadata().isNull()
                ? null
                : Inputs.json("update_task.metadata", r.metadata(), Limits.MAX_METADATA_BYTES);
        String description =
                r.description() == null ? null : Inputs.description("update_task.description", r.description());

        Task task = m.lockTask(taskId);
        List<String> changed = new ArrayList<>();
        String newTitle = pick(changed, "title", task.title(), title, r.title() != null);
        String newDescription = pick(changed, "description", task.description(), description, r.description() != null);
        Priority newPriority = pick(changed, "priority", task.priority(), priority, priority != null);
        int newMax = pick(changed, "max_attempts", task.maxAttempts(), maxAttempts, maxAttempts != null);
        boolean newAuto = pick(
                changed,
                "auto_enqueue_on_ready",
                task.autoEnqueueOnReady(),
                r.autoEnqueueOnReady(),
                r.autoEnqueueOnReady() != null);
        ApprovalPolicy newPolicy = pick(changed, "approval_policy", task.approvalPolicy(), policy, policy != null);
        String newMetadata = pick(changed, "metadata", task.metadataJson(), metadata, metadata != null);
        // An empty network_channel clears it.
        String newChannel =
                pick(changed, "network_channel", task.networkChannel(), channel, r.networkChannel() != null);
        Owner newOwner =
                pick(changed, "owner", task.owner(), owner, owner != null || Boolean.TRUE.equals(r.clearOwner()));
        RetryPolicy newRetry = pick(
                changed,
                "retry_policy",
                task.retryPolicy(),
                retry,
                retry != null || Boolean.TRUE.equals(r.clearRetryPolicy()));
        if (changed.isEmpty()) {
            return task;
        }
        Task updated = task.withEditableFields(
                        newTitle, newDescription, newPriority, newMax, newAuto, newChannel, newOwner, newMetadata)
                .withRetryPolicy(newRetry);
        if (newPolicy != task.approvalPolicy()) {
            // Changing the policy restarts approval; it is the only way out of "rejected".
            updated = updated.withApproval(newPolicy, newPolicy.initialState());
        }
        m.tx.tasks().update(updated.withUpdatedAt(m.now));
        m.tx.runs().syncQueued(updated);
        Task reconciled = m.reconcile(taskId);
        m.emit(taskId, null, EventType.UPDATED, payload("changed_fields", changed, "status", reconciled.status()));
        return m.tx.tasks().find(taskId).orElseThrow();
    }

    private static <T> T pick(List<String> changed, String field, T current, T requested, boolean given) {
        if (!given || Objects.equals(current, requested)) {
            return current;
        }
        changed.add(field);
        return requested;
    }

    private static boolean nothingGiven(UpdateTask r) {
        return r.title() == null
                && r.description() == null
                && r.priority() == null
                && r.maxAttempts() == null
                && r.autoEnqueueOnReady() == null
                && r.approvalPolicy() == null
                && (r.metadata() == null || r.metadata().isNull())
                && r.networkChannel() == null
                && r.owner() == null
                && !Boolean.TRUE.equals(r.clearOwner())
                && r.retryPolicy() == null
                && !Boolean.TRUE.equals(r.clearRetryPolicy());
    }
}
