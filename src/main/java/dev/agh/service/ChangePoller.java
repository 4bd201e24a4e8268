package dev.agh.service;

import dev.agh.store.TaskStore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Notices commits made by other processes (another CLI on the same H2 file, another server node on
 * the same PostgreSQL database) by reading the event counter every few milliseconds, but only while
 * somebody waits for work and the store does not tell of them itself (PostgreSQL's LISTEN/NOTIFY);
 * in-process commits wake waiters directly and never wait for this.
 */
final class ChangePoller {
    private static final long PERIOD_MILLIS = 10;
    private final TaskStore store;
    private final WorkSignal signal;
    private final AtomicInteger waiters = new AtomicInteger();
    private Thread thread;

    ChangePoller(TaskStore store, WorkSignal signal) {
        this.store = store;
        this.signal = signal;
    }

    /** Registers a waiter; the returned handle unregisters it. */
    synchronized AutoCloseable waiting() {
        waiters.incrementAndGet();
        if (thread == null) {
            thread = new Thread(this::run, "agh-change-poller");
            thread.setDaemon(true);
            thread.start();
        }
        notifyAll();
        return waiters::decrementAndGet;
    }

    private void run() {
        long seen = -1;
        while (true) {
            try {
                synchronized (this) {
                    while (waiters.get() == 0) {
                        wait();
                    }
                }
                if (store.toldOfOtherCommits()) {
                    seen = -1; // the store tells of other commits itself; read again from scratch if it stops
                } else {
                    long latest = store.latestEventSequence();
                    if (seen >= 0 && latest != seen) {
                        signal.signal();
                    }
                    seen = latest;
                }
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException storeClosedOrDown) {
                return;
            }
        }
    }
}
