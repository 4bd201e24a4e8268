package dev.agh.service;

import dev.agh.api.Requests.DashboardQuery;
import dev.agh.api.Requests.InboxQuery;
import dev.agh.domain.AghException;
import dev.agh.domain.Limits;
import dev.agh.domain.OriginKind;
import dev.agh.domain.OwnerKind;
import dev.agh.domain.Scope;
import dev.agh.domain.WireEnum;
import dev.agh.store.ObserveTable.Filter;
import dev.agh.store.ObserveTable.InboxFilter;
import dev.agh.store.ObserveTable.Lane;
import dev.agh.store.StoreTransaction;
import java.util.Locale;

/**
 * Turns the dashboard and inbox query parameters into validated store filters. Scope and workspace
 * bind as in the task list: a workspace implies the workspace scope, and contradicts {@code global}.
 */
final class ObserveFilters {
    /** Items per inbox lane when the query names no limit: a full page without shipping a 100k-task store. */
    static final int DEFAULT_INBOX_LIMIT = 100;

    private ObserveFilters() {}

    /** How many active runs the dashboard lists: {@code active_limit}, 4 when absent or 0, at most 1,000. */
    static int activeLimit(DashboardQuery query) {
        Integer asked = query == null ? null : query.activeLimit();
        if (asked == null || asked == 0) {
            return dev.agh.observe.DashboardQuery.ACTIVE_RUN_LIMIT;
        }
        if (asked < 0 || asked > Limits.MAX_LIST_LIMIT) {
            throw AghException.invalid(
                    "active_limit must be between 1 and " + Limits.MAX_LIST_LIMIT + ", got " + asked);
        }
        return asked;
    }

    static Filter dashboard(StoreTransaction tx, DashboardQuery query) {
        DashboardQuery q = query == null ? DashboardQuery.ALL : query;
        TaskSet set = taskSet(tx, q.scope(), q.workspace());
        return new Filter(
                set.scope,
                set.workspaceId,
                ownerKind(q.ownerKind()),
                Inputs.trimToNull(q.ownerRef()),
                Limits.requireChannel("network_channel", q.networkChannel()),
                q.originKind() == null ? null : WireEnum.parse(OriginKind.class, "origin_kind", q.originKind()),
                null);
    }

    static InboxFilter inbox(StoreTransaction tx, Caller caller, InboxQuery query) {
        InboxQuery q = query == null ? InboxQuery.ALL : query;
        TaskSet set = taskSet(tx, q.scope(), q.workspace());
        Filter tasks = new Filter(
                set.scope,
                set.workspaceId,
                ownerKind(q.ownerKind()),
                Inputs.trimToNull(q.ownerRef()),
                null,
                null,
                Inputs.trimToNull(q.query()));
        int limit = q.limit() == null ? DEFAULT_INBOX_LIMIT : Inputs.limit(q.limit());
        return new InboxFilter(caller.actor(), tasks, lane(q.lane()), Boolean.TRUE.equals(q.unread()), limit);
    }

    private record TaskSet(Scope scope, String workspaceId) {}

    private static TaskSet taskSet(StoreTransaction tx, String scopeValue, String workspace) {
        Scope scope = scopeValue == null ? null : WireEnum.parse(Scope.class, "scope", scopeValue);
        String workspaceRef = Inputs.trimToNull(workspace);
        if (workspaceRef == null) {
            return new TaskSet(scope, null);
        }
        if (scope == Scope.GLOBAL) {
            throw AghException.invalid("workspace must be empty when scope is \"global\"");
        }
        return new TaskSet(Scope.WORKSPACE, Workspaces.resolve(tx, workspaceRef).id());
    }

    private static OwnerKind ownerKind(String value) {
        return value == null ? null : WireEnum.parse(OwnerKind.class, "owner_kind", value);
    }

    private static Lane lane(String value) {
        String lane = Inputs.trimToNull(value);
        if (lane == null) {
            return null;
        }
        for (Lane candidate : Lane.values()) {
            if (candidate.wire().equals(lane.toLowerCase(Locale.ROOT))) {
                return candidate;
            }
        }
        throw AghException.invalid(
                "lane must be one of my_work, approvals, failed_runs, blocked, archived, got \"" + value + "\"");
    }
}
