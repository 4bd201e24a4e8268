package dev.agh.domain;

import java.time.Instant;

/**
 * A task as stored. {@code status} is canonical: every write that can change it recomputes it (see
 * {@link TaskStatusRule}) in the same transaction, so readers never derive it again. The counters
 * and {@code lastActivityAt} are kept up to date by the same writes so lists sort through indexes.
 */
public record Task(
        String id,
        String identifier,
        Scope scope,
        String workspaceId,
        String parentTaskId,
        int depth,
        String networkChannel,
        String title,
        String description,
        Priority priority,
        int maxAttempts,
        boolean autoEnqueueOnReady,
        TaskStatus status,
        ApprovalPolicy approvalPolicy,
        ApprovalState approvalState,
        Owner owner,
        Actor createdBy,
        Origin origin,
        Instant createdAt,
        Instant updatedAt,
        Instant closedAt,
        String metadataJson,
        Instant lastActivityAt,
        long latestEventSeq,
        int childCount,
        int dependencyCount,
        String currentRunId,
        RetryPolicy retryPolicy,
        Instant pausedAt) {

    public Task withStatus(TaskStatus next, Instant now) {
        Instant closed = next.isClosed() ? (status.isClosed() && closedAt != null ? closedAt : now) : null;
        return new Task(
                id,
                identifier,
                scope,
                workspaceId,
                parentTaskId,
                depth,
                networkChannel,
                title,
                description,
                priority,
                maxAttempts,
                autoEnqueueOnReady,
                next,
                approvalPolicy,
                approvalState,
                owner,
                createdBy,
                origin,
                createdAt,
                now,
                closed,
                metadataJson,
                max(lastActivityAt, now),
                latestEventSeq,
                childCount,
                dependencyCount,
                currentRunId,
                retryPolicy,
                pausedAt);
    }

    public Task withApproval(ApprovalPolicy policy, ApprovalState state) {
        return new Task(
                id,
                identifier,
                scope,
                workspaceId,
                parentTaskId,
                depth,
                networkChannel,
                title,
                description,
                priority,
                maxAttempts,
                autoEnqueueOnReady,
                status,
                policy,
                state,
                owner,
                createdBy,
                origin,
                createdAt,
                updatedAt,
                closedAt,
                metadataJson,
                lastActivityAt,
                latestEventSeq,
                childCount,
                dependencyCount,
                currentRunId,
                retryPolicy,
                pausedAt);
    }

    public Task withEditableFields(
            String newTitle,
            String newDescription,
            Priority newPriority,
            int newMaxAttempts,
            boolean newAutoEnqueue,
            String newChannel,
            Owner newOwner,
            String newMetadata) {
        return new Task(
                id,
                identifier,
                scope,
                workspaceId,
                parentTaskId,
                depth,
                newChannel,
                newTitle,
                newDescription,
                newPriority,
                newMaxAttempts,
                newAutoEnqueue,
                status,
                approvalPolicy,
                approvalState,
                newOwner,
                createdBy,
                origin,
                createdAt,
                updatedAt,
                closedAt,
                newMetadata,
                lastActivityAt,
                latestEventSeq,
                childCount,
                dependencyCount,
                currentRunId,
                retryPolicy,
                pausedAt);
    }

    public Task withCounts(int children, int dependencies) {
        return new Task(
                id,
                identifier,
                scope,
                workspaceId,
                parentTaskId,
                depth,
                networkChannel,
                title,
                description,
                priority,
                maxAttempts,
                autoEnqueueOnReady,
                status,
                approvalPolicy,
                approvalState,
                owner,
                createdBy,
                origin,
                createdAt,
                updatedAt,
                closedAt,
                metadataJson,
                lastActivityAt,
                latestEventSeq,
                children,
                dependencies,
                currentRunId,
                retryPolicy,
                pausedAt);
    }

    public Task withCurrentRun(String runId) {
        return new Task(
                id,
                identifier,
                scope,
                workspaceId,
                parentTaskId,
                depth,
                networkChannel,
                title,
                description,
                priority,
                maxAttempts,
                autoEnqueueOnReady,
                status,
                approvalPolicy,
                approvalState,
                owner,
                createdBy,
                origin,
                createdAt,
                updatedAt,
                closedAt,
                metadataJson,
                lastActivityAt,
                latestEventSeq,
                childCount,
                dependencyCount,
                runId,
                retryPolicy,
                pausedAt);
    }

    /** Records that an event with this sequence happened now: it is the task's latest activity. */
    public Task touched(long eventSeq, Instant now) {
        return new Task(
                id,
                identifier,
                scope,
                workspaceId,
                parentTaskId,
                depth,
                networkChannel,
                title,
                description,
                priority,
                maxAttempts,
                autoEnqueueOnReady,
                status,
                approvalPolicy,
                approvalState,
                owner,
                createdBy,
                origin,
                createdAt,
                updatedAt,
                closedAt,
                metadataJson,
                max(lastActivityAt, now),
                Math.max(latestEventSeq, eventSeq),
                childCount,
                dependencyCount,
                currentRunId,
                retryPolicy,
                pausedAt);
    }

    public Task withUpdatedAt(Instant now) {
        return new Task(
                id,
                identifier,
                scope,
                workspaceId,
                parentTaskId,
                depth,
                networkChannel,
                title,
                description,
                priority,
                maxAttempts,
                autoEnqueueOnReady,
                status,
                approvalPolicy,
                approvalState,
                owner,
                createdBy,
                origin,
                createdAt,
                now,
                closedAt,
                metadataJson,
                max(lastActivityAt, now),
                latestEventSeq,
                childCount,
                dependencyCount,
                currentRunId,
                retryPolicy,
                pausedAt);
    }

    /** The task's own retry policy; null means the server's default. */
    public Task withRetryPolicy(RetryPolicy policy) {
        return new Task(
                id,
                identifier,
                scope,
                workspaceId,
                parentTaskId,
                depth,
                networkChannel,
                title,
                description,
                priority,
                maxAttempts,
                autoEnqueueOnReady,
                status,
                approvalPolicy,
                approvalState,
                owner,
                createdBy,
                origin,
                createdAt,
                updatedAt,
                closedAt,
                metadataJson,
                lastActivityAt,
                latestEventSeq,
                childCount,
                dependencyCount,
                currentRunId,
                policy,
                pausedAt);
    }

    /** Paused since {@code at}, or resumed when null. */
    public Task withPausedAt(Instant at) {
        return new Task(
                id,
                identifier,
                scope,
                workspaceId,
                parentTaskId,
                depth,
                networkChannel,
                title,
                description,
                priority,
                maxAttempts,
                autoEnqueueOnReady,
                status,
                approvalPolicy,
                approvalState,
                owner,
                createdBy,
                origin,
                createdAt,
                updatedAt,
                closedAt,
                metadataJson,
                lastActivityAt,
                latestEventSeq,
                childCount,
                dependencyCount,
                currentRunId,
                retryPolicy,
                at);
    }

    public boolean paused() {
        return pausedAt != null;
    }

    /** Whether the queued runs of this task may be claimed: its status allows it and it is not paused. */
    public boolean runsClaimable() {
        return status.runsClaimable() && pausedAt == null;
    }

    /** Approval blocks execution while the policy is manual and the state is not approved. */
    public boolean approvalBlocks() {
        return approvalPolicy == ApprovalPolicy.MANUAL && approvalState != ApprovalState.APPROVED;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
