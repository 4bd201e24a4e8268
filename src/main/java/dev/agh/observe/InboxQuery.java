package dev.agh.observe;

import dev.agh.api.DashboardPayload;
import dev.agh.api.InboxGroupPayload;
import dev.agh.api.InboxItemPayload;
import dev.agh.api.InboxPayload;
import dev.agh.api.InboxTriagePayload;
import dev.agh.api.RunSummaryPayload;
import dev.agh.api.TaskReference;
import dev.agh.domain.ApprovalPolicy;
import dev.agh.domain.ApprovalState;
import dev.agh.domain.Run;
import dev.agh.domain.RunStatus;
import dev.agh.domain.Task;
import dev.agh.domain.TaskStatus;
import dev.agh.domain.Triage;
import dev.agh.store.ObserveTable;
import dev.agh.store.ObserveTable.InboxFilter;
import dev.agh.store.ObserveTable.InboxRow;
import dev.agh.store.ObserveTable.Lane;
import dev.agh.store.ObserveTable.LaneCount;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/observe/tasks/inbox}: one actor's inbox. Lane, unread and dismissal are decided
 * in SQL (see {@link ObserveTable#inboxCounts}); {@link #compute} assembles the payload from the
 * per-lane counts and the (limited) rows.
 *
 * <p>Lanes, first match wins: archived (by this actor) → approvals (blocked, manual, pending) →
 * failed_runs (latest run failed) → blocked → my_work (owned by or held by the actor, and not draft
 * or closed). A dismissed task is hidden until newer activity; an archived one never resurfaces.
 */
public final class InboxQuery {
    private InboxQuery() {}

    public static InboxPayload query(ObserveTable table, InboxFilter filter) {
        return compute(filter, table.inboxCounts(filter), table.inboxItems(filter));
    }

    public static InboxPayload compute(InboxFilter filter, List<LaneCount> counts, List<InboxRow> rows) {
        Map<Lane, LaneCount> byLane = new EnumMap<>(Lane.class);
        for (LaneCount count : counts) {
            byLane.put(count.lane(), count);
        }
        Map<Lane, List<InboxItemPayload>> items = new EnumMap<>(Lane.class);
        for (InboxRow row : rows) {
            List<InboxItemPayload> lane = items.computeIfAbsent(row.lane(), l -> new ArrayList<>());
            if (filter.limitPerLane() <= 0 || lane.size() < filter.limitPerLane()) {
                lane.add(item(filter, row));
            }
        }
        List<Lane> lanes = filter.lane() == null ? List.of(Lane.values()) : List.of(filter.lane());
        List<InboxGroupPayload> groups = new ArrayList<>();
        long total = 0;
        long unread = 0;
        long archived = 0;
        for (Lane lane : lanes) {
            LaneCount count = byLane.getOrDefault(lane, new LaneCount(lane, 0, 0));
            total += count.count();
            unread += count.unread();
            if (lane == Lane.ARCHIVED) {
                archived += count.count();
            }
            List<InboxItemPayload> laneItems = items.get(lane);
            groups.add(new InboxGroupPayload(
                    lane.wire(),
                    count.count(),
                    count.unread(),
                    laneItems == null || laneItems.isEmpty() ? null : List.copyOf(laneItems)));
        }
        return new InboxPayload(total, unread, archived, List.copyOf(groups));
    }

    /** Why a task waits: approval, a rejected approval, a failed latest run, or dependencies (null: none). */
    public static String blockingReason(Task task, Run latestRun) {
        if (task.approvalPolicy() == ApprovalPolicy.MANUAL && task.approvalState() == ApprovalState.PENDING) {
            return "awaiting_approval";
        }
        if (task.approvalPolicy() == ApprovalPolicy.MANUAL && task.approvalState() == ApprovalState.REJECTED) {
            return "approval_rejected";
        }
        if (latestRun != null && latestRun.status() == RunStatus.FAILED) {
            return "latest_run_failed";
        }
        if (task.status() == TaskStatus.BLOCKED) {
            return "awaiting_dependencies";
        }
        return null;
    }

    private static InboxItemPayload item(InboxFilter filter, InboxRow row) {
        Task task = row.task();
        Triage stored = row.triage() == null ? Triage.untouched(task.id(), filter.actor()) : row.triage();
        Triage effective = stored.effective(row.latestActivity());
        InboxTriagePayload triage = new InboxTriagePayload(
                task.id(),
                filter.actor(),
                !row.unread(),
                effective.archived(),
                effective.dismissed(),
                effective.lastSeenActivityAt(),
                effective.updatedAt() == null ? DashboardPayload.ZERO_TIME : effective.updatedAt());
        return new InboxItemPayload(
                TaskReference.of(task),
                row.lane().wire(),
                task.approvalPolicy(),
                task.approvalState(),
                blockingReason(task, row.latestRun()),
                row.latestActivity() == null ? DashboardPayload.ZERO_TIME : row.latestActivity(),
                row.latestRun() == null ? null : run(row.latestRun(), task.maxAttempts()),
                triage);
    }

    private static RunSummaryPayload run(Run run, int maxAttempts) {
        RunSummaryPayload r = RunSummaryPayload.of(run, maxAttempts);
        String error =
                r.error() == null || r.error().isBlank() ? null : r.error().strip();
        return new RunSummaryPayload(
                r.id(),
                r.taskId(),
                r.status(),
                r.attempt(),
                r.maxAttempts(),
                r.claimedBy(),
                r.sessionId(),
                r.claimTokenHash(),
                r.leaseUntil(),
                r.heartbeatAt(),
                r.coordinationChannelId(),
                r.queuedAt(),
                r.claimedAt(),
                r.startedAt(),
                r.endedAt(),
                error,
                r.notBefore());
    }
}
