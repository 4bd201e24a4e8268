package dev.agh.worker;

import java.time.Duration;
import java.util.List;
import java.util.Set;

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
 * @param noRetryExitCodes exit statuses that mean trying again cannot help: the run is failed as not retryable,
 *     so the task's retry policy does not queue another attempt (126 and 127, "cannot execute" and "not found",
 *     always are)
 */
public record WorkerOptions(
        List<String> command,
        String workspace,
        Integer priorityMin,
        long leaseSeconds,
        Duration waitTimeout,
        int maxRuns,
        boolean exitWhenIdle,
        Set<Integer> noRetryExitCodes) {

    public WorkerOptions(
            List<String> command,
            String workspace,
            Integer priorityMin,
            long leaseSeconds,
            Duration waitTimeout,
            int maxRuns,
            boolean exitWhenIdle) {
        this(command, workspace, priorityMin, leaseSeconds, waitTimeout, maxRuns, exitWhenIdle, Set.of());
    }

    public WorkerOptions {
        noRetryExitCodes = noRetryExitCodes == null ? Set.of() : Set.copyOf(noRetryExitCodes);
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("a worker needs a command to run");
        }
        command = List.copyOf(command);
        if (leaseSeconds < 3) {
            throw new IllegalArgumentException("the lease must be at least 3 seconds, to be renewed in time");
        }
    }

    /** Whether a command that exited with {@code code} failed in a way a retry may fix. */
    public boolean retryable(int code) {
        return code != 126 && code != 127 && !noRetryExitCodes.contains(code);
    }

    /** Heartbeats at a third of the lease: two may be lost before it lapses. */
    public Duration heartbeatEvery() {
        return Duration.ofMillis(leaseSeconds * 1000 / 3);
    }
}
