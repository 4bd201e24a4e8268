package dev.agh.observe;

/** A live subscription to the events of a task subtree. */
public interface Subscription extends AutoCloseable {
    /** Asks for a {@link FeedListener#idle} call on the delivery thread once pending events are out. */
    void keepalive();

    /** Ends the subscription; the listener hears {@link FeedListener.FeedEnd#CLOSED} unless it already ended. */
    @Override
    void close();
}
