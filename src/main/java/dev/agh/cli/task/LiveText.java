package dev.agh.cli.task;

import static dev.agh.cli.Text.clip;
import static dev.agh.cli.Text.wire;

import dev.agh.api.RunSummaryPayload;
import dev.agh.api.TimelineItemPayload;
import dev.agh.api.TreeNodePayload;
import dev.agh.api.TreePayload;
import dev.agh.api.TriagePayload;
import dev.agh.domain.Actor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Human output of the live views: timeline lines, the tree drawn with its branches, triage state. */
final class LiveText {
    private LiveText() {}

    static void timeline(PrintWriter out, List<TimelineItemPayload> items) {
        if (items.isEmpty()) {
            out.println("no events");
            return;
        }
        items.forEach(item -> out.println(line(item, false)));
    }

    /** One event on one line; {@code withTask} names the task too (a watch covers a whole subtree). */
    static String line(TimelineItemPayload item, boolean withTask) {
        StringBuilder line = new StringBuilder();
        line.append(String.format("%-6s %-27s %-26s", "#" + item.sequence(), item.timestamp(), item.eventType()));
        if (withTask) {
            line.append(' ').append(String.format("%-22s", item.task().id()));
        }
        line.append(' ').append(actor(item.actor()));
        RunSummaryPayload run = item.run();
        if (run != null) {
            line.append("  ")
                    .append(run.id())
                    .append(" #")
                    .append(run.attempt())
                    .append(' ')
                    .append(wire(run.status()));
        }
        if (withTask) {
            line.append("  ").append(clip(item.task().title(), 50));
        }
        return line.toString();
    }

    /** The tree as it hangs: each task under its parent, siblings in the order of the view. */
    static void tree(PrintWriter out, TreePayload tree) {
        Map<String, List<TreeNodePayload>> children = new LinkedHashMap<>();
        if (tree.descendants() != null) {
            for (TreeNodePayload node : tree.descendants()) {
                children.computeIfAbsent(node.parentTaskId(), k -> new ArrayList<>())
                        .add(node);
            }
        }
        out.println(node(tree.root()));
        branches(out, tree.root().task().id(), "", children);
    }

    private static void branches(
            PrintWriter out, String parentId, String indent, Map<String, List<TreeNodePayload>> children) {
        List<TreeNodePayload> kids = children.getOrDefault(parentId, List.of());
        for (int i = 0; i < kids.size(); i++) {
            boolean last = i == kids.size() - 1;
            TreeNodePayload kid = kids.get(i);
            out.println(indent + (last ? "└── " : "├── ") + node(kid));
            branches(out, kid.task().id(), indent + (last ? "    " : "│   "), children);
        }
    }

    private static String node(TreeNodePayload node) {
        String run = node.activeRun() == null
                ? ""
                : "  [" + wire(node.activeRun().status()) + " "
                        + node.activeRun().id() + "]";
        return node.task().id() + "  " + wire(node.task().status())
                + (Boolean.TRUE.equals(node.paused()) ? " [paused]" : "") + "  "
                + clip(node.task().title(), 60) + run;
    }

    static void triage(PrintWriter out, TriagePayload t) {
        out.println(t.taskId() + "  for " + actor(t.actor()) + ":  " + (t.read() ? "read" : "unread")
                + (t.dismissed() ? ", dismissed" : "") + (t.archived() ? ", archived" : ""));
        if (t.lastSeenActivityAt() != null) {
            out.println("  seen activity up to " + t.lastSeenActivityAt());
        }
    }

    private static String actor(Actor actor) {
        return actor == null ? "-" : wire(actor.kind()) + ":" + actor.ref();
    }
}
