package dev.agh.cli.run;

import static dev.agh.cli.Text.or;
import static dev.agh.cli.Text.wire;

import dev.agh.api.LeasePayload;
import dev.agh.api.RunPayload;
import dev.agh.cli.Text;
import dev.agh.domain.RunStatus;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/** Human output of runs and leases. */
public final class RunText {
    private RunText() {}

    public static void run(PrintWriter out, RunPayload r) {
        out.println(r.id() + "  attempt " + r.attempt() + "  " + wire(r.status()) + "  (task " + r.taskId() + ")");
        String due = Text.due(r.notBefore(), Instant.now());
        if (due != null && r.status() == RunStatus.QUEUED) {
            out.println("  waits       " + due);
        }
        if (r.claimedBy() != null) {
            out.println("  claimed by  " + wire(r.claimedBy().kind()) + ":"
                    + r.claimedBy().ref() + " at " + r.claimedAt());
        }
        if (r.sessionId() != null) {
            out.println("  session     " + r.sessionId());
        }
        if (r.leaseUntil() != null) {
            out.println("  lease until " + r.leaseUntil());
        }
        if (r.error() != null) {
            out.println("  error       " + r.error());
        }
        if (r.result() != null) {
            out.println("  result      " + r.result());
        }
    }

    public static void lease(PrintWriter out, LeasePayload l) {
        out.println(l.runId() + "  " + wire(l.status()) + "  (task " + l.taskId() + ")"
                + (l.leaseUntil() == null ? "" : "  lease until " + l.leaseUntil()));
    }

    public static void table(PrintWriter out, List<RunPayload> runs) {
        if (runs.isEmpty()) {
            out.println("no runs");
            return;
        }
        out.printf("%-22s %-7s %-10s %-28s %s%n", "RUN", "ATTEMPT", "STATUS", "QUEUED", "ERROR");
        Instant now = Instant.now();
        for (RunPayload r : runs) {
            out.printf(
                    "%-22s %-7d %-10s %-28s %s%n",
                    r.id(), r.attempt(), wire(r.status()), r.queuedAt(), or(r.error(), or(queuedDue(r, now), "")));
        }
    }

    /** Runs of many tasks: which task and which session each belongs to. */
    public static void tableWithTasks(PrintWriter out, List<RunPayload> runs) {
        if (runs.isEmpty()) {
            out.println("no runs");
            return;
        }
        out.printf("%-22s %-23s %-10s %-7s %-22s %s%n", "RUN", "TASK", "STATUS", "ATTEMPT", "SESSION", "QUEUED");
        Instant now = Instant.now();
        for (RunPayload r : runs) {
            String due = queuedDue(r, now);
            out.printf(
                    "%-22s %-23s %-10s %-7d %-22s %s%n",
                    r.id(),
                    r.taskId(),
                    wire(r.status()),
                    r.attempt(),
                    or(r.sessionId(), "-"),
                    r.queuedAt() + (due == null ? "" : "  " + due));
        }
    }

    /** The wait of a queued run that is delayed, else null. */
    public static String queuedDue(RunPayload r, Instant now) {
        return r.status() == RunStatus.QUEUED ? Text.due(r.notBefore(), now) : null;
    }
}
