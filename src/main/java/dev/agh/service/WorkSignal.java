package dev.agh.service;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Wakes claimers waiting for work. Bumped by every commit that wrote events in this process, and
 * by {@link ChangePoller} for commits of other processes, so a waiting {@code claim-next} reacts to
 * an enqueue within milliseconds instead of polling on a fixed period.
 */
final class WorkSignal {
    /** Ends the parked waits of {@link #next} at their deadline; one daemon thread for all of them. */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "agh-claim-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    private long version;
    private final Set<CompletableFuture<Boolean>> parked = new HashSet<>();

    synchronized long version() {
        return version;
    }

    void signal() {
        List<CompletableFuture<Boolean>> woken;
        synchronized (this) {
            version++;
            notifyAll();
            woken = List.copyOf(parked);
            parked.clear();
        }
        woken.forEach(f -> f.complete(true));
    }

    /**
     * Like {@link #await} without holding a thread: completes with true once the version moves past {@code seen},
     * or with false at the deadline. A thousand waiting claims are a thousand small objects, not a thousand threads.
     */
    CompletableFuture<Boolean> next(long seen, long deadlineNanos) {
        CompletableFuture<Boolean> moved = new CompletableFuture<>();
        synchronized (this) {
            if (version != seen) {
                return CompletableFuture.completedFuture(true);
            }
            parked.add(moved);
        }
        long delay = Math.max(0, deadlineNanos - System.nanoTime());
        ScheduledFuture<?> timeout = DEADLINES.schedule(
                () -> {
                    synchronized (this) {
                        parked.remove(moved);
                    }
                    moved.complete(false);
                },
                delay,
                TimeUnit.NANOSECONDS);
        moved.whenComplete((r, e) -> timeout.cancel(false));
        return moved;
    }

    /** Waits until the version moves past {@code seen} or the deadline passes; true if it moved. */
    synchronized boolean await(long seen, long deadlineNanos) throws InterruptedException {
        while (version == seen) {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            long millis = remaining / 1_000_000;
            wait(millis, (int) (remaining % 1_000_000));
        }
        return true;
    }
}
