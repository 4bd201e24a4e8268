package dev.agh.observe;

import dev.agh.api.DashboardActiveRunsPayload;
import dev.agh.api.DashboardCardsPayload;
import dev.agh.api.DashboardPayload;
import dev.agh.api.DashboardQueuePayload;
import dev.agh.domain.EventType;
import dev.agh.domain.Run;
import dev.agh.domain.RunStatus;
import dev.agh.domain.TaskStatus;
import dev.agh.store.ObserveTable;
import dev.agh.store.ObserveTable.ActiveRunRow;
import dev.agh.store.ObserveTable.Filter;
import dev.agh.store.ObserveTable.Latency;
import dev.agh.store.ObserveTable.QueueRow;
import dev.agh.store.ObserveTable.RunTotals;
import dev.agh.store.ObserveTable.StuckThresholds;
import dev.agh.store.ObserveTable.TaskTotals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/observe/tasks/dashboard}: {@link #load} reads the aggregates (a handful of SQL
 * statements, see {@link ObserveTable}); {@link #compute} turns them into the payload, a pure
 * function of the aggregates and {@code now}.
 */
public final class DashboardQuery {
    public static final Duration CLAIMED_STUCK_AFTER = Duration.ofMinutes(5);
    public static final Duration STARTING_STUCK_AFTER = Duration.ofMinutes(5);
    public static final Duration RUNNING_STUCK_AFTER = Duration.ofMinutes(30);
    public static final StuckThresholds STUCK =
            new StuckThresholds(CLAIMED_STUCK_AFTER, STARTING_STUCK_AFTER, RUNNING_STUCK_AFTER);
    public static final int ACTIVE_RUN_LIMIT = 4;
    public static final Duration BACKLOG_WARN_AFTER = Duration.ofMinutes(10);
    public static final Duration STALE_AFTER = Duration.ofMinutes(2);
    public static final String OK = "ok";
    public static final String WARN = "warn";
    public static final String FORCE_STOPPED_EVENT = EventType.RUN_FORCE_STOPPED.wire();

    /** Fixed order of {@code status_breakdown}. */
    private static final List<TaskStatus> BREAKDOWN_ORDER = List.of(
            TaskStatus.COMPLETED,
            TaskStatus.PENDING,
            TaskStatus.IN_PROGRESS,
            TaskStatus.READY,
            TaskStatus.BLOCKED,
            TaskStatus.FAILED,
            TaskStatus.CANCELED,
            TaskStatus.DRAFT);

    private DashboardQuery() {}

    /** What the dashboard is computed from. */
    public record Aggregates(
            TaskTotals tasks,
            RunTotals runs,
            List<QueueRow> queue,
            long stuckRuns,
            long activeOrphanRuns,
            List<ActiveRunRow> activeRuns,
            long forcedStops) {}

    /**
     * Reads the aggregates of {@code filter} at {@code now}; {@code since} (the service start, or null
     * for all time) bounds the forced-stop count.
     */
    public static Aggregates load(ObserveTable table, Filter filter, Instant now, Instant since) {
        return load(table, filter, now, since, ACTIVE_RUN_LIMIT);
    }

    /** Like {@link #load(ObserveTable, Filter, Instant, Instant)}, listing up to {@code activeLimit} active runs. */
    public static Aggregates load(ObserveTable table, Filter filter, Instant now, Instant since, int activeLimit) {
        return new Aggregates(
                table.taskTotals(filter),
                table.runTotals(filter),
                table.queueDepth(filter),
                table.stuckRuns(filter, now, STUCK),
                table.activeOrphanRuns(filter),
                table.activeRuns(filter, activeLimit),
                table.eventCount(filter, FORCE_STOPPED_EVENT, since));
    }

    /** {@link #load} then {@link #compute}. */
    public static DashboardPayload query(ObserveTable table, Filter filter, Instant now, Instant since) {
        return compute(load(table, filter, now, since), now);
    }

    /** {@link #load} with {@code activeLimit} active runs, then {@link #compute}. */
    public static DashboardPayload query(
            ObserveTable table, Filter filter, Instant now, Instant since, int activeLimit) {
        return compute(load(table, filter, now, since, activeLimit), now);
    }

    public static DashboardPayload compute(Aggregates in, Instant now) {
        TaskTotals tasks = in.tasks();
        RunTotals runs = in.runs();
        long queued = runs.count(RunStatus.QUEUED);
        long claimed = runs.count(RunStatus.CLAIMED);
        long starting = runs.count(RunStatus.STARTING);
        long running = runs.count(RunStatus.RUNNING);
        long active = queued + claimed + starting + running;
        DashboardPayload.Totals totals = new DashboardPayload.Totals(
                tasks.total(),
                runs.total(),
                tasks.count(TaskStatus.DRAFT),
                tasks.count(TaskStatus.PENDING),
                tasks.count(TaskStatus.READY),
                tasks.count(TaskStatus.IN_PROGRESS),
                tasks.count(TaskStatus.BLOCKED),
                tasks.count(TaskStatus.COMPLETED),
                tasks.count(TaskStatus.FAILED),
                tasks.count(TaskStatus.CANCELED),
                tasks.awaitingApproval(),
                tasks.dependencyBlocked(),
                queued,
                claimed,
                starting,
                running,
                runs.count(RunStatus.COMPLETED),
                runs.count(RunStatus.FAILED),
                runs.count(RunStatus.CANCELED),
                active);

        DashboardQueuePayload queue = queue(in.queue(), now);
        boolean unhealthy = in.stuckRuns() > 0 || in.activeOrphanRuns() > 0 || queue.backlogWarning();
        DashboardPayload.Health health = new DashboardPayload.Health(
                unhealthy ? WARN : OK, in.stuckRuns(), in.activeOrphanRuns(), queue.backlogWarning());

        DashboardCardsPayload cards = new DashboardCardsPayload(
                new DashboardCardsPayload.InProgress(
                        totals.inProgressTasks(), active, running, starting, claimed, queued, health.status()),
                new DashboardCardsPayload.Blocked(
                        totals.blockedTasks(),
                        totals.awaitingApprovalTasks(),
                        totals.dependencyBlockedTasks(),
                        totals.blockedTasks() > 0 ? WARN : OK),
                new DashboardCardsPayload.Failed(
                        totals.failedTasks(),
                        totals.failedRuns(),
                        in.forcedStops(),
                        totals.failedTasks() > 0 || totals.failedRuns() > 0 || in.forcedStops() > 0 ? WARN : OK),
                new DashboardCardsPayload.LatencyCard(latency(runs.claimLatency()), latency(runs.startLatency())));

        List<DashboardActiveRunsPayload.Item> items = new ArrayList<>();
        for (ActiveRunRow row : in.activeRuns()) {
            items.add(item(row, now));
        }
        DashboardActiveRunsPayload activeRuns = new DashboardActiveRunsPayload(
                active, running, starting, claimed, queued, items.isEmpty() ? null : List.copyOf(items));

        return new DashboardPayload(
                totals,
                cards,
                breakdown(tasks),
                queue,
                health,
                activeRuns,
                freshness(latest(tasks.latestActivity(), runs.latestActivity()), active > 0, now));
    }

    /** Whether a run is stuck at {@code now}: claimed or starting 5 min after its claim, running 30 min after its start. */
    public static boolean stuck(Run run, Instant now) {
        Duration threshold;
        Instant base;
        switch (run.status()) {
            case CLAIMED, STARTING -> {
                threshold = run.status() == RunStatus.CLAIMED ? CLAIMED_STUCK_AFTER : STARTING_STUCK_AFTER;
                base = first(run.claimedAt(), run.queuedAt());
            }
            case RUNNING -> {
                threshold = RUNNING_STUCK_AFTER;
                base = first(run.startedAt(), run.claimedAt(), run.queuedAt());
            }
            default -> {
                return false;
            }
        }
        return base != null && ageMs(base, now) >= threshold.toMillis();
    }

    private static DashboardActiveRunsPayload.Item item(ActiveRunRow row, Instant now) {
        Run run = row.run();
        boolean stuck = stuck(run, now);
        Instant ageBase = switch (run.status()) {
            case RUNNING -> first(run.startedAt(), run.queuedAt());
            case CLAIMED, STARTING -> first(run.claimedAt(), run.queuedAt());
            default -> run.queuedAt();
        };
        Instant lastActivity = latest(run.queuedAt(), run.claimedAt(), run.startedAt(), run.endedAt());
        return new DashboardActiveRunsPayload.Item(
                run.taskId(),
                row.taskIdentifier(),
                row.taskTitle(),
                row.taskStatus(),
                row.taskPriority(),
                row.taskOwner(),
                row.scope(),
                row.workspaceId(),
                row.latestEventSeq(),
                run.id(),
                run.status(),
                run.attempt(),
                row.maxAttempts(),
                blankToNull(run.sessionId()),
                blankToNull(run.networkChannel()),
                lastActivity == null ? DashboardPayload.ZERO_TIME : lastActivity,
                ageMs(ageBase, now),
                stuck ? WARN : OK,
                stuck,
                blankToNull(run.error()),
                run.status() == RunStatus.QUEUED && run.delayedAt(now) ? run.notBefore() : null,
                row.taskPaused() ? Boolean.TRUE : null);
    }

    private static DashboardQueuePayload queue(List<QueueRow> rows, Instant now) {
        long threshold = BACKLOG_WARN_AFTER.toMillis();
        long total = 0;
        Instant oldest = null;
        List<DashboardQueuePayload.Depth> depth = new ArrayList<>();
        for (QueueRow row : rows) {
            total += row.count();
            if (row.oldestQueuedAt() != null
                    && (oldest == null || row.oldestQueuedAt().isBefore(oldest))) {
                oldest = row.oldestQueuedAt();
            }
            depth.add(new DashboardQueuePayload.Depth(
                    blankToNull(row.channel()),
                    row.count(),
                    row.oldestQueuedAt() == null ? DashboardPayload.ZERO_TIME : row.oldestQueuedAt(),
                    ageMs(row.oldestQueuedAt(), now)));
        }
        long age = ageMs(oldest, now);
        boolean warning = total > 0 && threshold > 0 && age >= threshold;
        return new DashboardQueuePayload(
                total,
                oldest == null ? DashboardPayload.ZERO_TIME : oldest,
                age,
                threshold,
                warning,
                warning ? WARN : OK,
                depth.isEmpty() ? null : List.copyOf(depth));
    }

    private static List<DashboardPayload.StatusBucket> breakdown(TaskTotals tasks) {
        if (tasks.total() == 0) {
            return null;
        }
        List<DashboardPayload.StatusBucket> buckets = new ArrayList<>();
        for (TaskStatus status : BREAKDOWN_ORDER) {
            long count = tasks.count(status);
            if (count > 0) {
                buckets.add(
                        new DashboardPayload.StatusBucket(status, count, Math.round(count * 100.0 / tasks.total())));
            }
        }
        return buckets.isEmpty() ? null : List.copyOf(buckets);
    }

    private static DashboardCardsPayload.Latency latency(Latency l) {
        if (l == null || l.samples() == 0) {
            return new DashboardCardsPayload.Latency(0, 0, 0);
        }
        return new DashboardCardsPayload.Latency(
                l.samples(), l.totalMicros() / l.samples() / 1000, l.maxMicros() / 1000);
    }

    private static DashboardPayload.Freshness freshness(Instant latest, boolean live, Instant now) {
        long staleAfter = STALE_AFTER.toMillis();
        if (latest == null) {
            return new DashboardPayload.Freshness(now, DashboardPayload.ZERO_TIME, 0, staleAfter, live, false, "empty");
        }
        long age = ageMs(latest, now);
        boolean stale = live && age > staleAfter;
        return new DashboardPayload.Freshness(now, latest, age, staleAfter, live, stale, stale ? "stale" : "current");
    }

    /** Milliseconds from {@code from} to {@code now}, 0 when {@code from} is null or later. */
    static long ageMs(Instant from, Instant now) {
        if (from == null) {
            return 0;
        }
        return Math.max(0, Duration.between(from, now).toMillis());
    }

    private static Instant first(Instant... instants) {
        for (Instant i : instants) {
            if (i != null) {
                return i;
            }
        }
        return null;
    }

    static Instant latest(Instant... instants) {
        Instant max = null;
        for (Instant i : instants) {
            if (i != null && (max == null || i.isAfter(max))) {
                max = i;
            }
        }
        return max;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
