package dev.agh.tui;

import dev.agh.api.DashboardActiveRunsPayload;
import dev.agh.api.DashboardPayload;
import dev.agh.api.DashboardQueuePayload;
import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * The Dashboard tab: summary cards, then health and queue beside the status breakdown, then the active
 * runs (the selectable rows). The active runs keep at least a few lines; the middle gives way first.
 */
final class DashboardView {
    /** The last column of an active run: STUCK, paused or when it is due ("in 4m 30s"). */
    private static final int NOTE_WIDTH = 12;

    private static final int CARD_MIN = 20;
    private static final int ACTIVE_MIN = 4;

    private DashboardView() {}

    static List<AttributedString> render(TuiState state, Palette palette, int width, int height) {
        DashboardPayload d = state.data().dashboard();
        if (d == null) {
            return List.of(
                    new Line().text(" loading the dashboard…", palette.dim()).build(width));
        }
        List<AttributedString> lines = new ArrayList<>(cards(d, palette, width));
        lines.add(Line.blank(width));
        List<AttributedString> middle = middle(d, palette, width);
        int room = Math.max(0, height - lines.size() - ACTIVE_MIN - 1);
        lines.addAll(middle.subList(0, Math.min(room, middle.size())));
        lines.add(Line.blank(width));
        lines.addAll(active(state, d, palette, width, height - lines.size()));
        return lines;
    }

    private record Card(String title, String value, String detail, AttributedStyle tone) {}

    private static List<AttributedString> cards(DashboardPayload d, Palette palette, int width) {
        var t = d.totals();
        var c = d.cards();
        var latency = c.latency().claimLatencyMs();
        List<Card> cards = List.of(
                new Card(
                        "TASKS",
                        Long.toString(t.tasksTotal()),
                        t.runsTotal() + " runs · " + t.activeRuns() + " active",
                        palette.bold()),
                new Card(
                        "IN PROGRESS",
                        Long.toString(c.inProgress().tasks()),
                        c.inProgress().runningRuns() + " running · "
                                + c.inProgress().claimedRuns() + " claimed",
                        c.inProgress().tasks() > 0 ? palette.active() : palette.bold()),
                new Card(
                        "BLOCKED",
                        Long.toString(c.blocked().tasks()),
                        c.blocked().awaitingApproval() + " approval · "
                                + c.blocked().awaitingDependencies() + " deps",
                        c.blocked().tasks() > 0 ? palette.bad() : palette.bold()),
                new Card(
                        "FAILED",
                        Long.toString(c.failed().tasks()),
                        c.failed().failedRuns() + " failed run"
                                + plural(c.failed().failedRuns()),
                        c.failed().tasks() > 0 ? palette.bad() : palette.bold()),
                new Card(
                        "CLAIM LATENCY",
                        latency.samples() == 0 ? "–" : Durations.of(latency.averageMs()),
                        "n=" + latency.samples() + " · max " + Durations.of(latency.maximumMs()),
                        palette.bold()),
                new Card(
                        "QUEUE",
                        Long.toString(d.queue().total()),
                        d.queue().total() == 0
                                ? "empty"
                                : "oldest " + Durations.of(d.queue().oldestQueueAgeMs()),
                        d.queue().backlogWarning() ? palette.warn() : palette.bold()));
        int fits = Math.max(1, Math.min(cards.size(), width / CARD_MIN));
        // As few rows as fit, then as even as possible: 6 cards go 6, 3+3 or 2+2+2, never 5+1.
        int rowsOfCards = (cards.size() + fits - 1) / fits;
        int perRow = (cards.size() + rowsOfCards - 1) / rowsOfCards;
        int cardWidth = width / perRow;
        List<AttributedString> lines = new ArrayList<>();
        for (int start = 0; start < cards.size(); start += perRow) {
            Line top = new Line();
            Line bottom = new Line();
            for (Card card : cards.subList(start, Math.min(cards.size(), start + perRow))) {
                top.cell(" " + card.title() + " " + card.value(), cardWidth, card.tone());
                bottom.cell(" " + card.detail(), cardWidth, palette.dim());
            }
            lines.add(top.build(width));
            lines.add(bottom.build(width));
        }
        return lines;
    }

