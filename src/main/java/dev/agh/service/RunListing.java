package dev.agh.service;

import dev.agh.api.Requests.ListAllRuns;
import dev.agh.api.Responses.RunPageResponse;
import dev.agh.api.RunPayload;
import dev.agh.domain.Limits;
import dev.agh.domain.Run;
import dev.agh.domain.RunStatus;
import dev.agh.domain.WireEnum;
import dev.agh.store.RunCursor;
import dev.agh.store.RunQuery;
import dev.agh.store.StoreTransaction;
import java.util.List;

/** {@code GET /api/task-runs}: the query checked and turned into the store's, and a page with its cursor. */
final class RunListing {
    private RunListing() {}

    static RunPageResponse page(StoreTransaction tx, ListAllRuns query) {
        ListAllRuns q = query == null ? ListAllRuns.ALL : query;
        String workspaceRef = Inputs.trimToNull(q.workspace());
        int size = TaskListing.pageSize(q.limit());
        RunQuery store = new RunQuery(
                q.status() == null ? null : WireEnum.parse(RunStatus.class, "status", q.status()),
                Inputs.trimToNull(q.taskId()),
                Inputs.trimToNull(q.sessionId()),
                Limits.requireChannel("network_channel", q.networkChannel()),
                workspaceRef == null
                        ? null
                        : Workspaces.resolve(tx, workspaceRef).id(),
                size + 1,
                q.cursor() == null || q.cursor().isBlank()
                        ? null
                        : RunCursor.decode(q.cursor().trim()));
        List<Run> rows = tx.runs().list(store);
        boolean more = rows.size() > size;
        List<Run> page = more ? rows.subList(0, size) : rows;
        return new RunPageResponse(
                page.stream().map(RunPayload::of).toList(),
                more ? RunCursor.after(page.get(page.size() - 1)).encode() : null);
    }
}
