package dev.agh.tui;

import dev.agh.api.DependencyPayload;
import dev.agh.api.RunPayload;
import dev.agh.api.TaskPayload;
import dev.agh.api.TimelineItemPayload;
import dev.agh.api.TreeNodePayload;
import dev.agh.api.TreePayload;
import dev.agh.domain.Actor;
import dev.agh.domain.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedString;

/**
 * An open task: a header (title; identifier, status, priority, owner, approval), then runs,
 * dependencies and the tree, and the timeline with the newest event at the bottom. Wide terminals put
 * the timeline in a column of its own; narrow ones stack everything and give the timeline the rest.
 */
final class TaskDetailView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final int WIDE = 110;

    private TaskDetailView() {}

    static List<AttributedString> render(TuiState state, Palette palette, int width, int height) {
        TaskView view = state.task();
        if (view.detail() == null) {
            return List.of(new Line()
                    .text(" loading " + view.taskId() + "…", palette.dim())
                    .build(width));
        }
        Instant now = state.data().loadedAt();
        TaskPayload task = view.detail().task();
        List<AttributedString> lines = new ArrayList<>();
        lines.add(new Line().text(" " + task.title(), palette.bold()).build(width));
        Line facts = new Line()
                .text(" " + Labels.task(task.identifier(), task.id()) + "  ")
                .text(task.status().wire(), palette.of(task.status()))
                .text("  priority " + task.priority().wire());
        if (task.owner() != null) {
            facts.text(
                    "  owner " + task.owner().kind().wire() + ":" + task.owner().ref());
        }
        facts.text(
                "  approval " + task.approvalState().wire(),
                task.approvalState().wire().equals("pending") ? palette.warn() : palette.plain());
        if (task.networkChannel() != null) {
            facts.text("  channel " + task.networkChannel(), palette.dim());
        }
        if (task.pausedAt() != null) {
            facts.text("  PAUSED", palette.warn());
        }
        lines.add(facts.build(width));
        lines.add(Line.blank(width));
        int rest = height - lines.size();
        if (width >= WIDE) {
            int left = width * 45 / 100;
            int right = width - left;
            List<AttributedString> panes = panes(view, palette, left, rest, now);
            List<AttributedString> timeline = timeline(view, palette, right, rest);
            for (int i = 0; i < rest; i++) {
                lines.add(new Line()
                        .append(i < panes.size() ? panes.get(i) : Line.blank(left))
                        .append(i < timeline.size() ? timeline.get(i) : Line.blank(right))
                        .build(width));
            }
        } else {
            // Stacked: runs, dependencies and tree get a few lines each, the timeline at least five.
            List<AttributedString> panes = panes(view, palette, width, Math.max(0, rest - 6), now);
            lines.addAll(panes);
            lines.addAll(timeline(view, palette, width, height - lines.size()));
        }
        return lines;
    }

    /** Runs, dependencies and tree in at most {@code height} lines, each pane cut to its share. */
    private static List<AttributedString> panes(TaskView view, Palette palette, int width, int height, Instant now) {
        List<List<AttributedString>> panes = List.of(
                runs(view, palette, width, now), dependencies(view, palette, width), tree(view.tree(), palette, width));
        List<AttributedString> lines = new ArrayList<>();
        int share = Math.max(2, height / panes.size());
        for (int i = 0; i < panes.size(); i++) {
            List<AttributedString> pane = panes.get(i);
            int room = i == panes.size() - 1 ? height - lines.size() : Math.min(share, height - lines.size());
            if (room <= 0) {
                break;
            }
            lines.addAll(pane.subList(0, Math.min(room, pane.size())));
        }
        return lines;
    }

    private static List<AttributedString> runs(TaskView view, Palette palette, int width, Instant now) {
        List<AttributedString> lines = new ArrayList<>();
        lines.add(new Line()
                .text(" RUNS " + view.runs().size(), palette.heading())
                .build(width));
        if (view.runs().isEmpty()) {
            lines.add(new Line().text("   no runs", palette.dim()).build(width));
        }
        // Newest attempt first: it is the one that matters.
        List<RunPayload> runs = new ArrayList<>(view.runs());
        runs.sort((a, b) -> Integer.compare(b.attempt(), a.attempt()));
        for (RunPayload run : runs) {
            Line line = new Line()
                    .text("   #" + run.attempt() + " ")
                    .cell(run.status().wire(), 10, palette.of(run.status()))
                    .text(" " + run.id(), palette.dim());
            if (run.claimedBy() != null) {
                line.text("  by " + actor(run.claimedBy()));
            }
            if (run.leaseUntil() != null && now != null && !run.status().isTerminal()) {
                long left = Duration.between(now, run.leaseUntil()).toMillis();
                line.text(
                        left > 0 ? "  lease " + Durations.of(left) + " left" : "  lease expired",
                        left > 0 ? palette.plain() : palette.warn());
            }
            if (run.status() == RunStatus.QUEUED
                    && run.notBefore() != null
                    && now != null
                    && run.notBefore().isAfter(now)) {
                line.text(
                        "  due in "
                                + Durations.of(
                                        Duration.between(now, run.notBefore()).toMillis()),
                        palette.dim());
            }
            if (run.error() != null) {
                line.text("  " + run.error(), palette.bad());
            }
            lines.add(line.build(width));
        }
        return lines;
    }

    private static List<AttributedString> dependencies(TaskView view, Palette palette, int width) {
        // dependency_references are the same edges with the task they point to filled in.
        List<DependencyPayload> deps = view.detail().dependencyReferences() != null
                ? view.detail().dependencyReferences()
                : view.detail().dependencies() == null
                        ? List.of()
                        : view.detail().dependencies();
        List<AttributedString> lines = new ArrayList<>();
        lines.add(new Line()
                .text(" DEPENDENCIES " + deps.size(), palette.heading())
                .build(width));
        if (deps.isEmpty()) {
            lines.add(new Line().text("   depends on nothing", palette.dim()).build(width));
        }
        for (DependencyPayload dep : deps) {
            var on = dep.dependsOn();
            Line line = new Line().text("   → ");
            if (on == null) {
                line.text(dep.dependsOnTaskId());
            } else {
                line.cell(Labels.task(on.identifier(), on.id()), 11, palette.plain())
                        .cell(on.status().wire(), 12, palette.of(on.status()))
                        .text(on.title());
            }
            lines.add(line.build(width));
        }
        return lines;
    }

    private static List<AttributedString> tree(TreePayload tree, Palette palette, int width) {
        List<AttributedString> lines = new ArrayList<>();
        int children = tree == null || tree.descendants() == null
                ? 0
                : tree.descendants().size();
        lines.add(new Line()
                .text(" TREE " + children + " below", palette.heading())
                .build(width));
        if (tree == null) {
            return lines;
        }
        for (TreeNodePayload node : ordered(tree)) {
            var t = node.task();
            lines.add(new Line()
                    .text("   " + "  ".repeat(node.depth()) + (node.depth() == 0 ? "■ " : "↳ "))
                    .text(Labels.task(t.identifier(), t.id()) + " ", palette.dim())
                    .text(t.status().wire(), palette.of(t.status()))
                    .text(" " + t.title())
                    .build(width));
        }
        return lines;
    }

    /** The tree in depth-first order (the payload is flat, by depth), so children sit under their parent. */
    static List<TreeNodePayload> ordered(TreePayload tree) {
        List<TreeNodePayload> out = new ArrayList<>();
        List<TreeNodePayload> rest = tree.descendants() == null ? List.of() : tree.descendants();
        visit(tree.root(), rest, out);
        return out;
    }

    private static void visit(TreeNodePayload node, List<TreeNodePayload> all, List<TreeNodePayload> out) {
        out.add(node);
        for (TreeNodePayload child : all) {
            if (node.task().id().equals(child.parentTaskId())) {
                visit(child, all, out);
            }
        }
    }

    private static List<AttributedString> timeline(TaskView view, Palette palette, int width, int height) {
        List<AttributedString> lines = new ArrayList<>();
        if (height <= 0) {
            return lines;
        }
        List<TimelineItemPayload> events = view.timeline();
        lines.add(new Line()
                .text(" TIMELINE " + events.size(), palette.heading())
                .text(
                        view.follow() ? "  following" : "  paused (f follows)",
                        view.follow() ? palette.active() : palette.warn())
                .build(width));
        int rows = height - 1;
        if (events.isEmpty()) {
            lines.add(new Line().text("   no events", palette.dim()).build(width));
            return lines;
        }
        int end = Math.max(0, events.size() - view.back());
        int start = Math.max(0, end - rows);
        for (TimelineItemPayload event : events.subList(start, end)) {
            Line line = new Line()
                    .text(" " + TIME.format(event.timestamp().atZone(ZoneId.systemDefault())) + " ", palette.dim())
                    .cell(event.eventType(), 26, palette.plain());
            if (event.actor() != null) {
                line.text(" " + actor(event.actor()), palette.dim());
            }
            if (event.run() != null) {
                line.text(" run #" + event.run().attempt() + " ")
                        .text(
                                event.run().status().wire(),
                                palette.of(event.run().status()));
            }
            lines.add(line.build(width));
        }
        return lines;
    }

    static String actor(Actor actor) {
        return actor.kind().wire() + ":" + actor.ref();
    }
}
