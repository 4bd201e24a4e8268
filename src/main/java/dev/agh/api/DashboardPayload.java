package dev.agh.api;

import dev.agh.domain.TaskStatus;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/observe/tasks/dashboard}: counters, cards, queue, health, active runs and freshness
 * of the filtered tasks. {@code status_breakdown} is null (omitted) when there are no tasks.
 */
public record DashboardPayload(
        Totals totals,
        DashboardCardsPayload cards,
        List<StatusBucket> statusBreakdown,
        DashboardQueuePayload queue,
        Health health,
        DashboardActiveRunsPayload activeRuns,
        Freshness freshness) {

    /** The zero time, serialized as {@code 0001-01-01T00:00:00Z} where the reference keeps it. */
    public static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    /** Task counters per stored status and run counters per run status (all time). */
    public record Totals(
            long tasksTotal,
            long runsTotal,
            long draftTasks,
            long pendingTasks,
            long readyTasks,
            long inProgressTasks,
            long blockedTasks,
            long completedTasks,
            long failedTasks,
            long canceledTasks,
            long awaitingApprovalTasks,
            long dependencyBlockedTasks,
            long queuedRuns,
            long claimedRuns,
            long startingRuns,
            long runningRuns,
            long completedRuns,
            long failedRuns,
            long canceledRuns,
            long activeRuns) {}

    /** One task status with its count and rounded share of all tasks. */
    public record StatusBucket(TaskStatus status, long count, long sharePercent) {}

    /** {@code ok} or {@code warn}, with the reasons' counts. */
    public record Health(String status, long stuckRuns, long activeOrphanRuns, boolean queueBacklog) {}

    /** How recent the newest activity is; {@code status} is {@code current}, {@code stale} or {@code empty}. */
    public record Freshness(
            Instant observedAt,
            Instant latestActivityAt,
            long ageMs,
            long staleAfterMs,
            boolean hasLiveWork,
            boolean stale,
            String status) {}
}
