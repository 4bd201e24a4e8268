package dev.agh.api;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * A task on the wire ({@code TaskPayload}); false flags and empty strings are omitted. {@code retry_policy} (the
 * task's own; absent means the server's default), {@code paused} and {@code paused_at} are agh extensions.
 */
public record TaskPayload(
        String id,
        String identifier,
        Scope scope,
        String workspaceId,
        String parentTaskId,
        String networkChannel,
        String title,
        String description,
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
        JsonNode metadata,
        RetryPolicyPayload retryPolicy,
        Boolean paused,
        Instant pausedAt) {

    public static TaskPayload of(Task t) {
        return new TaskPayload(
                t.id(),
                t.identifier(),
                t.scope(),
                t.workspaceId(),
                t.parentTaskId(),
                t.networkChannel(),
                t.title(),
                t.description(),
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
                t.metadataJson() == null ? null : Json.readTree(t.metadataJson(), "metadata"),
                RetryPolicyPayload.of(t.retryPolicy()),
                t.paused() ? Boolean.TRUE : null,
                t.pausedAt());
    }
}