    /** Health and queue on the left, the status breakdown on the right (one under the other when narrow). */
    private static List<AttributedString> middle(DashboardPayload d, Palette palette, int width) {
        if (width < 72) {
            List<AttributedString> lines = new ArrayList<>(health(d, palette, width));
            lines.addAll(breakdown(d, palette, width));
            return lines;
        }
        int left = width / 2;
        int right = width - left;
        List<AttributedString> l = health(d, palette, left);
        List<AttributedString> r = breakdown(d, palette, right);
        List<AttributedString> lines = new ArrayList<>();
        for (int i = 0; i < Math.max(l.size(), r.size()); i++) {
            lines.add(new Line()
                    .append(i < l.size() ? l.get(i) : Line.blank(left))
                    .append(i < r.size() ? r.get(i) : Line.blank(right))
                    .build(width));
        }
        return lines;
    }

    private static List<AttributedString> health(DashboardPayload d, Palette palette, int width) {
        var h = d.health();
        List<AttributedString> lines = new ArrayList<>();
        lines.add(new Line()
                .text(" HEALTH ", palette.heading())
                .text(h.status(), palette.health(h.status()))
                .build(width));
        if (h.stuckRuns() > 0) {
            lines.add(
                    warning(h.stuckRuns() + " stuck run" + plural(h.stuckRuns()) + " (no heartbeat)", palette, width));
        }
        if (h.activeOrphanRuns() > 0) {
            lines.add(warning(
                    h.activeOrphanRuns() + " orphan run" + plural(h.activeOrphanRuns()) + " (session gone)",
                    palette,
                    width));
        }
        if (h.queueBacklog()) {
            lines.add(warning("queue older than " + Durations.of(d.queue().backlogThresholdMs()), palette, width));
        }
        if (h.stuckRuns() == 0 && h.activeOrphanRuns() == 0 && !h.queueBacklog()) {
            lines.add(new Line()
                    .text("   no stuck or orphan runs, no backlog", palette.dim())
                    .build(width));
        }
        lines.add(Line.blank(width));
        lines.add(new Line().text(" QUEUE BY CHANNEL", palette.heading()).build(width));
        DashboardQueuePayload q = d.queue();
        if (q.depth() == null || q.depth().isEmpty()) {
            lines.add(new Line().text("   nothing queued", palette.dim()).build(width));
        } else {
            for (var depth : q.depth()) {
                boolean backlog = depth.oldestQueueAgeMs() > q.backlogThresholdMs();
                Line line = new Line()
                        .text(" ")
                        .cell(depth.networkChannel() == null ? "(none)" : depth.networkChannel(), 10, palette.plain())
                        .right(Long.toString(depth.count()), 4, palette.bold())
                        .text("  " + Durations.of(depth.oldestQueueAgeMs()) + " old", palette.dim());
                if (backlog) {
                    line.text("  ⚠ backlog", palette.warn());
                }
                lines.add(line.build(width));
            }
        }
        return lines;
    }

    private static AttributedString warning(String text, Palette palette, int width) {
        return new Line().text(" ! ", palette.warn()).text(text).build(width);
    }

