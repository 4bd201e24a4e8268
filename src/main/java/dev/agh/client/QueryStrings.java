package dev.agh.client;

import dev.agh.api.Requests.DashboardQuery;
import dev.agh.api.Requests.InboxQuery;
import dev.agh.api.Requests.ListAllRuns;
import dev.agh.api.Requests.ListRuns;
import dev.agh.api.Requests.ListTasks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The query parameters of the list and observe reads, named as the OpenAPI document names them. A parameter
 * that is null is left out, so the server applies its default.
 */
final class QueryStrings {
    private final Map<String, Object> params = new LinkedHashMap<>();

    private QueryStrings() {}

    static QueryStrings of() {
        return new QueryStrings();
    }

    QueryStrings and(String name, Object value) {
        if (value != null) {
            params.put(name, value);
        }
        return this;
    }

    Map<String, Object> toMap() {
        return params;
    }

    static Map<String, Object> of(ListTasks q) {
        return of().and("scope", q.scope())
                .and("workspace", q.workspace())
                .and("status", q.status())
                .and("priority", q.priority())
                .and("include_drafts", q.includeDrafts())
                .and("approval_state", q.approvalState())
                .and("owner_kind", q.ownerKind())
                .and("owner_ref", q.ownerRef())
                .and("parent_task_id", q.parentTaskId())
                .and("network_channel", q.networkChannel())
                .and("query", q.query())
                .and("limit", q.limit())
                .and("cursor", q.cursor())
                .toMap();
    }

    static Map<String, Object> of(ListRuns q) {
        return of().and("status", q.status())
                .and("session_id", q.sessionId())
                .and("limit", q.limit())
                .toMap();
    }

    static Map<String, Object> of(ListAllRuns q) {
        return of().and("status", q.status())
                .and("task_id", q.taskId())
                .and("session_id", q.sessionId())
                .and("network_channel", q.networkChannel())
                .and("workspace", q.workspace())
                .and("limit", q.limit())
                .and("cursor", q.cursor())
                .toMap();
    }

    static Map<String, Object> of(DashboardQuery q) {
        return of().and("scope", q.scope())
                .and("workspace", q.workspace())
                .and("owner_kind", q.ownerKind())
                .and("owner_ref", q.ownerRef())
                .and("network_channel", q.networkChannel())
                .and("origin_kind", q.originKind())
                .and("active_limit", q.activeLimit())
                .toMap();
    }

    static Map<String, Object> of(InboxQuery q) {
        return of().and("scope", q.scope())
                .and("workspace", q.workspace())
                .and("owner_kind", q.ownerKind())
                .and("owner_ref", q.ownerRef())
                .and("lane", q.lane())
                .and("unread", q.unread())
                .and("query", q.query())
                .and("limit", q.limit())
                .toMap();
    }
}
