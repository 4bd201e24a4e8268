package dev.agh.domain;

import java.time.Instant;
import java.util.function.Consumer;

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
        return with(c -> {
            c.status = next;
            c.updatedAt = now;
            c.closedAt = closed;
            c.lastActivityAt = max(lastActivityAt, now);
        });
    }

    public Task withApproval(ApprovalPolicy policy, ApprovalState state) {
        return with(c -> {
            c.approvalPolicy = policy;
            c.approvalState = state;
        });
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
        return with(c -> {
            c.networkChannel = newChannel;
            c.title = newTitle;
            c.description = newDescription;
            c.priority = newPriority;
            c.maxAttempts = newMaxAttempts;
            c.autoEnqueueOnReady = newAutoEnqueue;
            c.owner = newOwner;
            c.metadataJson = newMetadata;
        });
    }

    public Task withCounts(int children, int dependencies) {
        return with(c -> {
            c.childCount = children;
            c.dependencyCount = dependencies;
        });
    }

    public Task withCurrentRun(String runId) {
        return with(c -> {
            c.currentRunId = runId;
        });
    }

    /** Records that an event with this sequence happened now: it is the task's latest activity. */
    public Task touched(long eventSeq, Instant now) {
        return with(c -> {
            c.lastActivityAt = max(lastActivityAt, now);
            c.latestEventSeq = Math.max(latestEventSeq, eventSeq);
        });
    }

    public Task withUpdatedAt(Instant now) {
        return with(c -> {
            c.updatedAt = now;
            c.lastActivityAt = max(lastActivityAt, now);
        });
    }

    /** The task's own retry policy; null means the server's default. */
    public Task withRetryPolicy(RetryPolicy policy) {
        return with(c -> {
            c.retryPolicy = policy;
        });
    }

    /** Paused since {@code at}, or resumed when null. */
    public Task withPausedAt(Instant at) {
        return with(c -> {
            c.pausedAt = at;
        });
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

    /** This task with what {@code change} sets in a copy of its fields; the one place that copies them all. */
    private Task with(Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.build();
    }

    /** The fields of a task, to be changed by a wither before it builds the new record. */
    private static final class Copy {
        private String id;
        private String identifier;
        private Scope scope;
        private String workspaceId;
        private String parentTaskId;
        private int depth;
        private String networkChannel;
        private String title;
        private String description;
        private Priority priority;
        private int maxAttempts;
        private boolean autoEnqueueOnReady;
        private TaskStatus status;
        private ApprovalPolicy approvalPolicy;
        private ApprovalState approvalState;
        private Owner owner;
        private Actor createdBy;
        private Origin origin;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant closedAt;
        private String metadataJson;
        private Instant lastActivityAt;
        private long latestEventSeq;
        private int childCount;
        private int dependencyCount;
        private String currentRunId;
        private RetryPolicy retryPolicy;
        private Instant pausedAt;

        Copy(Task from) {
            id = from.id;
            identifier = from.identifier;
            scope = from.scope;
            workspaceId = from.workspaceId;
            parentTaskId = from.parentTaskId;
            depth = from.depth;
            networkChannel = from.networkChannel;
            title = from.title;
            description = from.description;
            priority = from.priority;
            maxAttempts = from.maxAttempts;
            autoEnqueueOnReady = from.autoEnqueueOnReady;
            status = from.status;
            approvalPolicy = from.approvalPolicy;
            approvalState = from.approvalState;
            owner = from.owner;
            createdBy = from.createdBy;
            origin = from.origin;
            createdAt = from.createdAt;
            updatedAt = from.updatedAt;
            closedAt = from.closedAt;
            metadataJson = from.metadataJson;
            lastActivityAt = from.lastActivityAt;
            latestEventSeq = from.latestEventSeq;
            childCount = from.childCount;
            dependencyCount = from.dependencyCount;
            currentRunId = from.currentRunId;
            retryPolicy = from.retryPolicy;
            pausedAt = from.pausedAt;
        }

        Task build() {
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
                    pausedAt);
        }
    }
}
