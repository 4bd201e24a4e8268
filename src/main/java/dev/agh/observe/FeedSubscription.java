package dev.agh.observe;

import dev.agh.api.Json;
import dev.agh.api.StreamEnd;
import dev.agh.api.StreamEventPayload;
import dev.agh.api.StreamSink;
import dev.agh.api.TaskStream;
import dev.agh.api.TimelineItemPayload;
import dev.agh.domain.Event;
import dev.agh.observe.EventFeed.Delivery;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One subscriber of the {@link EventFeed}: its backlog cursor, its bounded queue of live events,
 * and the delivery task that drains both into its sink. At most one delivery task runs at a
 * time, so the sink is never called concurrently; events reach it in sequence order, each once
 * (a sequence at or below the last delivered one is skipped).
 */
final class FeedSubscription implements TaskStream {
    private final EventFeed feed;
    private final String root;
    private final StreamSink sink;
    private final ArrayBlockingQueue<Delivery> queue = new ArrayBlockingQueue<>(EventFeed.MAX_BEHIND);
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean keepaliveWanted;
    /** Sequence the live queue starts after; the backlog up to it comes from the store. -1 until joined. */
    private volatile long replayThrough = -1;

    private volatile StreamEnd.Reason end;
    private volatile Exception failure;
    // Delivery task only:
    private long delivered;
    private boolean replayed;
    private boolean endReported;

    FeedSubscription(EventFeed feed, String root, long afterSequence, StreamSink sink) {
        this.feed = feed;
        this.root = root;
        this.sink = sink;
        this.delivered = afterSequence;
    }

    String root() {
        return root;
    }

    /** The pump took this subscriber on: live events after {@code head} will be queued. */
    void join(long head) {
        replayThrough = head;
        schedule();
    }

    /** A live event for this subscriber (pump thread). */
    void offer(Delivery delivery) {
        if (end != null) {
            return;
        }
        if (queue.offer(delivery)) {
            schedule();
        } else {
            finish(StreamEnd.Reason.SLOW_CONSUMER, null);
        }
    }

    @Override
    public void keepalive() {
        keepaliveWanted = true;
        schedule();
    }

    @Override
    public void close() {
        finish(StreamEnd.Reason.CLOSED, null);
    }

    void fail(Exception cause) {
        finish(StreamEnd.Reason.FAILED, cause);
    }

    private void finish(StreamEnd.Reason reason, Exception cause) {
        synchronized (this) {
            if (end != null) {
                return;
            }
            failure = cause;
            end = reason;
        }
        feed.remove(this);
        queue.clear();
        try {
            sink.ending(reason);
        } catch (RuntimeException ignored) {
            // An abort that failed: the delivery thread ends the subscription either way.
        }
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            feed.deliver(this::drain);
        }
    }

    private void drain() {
        try {
            while (deliverOne()) {
                // keep going while there is work
            }
        } catch (Exception sinkOrStoreFailed) {
            finish(StreamEnd.Reason.FAILED, sinkOrStoreFailed);
            reportEnd();
        } finally {
            scheduled.set(false);
        }
        if (hasWork()) {
            schedule();
        }
    }

    /** Does one step of work; false when there is none left for now. */
    private boolean deliverOne() throws Exception {
        if (end != null) {
            reportEnd();
            return false;
        }
        if (replayThrough < 0) {
            return false;
        }
        if (!replayed) {
            replayPage();
            return true;
        }
        Delivery next = queue.poll();
        if (next != null) {
            if (next.sequence() > delivered) {
                sink.event(next.event(), next.json());
                delivered = next.sequence();
            }
            return true;
        }
        if (keepaliveWanted) {
            keepaliveWanted = false;
            sink.keepalive();
            return true;
        }
        return false;
    }

    private void replayPage() throws Exception {
        long through = replayThrough;
        long after = delivered;
        if (after >= through) {
            replayed = true;
            return;
        }
        Page page = feed.store().read(tx -> {
            List<Event> events = tx.events().ofSubtree(root, after, through, EventFeed.PAGE);
            long last =
                    events.isEmpty() ? through : events.get(events.size() - 1).sequence();
            return new Page(Timelines.items(tx, events), events.size() < EventFeed.PAGE ? through : last);
        });
        for (TimelineItemPayload item : page.items()) {
            if (end != null) {
                return;
            }
            StreamEventPayload event = StreamEventPayload.of(item);
            sink.event(event, Json.write(event));
            delivered = item.sequence();
        }
        // Past events of tasks deleted meanwhile too; at the end of the backlog, up to where the queue starts.
        delivered = Math.max(delivered, page.readThrough());
        replayed = delivered >= through;
    }

    /** One page of backlog, and the sequence the store was read through. */
    private record Page(List<TimelineItemPayload> items, long readThrough) {}

    private boolean hasWork() {
        if (end != null) {
            return !endReported;
        }
        return replayThrough >= 0 && (!replayed || !queue.isEmpty() || keepaliveWanted);
    }

    private void reportEnd() {
        if (!endReported) {
            endReported = true;
            try {
                sink.ended(new StreamEnd(end, failure));
            } catch (RuntimeException ignored) {
                // The sink's own clean-up failed; the subscription is over either way.
            }
        }
    }
}
