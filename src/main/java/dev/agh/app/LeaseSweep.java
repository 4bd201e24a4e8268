package dev.agh.app;

import dev.agh.service.LocalTaskService;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server's background sweep of lapsed leases: recovery after a worker dies takes at most lease + 1 s. */
final class LeaseSweep implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseSweep.class);
    private final ScheduledExecutorService executor;

    private LeaseSweep(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    static LeaseSweep every(LocalTaskService service, Duration period) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "agh-lease-sweep");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        int recovered = service.sweepExpiredLeases();
                        if (recovered > 0) {
                            LOG.info("recovered {} runs whose lease expired", recovered);
                        }
                    } catch (RuntimeException e) {
                        // Keep sweeping: a database hiccup must not end lease recovery for good.
                        LOG.warn("lease sweep failed: {}", e.getMessage());
                    }
                },
                period.toMillis(),
                period.toMillis(),
                TimeUnit.MILLISECONDS);
        return new LeaseSweep(executor);
    }

    /**
     * Lets a sweep in progress finish rather than interrupting it: an interrupt that lands while the
     * embedded store reads or writes its file can break that store for the other threads still using it.
     */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("the lease sweep did not finish within 10 s of shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
