package dev.agh.service;

import static dev.agh.service.Mutation.payload;

import dev.agh.api.Requests.CreateTask;
import dev.agh.domain.AghException;
import dev.agh.domain.ApprovalPolicy;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.EventType;
import dev.agh.domain.Ids;
import dev.agh.domain.Limits;
import dev.agh.domain.Owner;
import dev.agh.domain.Priority;
import dev.agh.domain.RetryPolicy;
import dev.agh.domain.Scope;
import dev.agh.domain.Task;
import dev.agh.domain.TaskStatus;
import dev.agh.domain.WireEnum;

/** Creating root tasks and children: validation in upstream order, then one insert and its events. */
final class TaskCreation {
    private TaskCreation() {}

    static Task create(Mutation m, CreateTask r, Task parent) {
        if (r == null) {
            throw AghException.invalid("request body is required");
        }
        String field = parent == null ? "create_task" : "create_child";
        Scope scope = WireEnum.parse(Scope.class, field + ".scope", r.scope());
        String workspaceRef = Inputs.trimToNull(r.workspace());
        if (scope == Scope.WORKSPACE && workspaceRef == null) {
            throw AghException.invalid(field + ".workspace is required when " + field + ".scope is \"workspace\"");
        }
        if (scope == Scope.GLOBAL && workspaceRef != null) {
            throw AghException.invalid(field + ".workspace must be empty when " + field + ".scope is \"global\"");
        }
        String workspaceId = workspaceRef == null
                ? null
                : Workspaces.resolve(m.tx, workspaceRef).id();
        String channel = Limits.requireChannel(field + ".network_channel", r.networkChannel());
        String title = Inputs.label(field + ".title", r.title(), true);
        Owner owner = Inputs.owner(field + ".owner", r.owner());
        Priority priority = WireEnum.parseOr(Priority.class, field + ".priority", r.priority(), Priority.MEDIUM);
        int maxAttempts = Inputs.maxAttempts(field + ".max_attempts", r.maxAttempts(), Limits.DEFAULT_MAX_ATTEMPTS);
        ApprovalPolicy policy = WireEnum.parseOr(
                ApprovalPolicy.class, field + ".approval_policy", r.approvalPolicy(), ApprovalPolicy.NONE);
        String metadata = createMetadata(field + ".metadata", r.metadata());
        String id = Inputs.clientId(field + ".id", r.id());
        String identifier = Inputs.label(field + ".identifier", r.identifier(), false);
        String description = Inputs.description(field + ".description", r.description());
        RetryPolicy retry = Inputs.retryPolicy(r.retryPolicy());
        int depth = 1;
        if (parent != null) {
            checkParent(m, parent, scope, workspaceId);
            depth = parent.depth() + 1;
        }
        if (id != null && m.tx.tasks().exists(id)) {
            throw AghException.conflict(ErrorCode.TASK_ALREADY_EXISTS, "task \"" + id + "\" already exists");
        }
        boolean draft = Boolean.TRUE.equals(r.draft());
        TaskStatus status =
                draft ? TaskStatus.DRAFT : policy == ApprovalPolicy.MANUAL ? TaskStatus.BLOCKED : TaskStatus.READY;
        Task task = new Task(
                id == null ? Ids.task() : id,
                identifier,
                scope,
                workspaceId,
                parent == null ? null : parent.id(),
                depth,
                channel,
                title,
                description,
                priority,
                maxAttempts,
                Boolean.TRUE.equals(r.autoEnqueueOnReady()),
                status,
                policy,
                policy.initialState(),
                owner,
                m.caller.actor(),
                m.origin,
                m.now,
                m.now,
                null,
                metadata,
                m.now,
                0,
                0,
                0,
                null,
                retry,
                parent == null || !parent.paused() ? null : m.now);
        m.tx.tasks().insert(task);
        m.emit(
                task.id(),
                null,
                EventType.CREATED,
                payload(
                        "scope",
                        scope,
                        "workspace_id",
                        workspaceId,
                        "parent_task_id",
                        task.parentTaskId(),
                        "status",
                        status,
                        "network_channel",
                        channel,
                        "owner",
                        owner,
                        "paused",
                        task.paused() ? Boolean.TRUE : null));
        if (parent != null) {
            Task locked = m.lockTask(parent.id());
            m.tx.tasks()
                    .update(locked.withCounts(locked.childCount() + 1, locked.dependencyCount())
                            .withUpdatedAt(m.now));
            m.emit(
                    parent.id(),
                    null,
                    EventType.CHILD_CREATED,
                    payload("child_task_id", task.id(), "child_scope", scope, "child_workspace_id", workspaceId));
        }
        return m.tx.tasks().find(task.id()).orElseThrow();
    }

    /** On create the contract documents 413 for oversized metadata (elsewhere the limit is a 422). */
    private static String createMetadata(String field, com.fasterxml.jackson.databind.JsonNode metadata) {
        try {
            return Inputs.json(field, metadata, Limits.MAX_METADATA_BYTES);
        } catch (AghException e) {
            throw e.code() == ErrorCode.VALUE_TOO_LARGE ? AghException.payloadTooLarge(e.getMessage()) : e;
        }
    }

    private static void checkParent(Mutation m, Task parent, Scope scope, String workspaceId) {
        if (parent.scope() == Scope.WORKSPACE
                && (scope != Scope.WORKSPACE || !parent.workspaceId().equals(workspaceId))) {
            throw AghException.invalid(
                    "a child of a workspace task must be in the same workspace (" + parent.workspaceId() + ")");
        }
        if (parent.depth() + 1 > Limits.MAX_DEPTH) {
            throw AghException.conflict(
                    ErrorCode.GRAPH_LIMIT_EXCEEDED,
                    "task tree depth limit of " + Limits.MAX_DEPTH + " reached under \"" + parent.id() + "\"");
        }
        if (parent.childCount() >= Limits.MAX_CHILDREN) {
            throw AghException.conflict(
                    ErrorCode.GRAPH_LIMIT_EXCEEDED,
                    "task \"" + parent.id() + "\" already has " + Limits.MAX_CHILDREN + " children, the limit");
        }
    }
}