    private static List<AttributedString> breakdown(DashboardPayload d, Palette palette, int width) {
        List<AttributedString> lines = new ArrayList<>();
        String total = "total " + d.totals().tasksTotal() + " ";
        Line head = new Line().text(" STATUS BREAKDOWN", palette.heading());
        lines.add(head.text(" ".repeat(Math.max(1, width - head.length() - total.length())))
                .text(total, palette.dim())
                .build(width));
        if (d.statusBreakdown() == null || d.statusBreakdown().isEmpty()) {
            lines.add(new Line().text("   no tasks yet", palette.dim()).build(width));
            return lines;
        }
        // " label(12) bar count(6) share(5)": the bar takes what is left.
        int barWidth = Math.max(4, width - 1 - 12 - 6 - 6 - 1);
        for (var bucket : d.statusBreakdown()) {
            int filled = (int) Math.round(barWidth * bucket.sharePercent() / 100.0);
            if (bucket.count() > 0 && filled == 0) {
                filled = 1;
            }
            filled = Math.min(barWidth, filled);
            lines.add(new Line()
                    .text(" ")
                    .cell(bucket.status().wire(), 12, palette.of(bucket.status()))
                    .text("█".repeat(filled), palette.of(bucket.status()))
                    .text("░".repeat(barWidth - filled), palette.dim())
                    .right(Long.toString(bucket.count()), 6, palette.plain())
                    .right(bucket.sharePercent() + "%", 6, palette.dim())
                    .build(width));
        }
        return lines;
    }

    private static List<AttributedString> active(
            TuiState state, DashboardPayload d, Palette palette, int width, int height) {
        List<AttributedString> lines = new ArrayList<>();
        DashboardActiveRunsPayload runs = d.activeRuns();
        List<DashboardActiveRunsPayload.Item> items = Rows.activeRuns(state);
        String counts = runs.running() + " running · " + runs.claimed() + " claimed · " + runs.queued() + " queued";
        lines.add(new Line()
                .text(" ACTIVE RUNS " + runs.total(), palette.heading())
                .text("   " + counts, palette.dim())
                .build(width));
        if (items.isEmpty()) {
            lines.add(new Line()
                    .text(
                            state.search() == null ? "   no active runs" : "   no active run matches the search",
                            palette.dim())
                    .build(width));
            return lines;
        }
        boolean wide = width >= 100;
        int idWidth = Labels.columnWidth(items.stream().map(item -> Labels.task(item.taskIdentifier(), item.taskId())));
        int runWidth = Labels.columnWidth(items.stream().map(item -> item.runId()));
        int fixed = 2 + idWidth + (wide ? runWidth : 0) + 9 + 7 + 10 + NOTE_WIDTH;
        int titleWidth = Math.max(10, width - fixed);
        int rows = Math.max(1, height - 1);
        int start = View.windowStart(items.size(), state.selected(), rows);
        for (int i = start; i < Math.min(items.size(), start + rows); i++) {
            var item = items.get(i);
            boolean selected = i == state.selected();
            AttributedStyle base = selected ? palette.selected() : palette.plain();
            Line line = new Line()
                    .text(item.stuck() ? " !" : " ●", selected ? base : item.stuck() ? palette.bad() : palette.active())
                    .cell(" " + item.taskTitle(), titleWidth, base)
                    .cell(Labels.task(item.taskIdentifier(), item.taskId()), idWidth, base);
            if (wide) {
                line.cell(item.runId(), runWidth, selected ? base : palette.dim());
            }
            line.right(Durations.of(item.ageMs()), 8, base)
                    .text(" ", base)
                    .right(item.attempt() + "/" + item.maxAttempts(), 6, base)
                    .text(" ", base)
                    .cell(item.runStatus().wire(), 10, selected ? base : palette.of(item.runStatus()))
                    .cell(
                            note(item, state.data().loadedAt()),
                            NOTE_WIDTH,
                            selected ? base : item.stuck() ? palette.bad() : palette.warn());
            lines.add(line.build(width, base));
        }
        return lines;
    }

    /** What is unusual about an active run: stuck, its task paused, or (a delayed start or retry) when it is due. */
    private static String note(DashboardActiveRunsPayload.Item item, java.time.Instant now) {
        if (item.stuck()) {
            return "STUCK";
        }
        if (Boolean.TRUE.equals(item.taskPaused())) {
            return "paused";
        }
        if (item.notBefore() != null && now != null && item.notBefore().isAfter(now)) {
            return "in "
                    + Durations.of(
                            java.time.Duration.between(now, item.notBefore()).toMillis());
        }
        return "";
    }

    private static String plural(long n) {
        return n == 1 ? "" : "s";
    }
}
