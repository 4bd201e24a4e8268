package dev.agh.service;

import dev.agh.api.Requests.BackupStore;
import dev.agh.api.Requests.PruneStore;
import dev.agh.api.StoreResponses.BackupPayload;
import dev.agh.api.StoreResponses.PrunePayload;
import dev.agh.api.StoreResponses.StoreCheckPayload;
import dev.agh.domain.AghException;
import dev.agh.store.StoreFacts;
import dev.agh.store.TaskStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** {@code /api/store}: check, prune and backup, run by the process that owns the store. */
final class StoreMaintenance {
    /** The pause between two prune batches: other writes get the writer in between. */
    private static final long BATCH_PAUSE_MILLIS = 5;

    private static final long MAX_AGE_SECONDS = 100L * 366 * 86_400;

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

    /** Prunes in batches of {@link Retention#BATCH} tasks, one short transaction each, until nothing is left. */
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
        Instant cutoff = now.minus(Duration.ofSeconds(seconds));
        long tasks = 0;
        long runs = 0;
        long events = 0;
        String cursor = "";
        while (true) {
            String from = cursor;
            Retention.Step step = dry
                    ? store.read(tx -> Retention.step(new Mutation(tx, caller, "store.prune", now), cutoff, from, true))
                    : store.write(
                            tx -> Retention.step(new Mutation(tx, caller, "store.prune", now), cutoff, from, false));
            tasks += step.tasks();
            runs += step.runs();
            events += step.events();
            cursor = step.cursor();
            if (step.done()) {
                return new PrunePayload(dry, cutoff, tasks, runs, events);
            }
            if (!dry) {
                pause();
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

    private static void pause() {
        try {
            Thread.sleep(BATCH_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AghException(dev.agh.domain.ErrorCode.SERVER_STOPPING, "the prune was interrupted; run it again");
        }
    }
}
