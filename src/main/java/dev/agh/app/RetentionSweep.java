package dev.agh.app;

import dev.agh.api.Requests.PruneStore;
import dev.agh.api.StoreResponses.PrunePayload;
import dev.agh.domain.Actor;
import dev.agh.domain.ActorKind;
import dev.agh.domain.OriginKind;
import dev.agh.service.Caller;
import dev.agh.service.LocalTaskService;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code agh serve --retain AGE}: prunes finished task trees older than AGE once a minute, in the small batches of
 * {@code agh store prune}, so a store that runs for months keeps only the history it was asked to keep.
 */
final class RetentionSweep implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweep.class);
    static final Caller RETENTION = new Caller(new Actor(ActorKind.DAEMON, "retention"), OriginKind.DAEMON, null);
    private final ScheduledExecutorService executor;

    private RetentionSweep(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    static RetentionSweep every(LocalTaskService service, Duration age, Duration period) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "agh-retention");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        PrunePayload pruned = service.pruneStore(RETENTION, new PruneStore(age.toSeconds(), null))
                                .prune();
                        if (pruned.tasks() > 0) {
                            LOG.info(
                                    "retention removed {} tasks, {} runs and {} events finished before {}",
                                    pruned.tasks(),
                                    pruned.runs(),
                                    pruned.events(),
                                    pruned.cutoff());
                        }
                    } catch (RuntimeException e) {
                        // Keep going: a full disk or a restart of the database must not end retention for good.
                        LOG.warn("retention failed: {}", e.getMessage());
                    }
                },
                Math.min(period.toMillis(), 5_000),
                period.toMillis(),
                TimeUnit.MILLISECONDS);
        return new RetentionSweep(executor);
    }

    /** Lets a batch in progress finish (see {@link LeaseSweep#close}). */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("retention did not finish within 10 s of shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
