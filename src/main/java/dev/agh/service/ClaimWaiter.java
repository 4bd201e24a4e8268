package dev.agh.service;

import dev.agh.api.ClaimPayload;
import dev.agh.api.Requests.ClaimNext;
import dev.agh.domain.AghException;
import dev.agh.store.TaskStore;
import java.time.Instant;
import java.util.Optional;
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
        // A read first: waking waiters must not each take the write lock just to find nothing.
        Leases.ClaimCriteria criteria = store.read(tx -> Leases.criteria(tx, caller, request)
            .onlyIf(c -> Leases.candidate(tx, c).isPresent() || !tx.runs().expiredLeases(clock.get(), 1).isEmpty()
                || Leases.holdsLiveLease(tx, c.session().sessionId(), clock.get())));
        if (criteria.worthTrying()) {
          Optional<ClaimPayload> claim = store.write(tx ->
              Leases.claim(new Mutation(tx, caller, "agent.task.next", clock.get()), criteria));
          if (claim.isPresent() || !wait) {
            return claim;
          }
        } else if (!wait) {
          // The read saw no candidate, no lapsed lease to sweep and no lease held by this session: the
          // write would find exactly that and answer "no work", so the read answers it without taking
          // the write lock (an agent polling an empty queue no longer costs a commit slot).
          return Optional.empty();
        }
        if (!signal.await(seen, deadline)) {
          return Optional.empty();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      if (registration != null) {
        try {
          registration.close();
        } catch (Exception ignored) {
          // Unregistering a waiter cannot fail.
        }
      }
    }
  }

  private static int waitSeconds(ClaimNext request) {
    Integer requested = request == null ? null : request.waitTimeoutSeconds();
    if (requested == null) {
      return DEFAULT_WAIT_SECONDS;
    }
    if (requested < 0 || requested > MAX_WAIT_SECONDS) {
      throw AghException.invalid("wait_timeout_seconds must be between 0 and " + MAX_WAIT_SECONDS + ", got " + requested);
    }
    return requested;
  }
}
