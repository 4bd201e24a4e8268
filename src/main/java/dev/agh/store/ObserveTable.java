package dev.agh.store;

import dev.agh.domain.Actor;
import dev.agh.domain.OriginKind;
import dev.agh.domain.OwnerKind;
import dev.agh.domain.Run;
import dev.agh.domain.RunStatus;
import dev.agh.domain.Scope;
import dev.agh.domain.Task;
import dev.agh.domain.TaskStatus;
import dev.agh.domain.Triage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Aggregate reads of the live views (dashboard and inbox). Every method is one SQL statement (the
 * inbox page two): counts, sums and maxima are computed by the database, lists are bounded by
 * {@code ORDER BY ... LIMIT}, and nothing loads every task, run or event.
 */
public interface ObserveTable {

    /**
     * The observe filters; null means "any". Task fields select the task set; {@code networkChannel}
     * and {@code originKind} apply to the task and, for run aggregates, to the run as well (as upstream).
     * {@code text} is a case-insensitive substring of title or identifier.
     */
    record Filter(
            Scope scope,
            String workspaceId,
            OwnerKind ownerKind,
            String ownerRef,
            String networkChannel,
            OriginKind originKind,
            String text) {
        public static final Filter NONE = new Filter(null, null, null, null, null, null, null);
    }

    /** Task counters of the filtered task set, and its latest activity (created, updated, closed, last event). */
    record TaskTotals(
            long total,
            Map<TaskStatus, Long> byStatus,
            long awaitingApproval,
            long dependencyBlocked,
            Instant latestActivity) {
        public long count(TaskStatus status) {
            return byStatus.getOrDefault(status, 0L);
        }
    }

    /** Samples, sum and maximum of one latency, in microseconds. */
    record Latency(long samples, long totalMicros, long maxMicros) {
        public static final Latency NONE = new Latency(0, 0, 0);
    }

    /** Run counters of the filtered runs (all time), their latencies and their latest activity. */
    record RunTotals(
            long total,
            Map<RunStatus, Long> byStatus,
            Latency claimLatency,
            Latency startLatency,
            Instant latestActivity) {
        public long count(RunStatus status) {
            return byStatus.getOrDefault(status, 0L);
        }
    }

    /** Queued runs of one channel ({@code ""} for none) and the oldest {@code queued_at} among them. */
    record QueueRow(String channel, long count, Instant oldestQueuedAt) {}

    /** When a held run counts as stuck: claimed and starting since their claim, running since its start. */
    record StuckThresholds(Duration claimed, Duration starting, Duration running) {}

    /** An active run with the fields of its task the dashboard shows. */
    record ActiveRunRow(
            Run run,
            String taskIdentifier,
            String taskTitle,
            TaskStatus taskStatus,
            dev.agh.domain.Priority taskPriority,
            dev.agh.domain.Owner taskOwner,
            Scope scope,
            String workspaceId,
            long latestEventSeq,
            int maxAttempts,
            boolean taskPaused) {}

    /** Inbox lanes, in display order. */
    enum Lane {
        MY_WORK,
        APPROVALS,
        FAILED_RUNS,
        BLOCKED,
        ARCHIVED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Lane ofWire(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }

    /** Items of one lane: how many, how many unread (after the lane and unread filters, before the limit). */
    record LaneCount(Lane lane, long count, long unread) {}

    /**
     * One inbox item as stored: the task, its lane and effective unread flag (computed in SQL by the
     * rules of {@link Triage#effective}), its latest activity, the actor's stored triage row (or null)
     * and its latest run (highest attempt, then latest queued, then greatest id; or null).
     */
    record InboxRow(Task task, Lane lane, boolean unread, Instant latestActivity, Triage triage, Run latestRun) {}

    /** The inbox query: whose, which tasks, which lane (null: all), only unread, items per lane (0: all). */
    record InboxFilter(Actor actor, Filter tasks, Lane lane, boolean unreadOnly, int limitPerLane) {}

    TaskTotals taskTotals(Filter filter);

    RunTotals runTotals(Filter filter);

    /** Queued runs per channel, channel ascending (no channel first). */
    List<QueueRow> queueDepth(Filter filter);

    /** Held runs (claimed, starting, running) at least their threshold old at {@code now}. */
    long stuckRuns(Filter filter, Instant now, StuckThresholds thresholds);

    /** Starting or running runs without a session, or whose session is not active. */
    long activeOrphanRuns(Filter filter);

    /**
     * The first {@code limit} active runs (queued, claimed, starting, running): running first, then
     * starting, claimed, queued; then latest activity descending, then run id descending.
     */
    List<ActiveRunRow> activeRuns(Filter filter, int limit);

    /** Events of {@code eventType} at or after {@code since} on the filtered tasks. */
    long eventCount(Filter filter, String eventType, Instant since);

    /** Item counts per lane (lanes without items are absent). */
    List<LaneCount> inboxCounts(InboxFilter filter);

    /** The first {@code limitPerLane} items of each lane, in inbox order within a lane (lanes in any order). */
    List<InboxRow> inboxItems(InboxFilter filter);
}
