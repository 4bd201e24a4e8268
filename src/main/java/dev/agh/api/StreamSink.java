package dev.agh.api;

/**
 * Receives the events of a task stream ({@code TaskService.stream}), one call at a time and in sequence order,
 * from whichever end produces them: this process's event feed, or an SSE connection to a server. A method that
 * throws ends the stream.
 */
public interface StreamSink {
    /** One event; {@code json} is its data line, {@code {"sequence":..,"type":..,"timeline":{..}}}. */
    void event(StreamEventPayload event, String json) throws Exception;

    /** Nothing to send for a while: a transport may write a keepalive. */
    default void keepalive() throws Exception {}

    /**
     * The stream is ending: called at once, on the thread that ended it, possibly while
     * {@link #event} is blocked on a reader that stopped reading. A transport may abort the connection here.
     */
    default void ending(StreamEnd.Reason reason) {}

    /** The stream ended; called once, after the last event. */
    void ended(StreamEnd end);
}
