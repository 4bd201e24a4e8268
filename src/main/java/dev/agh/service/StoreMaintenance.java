package dev.agh.service;

import dev.agh.api.Requests.BackupStore;
import dev.agh.api.Requests.PruneStore;
import dev.agh.api.StoreResponses.BackupPayload;
import dev.agh.api.StoreResponses.PrunePayload;
import dev.agh.api.StoreResponses.StoreCheckPayload;
import dev.agh.domain.AghException;
import dev.agh.store.RetentionTable.ClosedRoot;
import dev.agh.store.StoreFacts;
import dev.agh.store.TaskStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** {@code /api/store}: check, prune and backup, run by the process that owns the store. */
final class StoreMaintenance {
    /** The shortest pause between two prune writes: other writes get the writer in between. */
    private static final long MIN_PAUSE_NANOS = 5_000_000;

    private static final long MAX_AGE_SECONDS = 100L * 366 * 86_400;
    private static final int MAX_TASKS_PER_REQUEST = 10_000_000;

    private StoreMaintenance() {}

    static StoreCheckPayload check(TaskStore store) {
        StoreFacts f = store.check();
        Long live = f.fileBytes() == null || f.fillPercent() == null ? null : f.fileBytes() * f.fillPercent() / 100;
        return new StoreCheckPayload(
                f.engine(),
                f.fileBytes(),
                live,
                f.fillPercent(),
                f.tasks(),
                f.runs(),
                f.events(),
                f.problems().isEmpty(),
                f.problems());
    }

    /**
     * Prunes in steps of about {@link Retention#BATCH} tasks until nothing is left, or until at least {@code
     * max_tasks} are gone: each step plans in a read transaction and deletes in one short write, then waits at
     * least as long as that write took, so a prune never holds the writer more than about half the time, whatever
     * else is waiting for it. Dashboard maxima left stale by the deletions are recounted before it answers.
     */
    static PrunePayload prune(TaskStore store, Caller caller, PruneStore request, Instant now) {
        Long seconds = request == null ? null : request.olderThanSeconds();
        if (seconds == null) {
            throw AghException.invalid("prune.older_than_seconds is required");
        }
        if (seconds < 0 || seconds > MAX_AGE_SECONDS) {
            throw AghException.invalid(
                    "prune.older_than_seconds must be between 0 and " + MAX_AGE_SECONDS + ", got " + seconds);
        }
        boolean dry = Boolean.TRUE.equals(request.dryRun());
        Integer max = request.maxTasks();
        if (max != null && (max < 1 || max > MAX_TASKS_PER_REQUEST)) {
            throw AghException.invalid(
                    "prune.max_tasks must be between 1 and " + MAX_TASKS_PER_REQUEST + ", got " + max);
        }
        Instant cutoff = now.minus(Duration.ofSeconds(seconds));
        long tasks = 0;
        long runs = 0;
        long events = 0;
        ClosedRoot cursor = null;
        while (true) {
            ClosedRoot from = cursor;
            Retention.Plan plan = store.read(tx -> Retention.plan(tx, cutoff, from, Retention.BATCH));
            if (dry || plan.roots().isEmpty()) {
                tasks += dry ? plan.tasks() : 0;
                runs += dry ? plan.runs() : 0;
                events += dry ? plan.events() : 0;
                cursor = plan.next();
            } else {
                long started = System.nanoTime();
                Retention.Deleted step = store.write(
                        tx -> Retention.delete(new Mutation(tx, caller, "store.prune", now), cutoff, plan, from));
                tasks += step.tasks();
                runs += step.runs();
                events += step.events();
                cursor = step.resumeAfter();
                pause(Math.max(MIN_PAUSE_NANOS, System.nanoTime() - started));
            }
            boolean done = plan.done() && Objects.equals(cursor, plan.next());
            if (done || (!dry && max != null && tasks >= max)) {
                if (!dry) {
                    store.write(tx -> tx.retention().recountStaleMaxima());
                }
                return new PrunePayload(dry, cutoff, tasks, runs, events, done);
            }
        }
    }

    static BackupPayload backup(TaskStore store, BackupStore request) {
        String text = request == null ? null : Inputs.trimToNull(request.path());
        if (text == null) {
            throw AghException.invalid("backup.path is required");
        }
        Path path;
        try {
            path = Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            throw AghException.invalid("backup.path is not a path: " + e.getMessage());
        }
        if (!path.isAbsolute()) {
            throw AghException.invalid("backup.path must be absolute (the server's working folder is not yours)");
        }
        return new BackupPayload(path.toString(), store.backup(path));
    }

    private static void pause(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AghException(dev.agh.domain.ErrorCode.SERVER_STOPPING, "the prune was interrupted; run it again");
        }
    }
}
