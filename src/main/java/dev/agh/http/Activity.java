package dev.agh.http;

/**
 * What the server is doing, for an exit after an idle time: the requests in flight (an open event stream
 * and a parked claim count until they end) and when the last one ended. Once {@link #closeIfIdle} said
 * yes, every new request is refused with 503 {@code SERVER_STOPPING}: between the decision and the end of
 * the process nothing new may start, or it would be cut off.
 */
public final class Activity {
    private int inFlight;
    private long lastEndNanos = System.nanoTime();
    private boolean closing;

    /** Counts a request in; false when the server is closing and the request must be refused. */
    synchronized boolean enter() {
        if (closing) {
            return false;
        }
        inFlight++;
        return true;
    }

    synchronized void exit() {
        inFlight--;
        lastEndNanos = System.nanoTime();
    }

    /** Whether a request in flight or an end within {@code idleNanos} keeps the server up; if not, it starts closing. */
    public synchronized boolean closeIfIdle(long idleNanos) {
        if (!closing && inFlight == 0 && System.nanoTime() - lastEndNanos >= idleNanos) {
            closing = true;
        }
        return closing;
    }

    /** Refuses new requests from now on (the server is stopping for another reason). */
    public synchronized void close() {
        closing = true;
    }

    synchronized int inFlight() {
        return inFlight;
    }
}
