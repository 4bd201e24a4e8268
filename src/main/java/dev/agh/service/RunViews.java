package dev.agh.service;

import dev.agh.api.Requests.ListRuns;
import dev.agh.api.RunDetailPayload;
import dev.agh.api.RunPayload;
import dev.agh.api.SessionPayload;
import dev.agh.api.TaskReference;
import dev.agh.domain.AghException;
import dev.agh.domain.Event;
import dev.agh.domain.Run;
import dev.agh.domain.RunStatus;
import dev.agh.domain.Task;
import dev.agh.domain.WireEnum;
import dev.agh.store.StoreTransaction;
import java.time.Instant;
import java.util.List;

/** Read views of runs. */
final class RunViews {
    private RunViews() {}

    static List<RunPayload> list(StoreTransaction tx, String taskId, ListRuns query) {
        if (!tx.tasks().exists(taskId)) {
            throw AghException.taskNotFound(taskId);
        }
        ListRuns q = query == null ? new ListRuns(null, null, null) : query;
        RunStatus status = q.status() == null ? null : WireEnum.parse(RunStatus.class, "status", q.status());
        return tx.runs().ofTask(taskId, status, Inputs.trimToNull(q.sessionId()), Inputs.limit(q.limit())).stream()
                .map(RunPayload::of)
                .toList();
    }

    static RunDetailPayload detail(StoreTransaction tx, String runId) {
        Run run = tx.runs().find(runId).orElseThrow(() -> AghException.runNotFound(runId));
        Task task = tx.tasks().find(run.taskId()).orElseThrow(() -> AghException.taskNotFound(run.taskId()));
        SessionPayload session = run.sessionId() == null
                ? null
                : tx.sessions().find(run.sessionId()).map(SessionPayload::of).orElse(null);
        Event last = tx.events().ofTask(task.id()).stream()
                .filter(e -> runId.equals(e.runId()))
                .findFirst()
                .orElse(null);
        Instant lastActivity = last != null ? last.timestamp() : run.queuedAt();
        return new RunDetailPayload(
                RunPayload.of(run),
                TaskReference.of(task),
                session,
                new RunDetailPayload.Activity(lastActivity, last == null ? null : last.type()));
    }
}
