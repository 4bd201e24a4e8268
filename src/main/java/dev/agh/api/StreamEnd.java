package dev.agh.api;

/**
 * Why a task stream ended.
 *
 * @param failure what went wrong, for {@link Reason#FAILED}; null otherwise
 */
public record StreamEnd(Reason reason, Exception failure) {
    /** The reasons a stream ends. */
    public enum Reason {
        /** Closed by its owner, or the service shut down. */
        CLOSED,
        /** It fell more than 1024 events behind and was dropped; resume after the last event seen. */
        SLOW_CONSUMER,
        /** The sink, the store or the connection failed. */
        FAILED
    }

    public static final StreamEnd CLOSED = new StreamEnd(Reason.CLOSED, null);
}
