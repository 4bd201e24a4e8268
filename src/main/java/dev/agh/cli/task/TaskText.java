package dev.agh.cli.task;

import static dev.agh.cli.Text.clip;
import static dev.agh.cli.Text.or;
import static dev.agh.cli.Text.wire;

import dev.agh.api.DependencyPayload;
import dev.agh.api.RetryPolicyPayload;
import dev.agh.api.RunPayload;
import dev.agh.api.TaskDetailPayload;
import dev.agh.api.TaskPayload;
import dev.agh.api.TaskSummaryPayload;
import dev.agh.cli.run.RunText;
import dev.agh.domain.Owner;
import dev.agh.domain.RetryStrategy;
import dev.agh.tui.Durations;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/** Human output of tasks: a key/value block for one, a table for many. */
final class TaskText {
    private TaskText() {}

    static void task(PrintWriter out, TaskPayload t) {
        out.println(t.id() + "  " + t.title());
        row(out, "status", wire(t.status()));
        row(out, "priority", wire(t.priority()));
        row(out, "scope", wire(t.scope()) + (t.workspaceId() == null ? "" : " (" + t.workspaceId() + ")"));
        if (t.identifier() != null) {
            row(out, "identifier", t.identifier());
        }
        if (t.parentTaskId() != null) {
            row(out, "parent", t.parentTaskId());
        }
        row(out, "approval", wire(t.approvalPolicy()) + " / " + wire(t.approvalState()));
        row(out, "owner", owner(t.owner()));
        row(out, "attempts", "max " + t.maxAttempts());
        row(out, "retry", retry(t.retryPolicy()));
        if (t.pausedAt() != null) {
            row(out, "paused", "since " + t.pausedAt() + " (agh task resume " + t.id() + ")");
        }
        if (t.networkChannel() != null) {
            row(out, "channel", t.networkChannel());
        }
        row(
                out,
                "created",
                t.createdAt() + " by " + wire(t.createdBy().kind()) + ":"
                        + t.createdBy().ref());
        row(out, "updated", or(t.updatedAt(), "-"));
        if (t.description() != null) {
            row(out, "description", t.description());
        }
        if (t.metadata() != null) {
            row(out, "metadata", t.metadata().toString());
        }
    }

    static void detail(PrintWriter out, TaskDetailPayload d) {
        task(out, d.task());
        List<TaskSummaryPayload> children = d.children() == null ? List.of() : d.children();
        if (!children.isEmpty()) {
            out.println("children");
            children.forEach(c -> out.println("  " + c.id() + "  " + pad(wire(c.status()), 11) + " " + c.title()));
        }
        List<DependencyPayload> deps = d.dependencyReferences() == null ? List.of() : d.dependencyReferences();
        if (!deps.isEmpty()) {
            out.println("depends on");
            deps.forEach(dep -> out.println("  " + dep.dependsOnTaskId() + "  "
                    + (dep.dependsOn() == null
                            ? ""
                            : pad(wire(dep.dependsOn().status()), 11) + " "
                                    + dep.dependsOn().title())));
        }
        List<RunPayload> runs = d.runs() == null ? List.of() : d.runs();
        if (!runs.isEmpty()) {
            out.println("runs");
            Instant now = Instant.now();
            runs.forEach(r -> out.println("  " + r.id() + "  #" + r.attempt() + "  " + pad(wire(r.status()), 10) + " "
                    + or(r.error(), or(RunText.queuedDue(r, now), ""))));
        }
    }

    static void table(PrintWriter out, List<TaskSummaryPayload> tasks) {
        if (tasks.isEmpty()) {
            out.println("no tasks");
            return;
        }
        Instant now = Instant.now();
        out.println(pad("ID", 22) + " " + pad("STATUS", 11) + " " + pad("PRIORITY", 8) + " " + pad("OWNER", 18) + " "
                + pad("ACTIVE", 8) + " TITLE");
        for (TaskSummaryPayload t : tasks) {
            out.println(pad(t.id(), 22) + " " + pad(wire(t.status()), 11) + " " + pad(wire(t.priority()), 8) + " "
                    + pad(clip(owner(t.owner()), 18), 18) + " " + pad(Durations.elapsed(t.lastActivityAt(), now), 8)
                    + " "
                    + (Boolean.TRUE.equals(t.paused()) ? "[paused] " : "") + clip(t.title(), 60));
        }
    }

    /** The task's own retry policy in a few words, or where its policy comes from. */
    static String retry(RetryPolicyPayload p) {
        if (p == null) {
            return "server default";
        }
        if (p.strategy() == RetryStrategy.NONE) {
            return "none";
        }
        return wire(p.strategy()) + ", " + p.baseDelaySeconds() + "s"
                + (p.strategy() == RetryStrategy.EXPONENTIAL ? " doubling up to " + p.maxDelaySeconds() + "s" : "")
                + (p.jitter() != null && p.jitter() > 0 ? ", jitter " + p.jitter() : "");
    }

    private static String owner(Owner owner) {
        return owner == null ? "-" : owner.kind().wire() + ":" + owner.ref();
    }

    private static void row(PrintWriter out, String key, String value) {
        out.println("  " + pad(key, 12) + value);
    }

    private static String pad(String value, int width) {
        String text = value == null ? "" : value;
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
