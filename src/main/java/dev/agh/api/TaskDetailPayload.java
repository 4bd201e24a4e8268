package dev.agh.api;

import java.util.List;

/** Everything about one task: its summary, full record, children, edges, runs and events. */
public record TaskDetailPayload(
        TaskSummaryPayload summary,
        TaskPayload task,
        List<TaskSummaryPayload> children,
        List<DependencyPayload> dependencies,
        List<DependencyPayload> dependencyReferences,
        List<RunPayload> runs,
        List<EventPayload> events) {}
