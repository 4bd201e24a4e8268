package dev.agh.worker;

import dev.agh.api.Requests.Heartbeat;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorKind;
import dev.agh.service.Caller;
import dev.agh.service.TaskService;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Renews the lease of the run being worked on while its command runs. When the service says the lease
 * is gone (the run was canceled, expired or re-claimed), it calls {@code onLost} once, so the command is
 * stopped instead of finishing work nobody will accept. A server that cannot be reached is retried at
 * the next beat: the lease outlives two missed beats.
 */
final class LeaseKeeper implements AutoCloseable {
    private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "agh-worker-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean lost;

    LeaseKeeper(
            TaskService service,
            Caller agent,
            String runId,
            long leaseSeconds,
            Duration every,
            Consumer<String> onLost,
            Consumer<String> log) {
        long millis = every.toMillis();
        beats.scheduleAtFixedRate(
                () -> {
                    if (lost) {
                        return;
                    }
                    try {
                        service.heartbeat(agent, runId, new Heartbeat(leaseSeconds));
                    } catch (AghException e) {
                        if (e.kind() == ErrorKind.UNAVAILABLE || e.kind() == ErrorKind.INTERNAL) {
                            log.accept("heartbeat of " + runId + " failed, retrying: " + e.getMessage());
                            return;
                        }
                        lost = true;
                        onLost.accept(e.getMessage());
                    } catch (RuntimeException e) {
                        log.accept("heartbeat of " + runId + " failed, retrying: " + e);
                    }
                },
                millis,
                millis,
                TimeUnit.MILLISECONDS);
    }

    boolean lost() {
        return lost;
    }

    /**
     * Stops heartbeating, letting a heartbeat in progress finish rather than interrupting it (embedded, an
     * interrupt inside the store's file I/O can break the store the run is then completed on). A
     * heartbeat still running after 2 s (a server that does not answer) is interrupted.
     */
    @Override
    public void close() {
        beats.shutdown();
        try {
            if (!beats.awaitTermination(2, TimeUnit.SECONDS)) {
                beats.shutdownNow();
            }
        } catch (InterruptedException e) {
            beats.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
