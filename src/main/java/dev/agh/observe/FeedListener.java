package dev.agh.observe;

import dev.agh.api.StreamEventPayload;

/**
 * Receives one subscription's stream, always on one thread at a time and in sequence order. A
 * method that throws ends the subscription (the consumer is gone).
 */
public interface FeedListener {
    /** One event; {@code json} is the event serialized once for every subscriber. */
    void event(StreamEventPayload event, String json) throws Exception;

    /** A keepalive was asked for ({@link Subscription#keepalive}) and no event is pending: a transport may send one. */
    void idle() throws Exception;

    /**
     * The subscription is ending, called at once on the thread that ended it, possibly while {@link #event} is
     * blocked writing to a reader that stopped reading: a transport may abort that write here. {@link #ended}
     * still follows on the delivery thread.
     */
    default void ending(FeedEnd end) {}

    /** The subscription ended; called once, after the last event. */
    void ended(FeedEnd end, Exception failure);

    /** Why a subscription ended. */
    enum FeedEnd {
        /** Closed by its owner, or the feed shut down. */
        CLOSED,
        /** It fell more than {@link EventFeed#MAX_BEHIND} events behind; resume after the last event seen. */
        SLOW_CONSUMER,
        /** The listener or the store failed (see the failure). */
        FAILED
    }
}
