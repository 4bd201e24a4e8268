package dev.agh.service;

import dev.agh.api.StreamEventPayload;
import dev.agh.observe.EventFeed;
import dev.agh.observe.FeedListener;
import dev.agh.observe.Subscription;

/** A task stream on this process's {@link EventFeed}: the feed's calls passed on to a {@link StreamSink}. */
final class FeedStream implements TaskStream, FeedListener {
    private final StreamSink sink;
    private volatile Subscription subscription;

    private FeedStream(StreamSink sink) {
        this.sink = sink;
    }

    static FeedStream open(EventFeed feed, String taskId, long afterSequence, StreamSink sink) {
        FeedStream stream = new FeedStream(sink);
        stream.subscription = feed.subscribe(taskId, afterSequence, stream);
        return stream;
    }

    @Override
    public void event(StreamEventPayload event, String json) throws Exception {
        sink.event(event, json);
    }

    @Override
    public void keepalive() {
        subscription.keepalive();
    }

    /** The feed asks for a keepalive on the delivery thread (a {@link FeedListener} call). */
    @Override
    public void idle() throws Exception {
        sink.keepalive();
    }

    @Override
    public void ending(FeedEnd end) {
        sink.ending(
                switch (end) {
                    case CLOSED -> StreamEnd.Reason.CLOSED;
                    case SLOW_CONSUMER -> StreamEnd.Reason.SLOW_CONSUMER;
                    case FAILED -> StreamEnd.Reason.FAILED;
                });
    }

    @Override
    public void ended(FeedEnd end, Exception failure) {
        sink.ended(
                switch (end) {
                    case CLOSED -> StreamEnd.CLOSED;
                    case SLOW_CONSUMER -> new StreamEnd(StreamEnd.Reason.SLOW_CONSUMER, null);
                    case FAILED -> new StreamEnd(StreamEnd.Reason.FAILED, failure);
                });
    }

    @Override
    public void close() {
        subscription.close();
    }
}
