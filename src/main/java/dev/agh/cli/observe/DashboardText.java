package dev.agh.cli.observe;

import static dev.agh.cli.Text.clip;
import static dev.agh.cli.Text.wire;

import dev.agh.api.DashboardActiveRunsPayload;
import dev.agh.api.DashboardCardsPayload;
import dev.agh.api.DashboardPayload;
import dev.agh.api.DashboardQueuePayload;
import dev.agh.tui.Durations;
import java.io.PrintWriter;
import java.time.Instant;

/** The human form of the dashboard: counters, cards, health, queue, breakdown bars and active runs. */
final class DashboardText {
    private static final int BAR_WIDTH = 20;

    private DashboardText() {}

    static void print(PrintWriter out, DashboardPayload d, Instant now) {
        DashboardPayload.Totals t = d.totals();
        out.printf(
                "Tasks    %d  (draft %d · pending %d · ready %d · in_progress %d · blocked %d · completed %d · failed %d · canceled %d)%n",
                t.tasksTotal(),
                t.draftTasks(),
                t.pendingTasks(),
                t.readyTasks(),
                t.inProgressTasks(),
                t.blockedTasks(),
                t.completedTasks(),
                t.failedTasks(),
                t.canceledTasks());
        out.printf(
                "Runs     %d  (queued %d · claimed %d · starting %d · running %d · completed %d · failed %d · canceled %d)%n",
                t.runsTotal(),
                t.queuedRuns(),
                t.claimedRuns(),
                t.startingRuns(),
                t.runningRuns(),
                t.completedRuns(),
                t.failedRuns(),
                t.canceledRuns());
        out.println();
        cards(out, d.cards());
        out.println();
        health(out, d.health());
        queue(out, d.queue());
        breakdown(out, d);
        activeRuns(out, d.activeRuns());
        DashboardPayload.Freshness f = d.freshness();
        out.printf(
                "%nFreshness  %s%s%n",
                f.status(), "empty".equals(f.status()) ? "" : ", latest activity " + ago(f.ageMs()) + " ago");
    }

    private static void cards(PrintWriter out, DashboardCardsPayload c) {
        DashboardCardsPayload.InProgress p = c.inProgress();
        out.printf(
                "In progress  %-4s %d tasks, %d active runs (%d running, %d starting, %d claimed, %d queued)%n",
                p.healthStatus(),
                p.tasks(),
                p.activeRuns(),
                p.runningRuns(),
                p.startingRuns(),
                p.claimedRuns(),
                p.queuedRuns());
        DashboardCardsPayload.Blocked b = c.blocked();
        out.printf(
                "Blocked      %-4s %d tasks (%d awaiting approval, %d awaiting dependencies)%n",
                b.healthStatus(), b.tasks(), b.awaitingApproval(), b.awaitingDependencies());
        DashboardCardsPayload.Failed f = c.failed();
        out.printf(
                "Failed       %-4s %d tasks, %d failed runs, %d forced stops since start%n",
                f.healthStatus(), f.tasks(), f.failedRuns(), f.forcedStops());
        out.printf(
                "Latency      claim %s · start %s%n",
                latency(c.latency().claimLatencyMs()), latency(c.latency().startLatencyMs()));
    }

    private static void health(PrintWriter out, DashboardPayload.Health h) {
        out.printf("Health       %s", h.status());
        if (!"ok".equals(h.status())) {
            out.printf(
                    ": %d stuck runs, %d orphan runs%s",
                    h.stuckRuns(), h.activeOrphanRuns(), h.queueBacklog() ? ", queue backlog" : "");
        }
        out.println();
    }

    private static void queue(PrintWriter out, DashboardQueuePayload q) {
        if (q.total() == 0) {
            out.println("Queue        empty");
            return;
        }
        out.printf(
                "Queue        %d queued, oldest %s (backlog after %s)%n",
                q.total(), ago(q.oldestQueueAgeMs()), ago(q.backlogThresholdMs()));
        for (DashboardQueuePayload.Depth depth : q.depth()) {
            boolean backlog = q.backlogThresholdMs() > 0 && depth.oldestQueueAgeMs() >= q.backlogThresholdMs();
            out.printf(
                    "  %-20s %6d  oldest %s%s%n",
                    depth.networkChannel() == null ? "(no channel)" : depth.networkChannel(),
                    depth.count(),
                    ago(depth.oldestQueueAgeMs()),
                    backlog ? "  backlog" : "");
        }
    }

    private static void breakdown(PrintWriter out, DashboardPayload d) {
        if (d.statusBreakdown() == null) {
            return;
        }
        out.println();
        out.println("Status breakdown");
        for (DashboardPayload.StatusBucket bucket : d.statusBreakdown()) {
            out.printf(
                    "  %-12s %s %6d %3d%%%n",
                    wire(bucket.status()),
                    bar(bucket.count(), d.totals().tasksTotal()),
                    bucket.count(),
                    bucket.sharePercent());
        }
    }

    private static void activeRuns(PrintWriter out, DashboardActiveRunsPayload a) {
        if (a.items() == null) {
            return;
        }
        out.printf("%nActive runs (%d of %d)%n", a.items().size(), a.total());
        out.printf("  %-24s %-30s %-9s %-8s %-9s %s%n", "RUN", "TASK", "STATUS", "ATTEMPT", "AGE", "HEALTH");
        for (DashboardActiveRunsPayload.Item item : a.items()) {
            out.printf(
                    "  %-24s %-30s %-9s %-8s %-9s %s%n",
                    item.runId(),
                    clip(item.taskTitle(), 30),
                    wire(item.runStatus()),
                    item.attempt() + "/" + item.maxAttempts(),
                    ago(item.ageMs()),
                    item.stuck() ? "STUCK" : item.healthStatus());
        }
    }

    static String bar(long count, long total) {
        int filled = total <= 0 ? 0 : (int) Math.round(count * (double) BAR_WIDTH / total);
        if (count > 0 && filled == 0) {
            filled = 1;
        }
        return "█".repeat(filled) + "░".repeat(BAR_WIDTH - filled);
    }

    private static String latency(DashboardCardsPayload.Latency l) {
        return l.samples() == 0
                ? "no samples"
                : "avg " + l.averageMs() + " ms, max " + l.maximumMs() + " ms (n=" + l.samples() + ")";
    }

    /** A duration in milliseconds, as "4m 12s". */
    static String ago(long millis) {
        return Durations.elapsed(millis);
    }
}
