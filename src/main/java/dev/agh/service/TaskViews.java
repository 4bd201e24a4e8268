package dev.agh.service;

import dev.agh.api.DependencyPayload;
import dev.agh.api.EventPayload;
import dev.agh.api.RunPayload;
import dev.agh.api.RunSummaryPayload;
import dev.agh.api.TaskDetailPayload;
import dev.agh.api.TaskPayload;
import dev.agh.api.TaskReference;
import dev.agh.api.TaskSummaryPayload;
import dev.agh.domain.AghException;
import dev.agh.domain.Dependency;
import dev.agh.domain.Run;
import dev.agh.domain.Task;
import dev.agh.store.StoreTransaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the read payloads of tasks from stored rows; statuses are read, never recomputed. */
final class TaskViews {
    /** Ids per IN list: well under every engine's parameter limit. */
    private static final int CHUNK = 500;

    private TaskViews() {}

    static TaskSummaryPayload summary(StoreTransaction tx, Task task) {
        List<DependencyPayload> dependencies = references(tx, tx.dependencies().of(task.id()));
        RunSummaryPayload activeRun = tx.runs()
                .open(task.id())
                .map(run -> RunSummaryPayload.of(run, task.maxAttempts()))
                .orElse(null);
        return TaskSummaryPayload.of(task, dependencies, activeRun);
    }

    /** Summaries of many tasks with a fixed number of queries (per chunk), not a few per task. */
    static List<TaskSummaryPayload> summaries(StoreTransaction tx, List<Task> tasks) {
        List<TaskSummaryPayload> out = new ArrayList<>(tasks.size());
        for (int from = 0; from < tasks.size(); from += CHUNK) {
            List<Task> chunk = tasks.subList(from, Math.min(tasks.size(), from + CHUNK));
            List<String> ids = chunk.stream().map(Task::id).toList();
            Map<String, List<Dependency>> edges = new HashMap<>();
            for (Dependency edge : tx.dependencies().ofTasks(ids)) {
                edges.computeIfAbsent(edge.taskId(), k -> new ArrayList<>()).add(edge);
            }
            Map<String, Task> targets = new HashMap<>();
            List<String> targetIds = edges.values().stream()
                    .flatMap(List::stream)
                    .map(Dependency::dependsOnTaskId)
                    .distinct()
                    .toList();
            tx.tasks().findAll(targetIds).forEach(t -> targets.put(t.id(), t));
            Map<String, Run> openRuns = new HashMap<>();
            tx.runs().openOf(ids).forEach(r -> openRuns.put(r.taskId(), r));
            for (Task task : chunk) {
                List<DependencyPayload> deps = new ArrayList<>();
                for (Dependency edge : edges.getOrDefault(task.id(), List.of())) {
                    Task target = targets.get(edge.dependsOnTaskId());
                    deps.add(DependencyPayload.of(edge, target == null ? null : TaskReference.of(target)));
                }
                Run open = openRuns.get(task.id());
                out.add(TaskSummaryPayload.of(
                        task, deps, open == null ? null : RunSummaryPayload.of(open, task.maxAttempts())));
            }
        }
        return out;
    }

    static TaskDetailPayload detail(StoreTransaction tx, String taskId) {
        Task task = tx.tasks().find(taskId).orElseThrow(() -> AghException.taskNotFound(taskId));
        List<Dependency> edges = tx.dependencies().of(taskId);
        List<DependencyPayload> plain =
                edges.stream().map(DependencyPayload::of).toList();
        return new TaskDetailPayload(
                summary(tx, task),
                TaskPayload.of(task),
                nonEmpty(summaries(tx, tx.tasks().children(taskId))),
                nonEmpty(plain),
                nonEmpty(references(tx, edges)),
                nonEmpty(tx.runs().ofTask(taskId, null, null, 0).stream()
                        .map(RunPayload::of)
                        .toList()),
                nonEmpty(tx.events().ofTask(taskId).stream()
                        .map(EventPayload::of)
                        .toList()));
    }

    private static List<DependencyPayload> references(StoreTransaction tx, List<Dependency> edges) {
        if (edges.isEmpty()) {
            return List.of();
        }
        Map<String, Task> targets = new HashMap<>();
        for (Task t : tx.tasks()
                .findAll(edges.stream().map(Dependency::dependsOnTaskId).toList())) {
            targets.put(t.id(), t);
        }
        List<DependencyPayload> out = new ArrayList<>(edges.size());
        for (Dependency edge : edges) {
            Task target = targets.get(edge.dependsOnTaskId());
            out.add(DependencyPayload.of(edge, target == null ? null : TaskReference.of(target)));
        }
        return out;
    }

    private static <T> List<T> nonEmpty(List<T> list) {
        return list.isEmpty() ? null : list;
    }
}
