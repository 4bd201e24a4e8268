package dev.agh.cli;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closes an embedded store when the JVM is stopped (Ctrl-C, SIGTERM) in the middle of a command: the store's
 * writer finishes or abandons its commit and the pool is closed in order. On a normal end the hook is removed and
 * the store closed here.
 */
final class CloseOnExit implements AutoCloseable {
    private final AutoCloseable resource;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread hook;

    CloseOnExit(AutoCloseable resource) {
        this.resource = resource;
        this.hook = new Thread(this::closeOnce, "agh-close-store");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it closes the store.
        }
        closeOnce();
    }

    private void closeOnce() {
        if (closed.compareAndSet(false, true)) {
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the store failed", e);
            }
        }
    }
}
