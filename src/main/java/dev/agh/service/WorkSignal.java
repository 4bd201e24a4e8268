package dev.agh.service;

/**
 * Wakes claimers waiting for work. Bumped by every commit that wrote events in this process, and
 * by {@link ChangePoller} for commits of other processes, so a waiting {@code claim-next} reacts to
 * an enqueue within milliseconds instead of polling on a fixed period.
 */
final class WorkSignal {
  private long version;

  synchronized long version() {
    return version;
  }

  synchronized void signal() {
    version++;
    notifyAll();
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
