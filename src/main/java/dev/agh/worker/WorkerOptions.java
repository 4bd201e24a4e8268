package dev.agh.worker;

import java.time.Duration;
import java.util.List;

/**
 * How a worker claims and runs.
 *
 * @param command the program and its arguments, run once per claimed run
 * @param workspace claim only runs of this workspace (null: any the session may take)
 * @param priorityMin lowest priority rank to take (null: any)
 * @param leaseSeconds lease asked for at claim and at each heartbeat
 * @param waitTimeout how long one claim waits for work before asking again
 * @param maxRuns stop after this many runs (0: never)
 * @param exitWhenIdle stop when a wait ends without work
 */
public record WorkerOptions(List<String> command, String workspace, Integer priorityMin, long leaseSeconds,
    Duration waitTimeout, int maxRuns, boolean exitWhenIdle) {

  public WorkerOptions {
    if (command == null || command.isEmpty()) {
      throw new IllegalArgumentException("a worker needs a command to run");
    }
    command = List.copyOf(command);
    if (leaseSeconds < 3) {
      throw new IllegalArgumentException("the lease must be at least 3 seconds, to be renewed in time");
    }
  }

  /** Heartbeats at a third of the lease: two may be lost before it lapses. */
  public Duration heartbeatEvery() {
    return Duration.ofMillis(leaseSeconds * 1000 / 3);
  }
}
