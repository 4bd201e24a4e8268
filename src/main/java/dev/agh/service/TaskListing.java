package dev.agh.service;

import dev.agh.api.Requests.ListTasks;
import dev.agh.domain.AghException;
import dev.agh.domain.ApprovalState;
import dev.agh.domain.Limits;
import dev.agh.domain.OwnerKind;
import dev.agh.domain.Priority;
import dev.agh.domain.Scope;
import dev.agh.domain.TaskStatus;
import dev.agh.domain.WireEnum;
import dev.agh.store.StoreTransaction;
import dev.agh.store.TaskCursor;
import dev.agh.store.TaskQuery;

/** Turns the list query parameters into a validated store query. */
final class TaskListing {
    private TaskListing() {}

    static TaskQuery query(StoreTransaction tx, ListTasks q) {
        ListTasks p = q == null
                ? new ListTasks(null, null, null, null, null, null, null, null, null, null, null, null, null)
                : q;
        Scope scope = p.scope() == null ? null : WireEnum.parse(Scope.class, "scope", p.scope());
        String workspaceRef = Inputs.trimToNull(p.workspace());
        if (workspaceRef != null && scope == Scope.GLOBAL) {
            throw AghException.invalid("workspace must be empty when scope is \"global\"");
        }
        String workspaceId = workspaceRef == null
                ? null
                : Workspaces.resolve(tx, workspaceRef).id();
        return new TaskQuery(
                workspaceId != null ? Scope.WORKSPACE : scope,
                workspaceId,
                p.status() == null ? null : WireEnum.parse(TaskStatus.class, "status", p.status()),
                p.priority() == null ? null : WireEnum.parse(Priority.class, "priority", p.priority()),
                Boolean.TRUE.equals(p.includeDrafts()),
                p.approvalState() == null
                        ? null
                        : WireEnum.parse(ApprovalState.class, "approval_state", p.approvalState()),
                p.ownerKind() == null ? null : WireEnum.parse(OwnerKind.class, "owner_kind", p.ownerKind()),
                Inputs.trimToNull(p.ownerRef()),
                Inputs.trimToNull(p.parentTaskId()),
                Limits.requireChannel("network_channel", p.networkChannel()),
                Inputs.trimToNull(p.query()),
                pageSize(p.limit()) + 1,
                p.cursor() == null || p.cursor().isBlank()
                        ? null
                        : TaskCursor.decode(p.cursor().trim()));
    }

    /** The page size asked for: the default when absent or 0, at most {@link Limits#MAX_LIST_LIMIT}. */
    static int pageSize(Integer limit) {
        int asked = Inputs.limit(limit);
        if (asked > Limits.MAX_LIST_LIMIT) {
            throw AghException.invalid(
                    "limit must be at most " + Limits.MAX_LIST_LIMIT + " (page on with next_cursor), got " + asked);
        }
        return asked == 0 ? Limits.DEFAULT_LIST_LIMIT : asked;
    }
}
