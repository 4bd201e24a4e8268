package dev.agh.api;

import dev.agh.domain.Actor;
import dev.agh.domain.ApprovalPolicy;
import dev.agh.domain.ApprovalState;
import dev.agh.domain.Origin;
import dev.agh.domain.Owner;
import dev.agh.domain.Priority;
import dev.agh.domain.Scope;
import dev.agh.domain.Task;
import dev.agh.domain.TaskStatus;
import java.time.Instant;
import java.util.List;

/** A task as listed: identity, status, counts, dependencies and the most active run. */
public record TaskSummaryPayload(
        String id,
        String identifier,
        Scope scope,
        String workspaceId,
        String parentTaskId,
        String networkChannel,
        String title,
        Priority priority,
        int maxAttempts,
        Boolean autoEnqueueOnReady,
        TaskStatus status,
        ApprovalPolicy approvalPolicy,
        ApprovalState approvalState,
        Boolean draft,
        Owner owner,
        String currentRunId,
        long latestEventSeq,
        Actor createdBy,
        Origin origin,
        Instant createdAt,
        Instant updatedAt,
        Instant closedAt,
        Integer childCount,
        Integer dependencyCount,
        List<DependencyPayload> dependencies,
        RunSummaryPayload activeRun,
        Instant lastActivityAt,
        RetryPolicyPayload retryPolicy,
        Boolean paused,
        Instant pausedAt) {

    public static TaskSummaryPayload of(Task t, List<DependencyPayload> dependencies, RunSummaryPayload activeRun) {
        return new TaskSummaryPayload(
                t.id(),
                t.identifier(),
                t.scope(),
                t.workspaceId(),
                t.parentTaskId(),
                t.networkChannel(),
                t.title(),
                t.priority(),
                t.maxAttempts(),
                t.autoEnqueueOnReady() ? Boolean.TRUE : null,
                t.status(),
                t.approvalPolicy(),
                t.approvalState(),
                t.status() == TaskStatus.DRAFT ? Boolean.TRUE : null,
                t.owner(),
                t.currentRunId(),
                t.latestEventSeq(),
                t.createdBy(),
                t.origin(),
                t.createdAt(),
                t.updatedAt(),
                t.closedAt(),
                t.childCount() == 0 ? null : t.childCount(),
                t.dependencyCount() == 0 ? null : t.dependencyCount(),
                dependencies == null || dependencies.isEmpty() ? null : dependencies,
                activeRun,
                t.lastActivityAt(),
                RetryPolicyPayload.of(t.retryPolicy()),
                t.paused() ? Boolean.TRUE : null,
                t.pausedAt());
    }
}
