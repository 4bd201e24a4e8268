package dev.agh.api;

/** An open task stream ({@code TaskService.stream}). */
public interface TaskStream extends AutoCloseable {
    /** Asks for a {@link StreamSink#keepalive} once pending events are delivered (no-op where nothing needs it). */
    void keepalive();

    /** Ends the stream; the sink hears {@link StreamEnd.Reason#CLOSED} unless it already ended. */
    @Override
    void close();
}
