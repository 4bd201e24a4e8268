package dev.agh.service;

import dev.agh.api.ClaimPayload;
import dev.agh.api.Requests.ClaimNext;
import dev.agh.domain.AghException;
import dev.agh.store.TaskStore;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * claim-next, with or without {@code wait}: look (a read), claim (a write) when there is something
 * to take, and otherwise sleep until a commit signals new work or the wait times out.
 */
final class ClaimWaiter {
    /** How long {@code wait: true} holds a claim-next by default, and at most (seconds). */
    static final int DEFAULT_WAIT_SECONDS = 30;

    static final int MAX_WAIT_SECONDS = 300;

    private final TaskStore store;
    private final WorkSignal signal;
    private final ChangePoller poller;
    private final Supplier<Instant> clock;

    ClaimWaiter(TaskStore store, WorkSignal signal, ChangePoller poller, Supplier<Instant> clock) {
        this.store = store;
        this.signal = signal;
        this.poller = poller;
        this.clock = clock;
    }

    Optional<ClaimPayload> claim(Caller caller, ClaimNext request) {
        boolean wait = request != null && Boolean.TRUE.equals(request.waitForWork());
        long deadline = System.nanoTime() + waitSeconds(request) * 1_000_000_000L;
        AutoCloseable registration = wait ? poller.waiting() : null;
        try {
            while (true) {
                long seen = signal.version();
                Optional<ClaimPayload> claim = attempt(caller, request);
                if (claim.isPresent() || !wait) {
                    return claim;
                }
                if (!signal.await(seen, wakeAt(deadline)) && System.nanoTime() - deadline >= 0) {
                    return claim;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            unregister(registration);
        }
    }

    /**
     * claim-next with {@code wait: true} that holds no thread while it waits: each attempt runs on {@code executor},
     * and between attempts the request is parked on {@link WorkSignal#next}. For a server with many waiting agents.
     */
    CompletableFuture<Optional<ClaimPayload>> claimParked(Caller caller, ClaimNext request, Executor executor) {
        long deadline = System.nanoTime() + waitSeconds(request) * 1_000_000_000L;
        AutoCloseable registration = poller.waiting();
        CompletableFuture<Optional<ClaimPayload>> result = new CompletableFuture<>();
        result.whenComplete((r, e) -> unregister(registration));
        executor.execute(() -> attemptParked(caller, request, deadline, executor, result));
        return result;
    }

    private void attemptParked(
            Caller caller,
            ClaimNext request,
            long deadline,
            Executor executor,
            CompletableFuture<Optional<ClaimPayload>> result) {
        try {
            long seen = signal.version();
            Optional<ClaimPayload> claim = attempt(caller, request);
            if (claim.isPresent() || System.nanoTime() >= deadline) {
                result.complete(claim);
                return;
            }
            signal.next(seen, wakeAt(deadline)).whenComplete((moved, error) -> {
                if (Boolean.TRUE.equals(moved) || System.nanoTime() - deadline < 0) {
                    executor.execute(() -> attemptParked(caller, request, deadline, executor, result));
                } else {
                    result.complete(Optional.empty());
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    /**
     * When a waiting claim looks again without a signal: at its deadline, or earlier when a delayed run (a
     * scheduled retry, a delayed start) comes due first. A commit signals; the clock passing a run's not_before
     * does not, so the waiter sets its own alarm.
     */
    private long wakeAt(long deadlineNanos) {
        Instant now = clock.get();
        Optional<Instant> due = store.read(tx -> tx.runs().nextDue(now));
        if (due.isEmpty()) {
            return deadlineNanos;
        }
        // A millisecond late rather than early: at the due time itself the run is claimable.
        long untilDue = java.time.Duration.between(now, due.get()).toNanos() + 1_000_000;
        long dueNanos = System.nanoTime() + untilDue;
        return dueNanos - deadlineNanos < 0 ? dueNanos : deadlineNanos;
    }

    /** One look, and a claim when there is something to take. */
    private Optional<ClaimPayload> attempt(Caller caller, ClaimNext request) {
        // A read first: waking waiters must not each take the write lock just to find nothing.
        Leases.ClaimCriteria criteria = store.read(tx -> Leases.criteria(tx, caller, request)
                .onlyIf(c -> Leases.candidate(tx, c, clock.get()).isPresent()
                        || !tx.runs().expiredLeases(clock.get(), 1).isEmpty()
                        || Leases.holdsLiveLease(tx, c.session().sessionId(), clock.get())));
        if (!criteria.worthTrying()) {
            // The read saw no candidate, no lapsed lease to sweep and no lease held by this session: the
            // write would find exactly that and answer "no work", so the read answers it without taking
            // the write lock (an agent polling an empty queue no longer costs a commit slot).
            return Optional.empty();
        }
        return store.write(tx -> Leases.claim(new Mutation(tx, caller, "agent.task.next", clock.get()), criteria));
    }

    private static void unregister(AutoCloseable registration) {
        if (registration != null) {
            try {
                registration.close();
            } catch (Exception ignored) {
                // Unregistering a waiter cannot fail.
            }
        }
    }

    private static int waitSeconds(ClaimNext request) {
        Integer requested = request == null ? null : request.waitTimeoutSeconds();
        if (requested == null) {
            return DEFAULT_WAIT_SECONDS;
        }
        if (requested < 0 || requested > MAX_WAIT_SECONDS) {
            throw AghException.invalid(
                    "wait_timeout_seconds must be between 0 and " + MAX_WAIT_SECONDS + ", got " + requested);
        }
        return requested;
    }
}
