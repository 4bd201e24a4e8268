package dev.agh.store;

import dev.agh.domain.ApprovalState;
import dev.agh.domain.OwnerKind;
import dev.agh.domain.Priority;
import dev.agh.domain.Scope;
import dev.agh.domain.TaskStatus;

/**
 * Filters of a task list; null means "any". {@code limit} 0 means no limit (internal callers only: the service
 * always sets one); {@code after} starts the list strictly after a cursor.
 */
public record TaskQuery(
        Scope scope,
        String workspaceId,
        TaskStatus status,
        Priority priority,
        boolean includeDrafts,
        ApprovalState approvalState,
        OwnerKind ownerKind,
        String ownerRef,
        String parentTaskId,
        String networkChannel,
        String text,
        int limit,
        TaskCursor after) {}
