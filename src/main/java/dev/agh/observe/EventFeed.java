package dev.agh.observe;

import dev.agh.api.Json;
import dev.agh.api.StreamEventPayload;
import dev.agh.api.StreamSink;
import dev.agh.api.TaskStream;
import dev.agh.api.TimelineItemPayload;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.Event;
import dev.agh.store.TaskStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Follows the event log by sequence and hands each event to the subscribers of its task's
 * subtree. One per store, so one per process.
 *
 * <p>One pump thread reads events after the last sequence it handed out, {@code sequence > head}:
 * sequences are gap-free in commit order, so nothing is skipped or seen twice. It is woken at once
 * by this process's commits, and reads the event counter every {@value #POLL_MILLIS} ms for commits
 * of other processes and nodes, but only while somebody subscribes. Each event's ancestors decide
 * who gets it, so tasks created after subscribing are covered. Every subscriber has a queue of
 * {@value #MAX_BEHIND} events drained by its own delivery task; one that falls further behind is
 * dropped (it resumes from the last event it saw). A new subscriber joins at the pump's current
 * sequence and first replays its backlog from the store, then its queue.
 */
public final class EventFeed implements AutoCloseable {
    /** Events a subscriber may have pending before it is dropped. */
    public static final int MAX_BEHIND = 1024;

    static final int PAGE = 256;
    private static final long POLL_MILLIS = 10;
    private static final long IDLE_EXIT_MILLIS = 60_000;
    private static final long RETRY_MILLIS = 500;

    private final TaskStore store;
    private final ExecutorService deliveries;
    private final AncestorCache ancestors = new AncestorCache();
    private final Object lock = new Object();
    // Guarded by lock:
    private final List<FeedSubscription> active = new ArrayList<>();
    private final List<FeedSubscription> joining = new ArrayList<>();
    private boolean woken;
    private boolean closed;
    private Thread pump;
    // Pump thread only: the highest sequence handed out, -1 while nobody subscribes.
    private long head = -1;

    public EventFeed(TaskStore store) {
        this.store = store;
        AtomicInteger threads = new AtomicInteger();
        this.deliveries = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "agh-feed-delivery-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        store.onCommittedEvents(sequence -> wake());
    }

    /**
     * Subscribes to the events of {@code rootTaskId} and its descendants with a sequence above {@code
     * afterSequence}: first those already stored, then live ones. The caller checked that the task exists.
     */
    public TaskStream subscribe(String rootTaskId, long afterSequence, StreamSink sink) {
        FeedSubscription subscription = new FeedSubscription(this, rootTaskId, afterSequence, sink);
        synchronized (lock) {
            if (closed) {
                throw new AghException(ErrorCode.SERVER_UNAVAILABLE, "the event feed is closed");
            }
            joining.add(subscription);
            woken = true;
            if (pump == null) {
                pump = new Thread(this::run, "agh-event-feed");
                pump.setDaemon(true);
                pump.start();
            }
            lock.notifyAll();
        }
        return subscription;
    }

    /** Subscribers right now (for tests and diagnostics). */
    public int subscribers() {
        synchronized (lock) {
            return active.size() + joining.size();
        }
    }

    @Override
    public void close() {
        List<FeedSubscription> all;
        synchronized (lock) {
            closed = true;
            all = new ArrayList<>(active);
            all.addAll(joining);
            lock.notifyAll();
        }
        all.forEach(FeedSubscription::close);
        deliveries.shutdown();
    }

    TaskStore store() {
        return store;
    }

    void deliver(Runnable drain) {
        try {
            deliveries.execute(drain);
        } catch (RejectedExecutionException shutDown) {
            // The feed is closed: every subscription already ended.
        }
    }

    void remove(FeedSubscription subscription) {
        synchronized (lock) {
            active.remove(subscription);
            joining.remove(subscription);
        }
    }

    private void wake() {
        synchronized (lock) {
            woken = true;
            lock.notifyAll();
        }
    }

    private void run() {
        while (true) {
            List<FeedSubscription> joined;
            List<FeedSubscription> subscribers;
            boolean signalled;
            synchronized (lock) {
                try {
                    if (!awaitSubscribers()) {
                        return;
                    }
                    if (!woken) {
                        lock.wait(POLL_MILLIS);
                    }
                } catch (InterruptedException e) {
                    return;
                }
                signalled = woken;
                woken = false;
                joined = new ArrayList<>(joining);
                joining.clear();
                active.addAll(joined);
                subscribers = List.copyOf(active);
            }
            try {
                if (head < 0) {
                    head = store.latestEventSequence();
                }
                joined.forEach(s -> s.join(head));
                if (subscribers.isEmpty()) {
                    head = -1;
                } else if (signalled || !store.toldOfOtherCommits() && store.latestEventSequence() > head) {
                    pumpEvents(subscribers);
                }
            } catch (RuntimeException storeFailure) {
                // The database is unreachable: subscribers end and resume later from what they saw.
                subscribers.forEach(s -> s.fail(storeFailure));
                head = -1;
                pause();
            }
        }
    }

    /** Waits (holding the lock) until somebody subscribes; false when the feed closes or stays idle long. */
    private boolean awaitSubscribers() throws InterruptedException {
        long idleSince = System.nanoTime();
        while (!closed && active.isEmpty() && joining.isEmpty()) {
            head = -1;
            if (System.nanoTime() - idleSince > IDLE_EXIT_MILLIS * 1_000_000) {
                pump = null;
                return false;
            }
            lock.wait(IDLE_EXIT_MILLIS);
        }
        if (closed) {
            pump = null;
            return false;
        }
        return true;
    }

    /** Hands out every event after {@link #head}, a page at a time, each page read in one transaction. */
    private void pumpEvents(List<FeedSubscription> subscribers) {
        Set<String> roots = new LinkedHashSet<>();
        subscribers.forEach(s -> roots.add(s.root()));
        while (true) {
            long from = head;
            Page page = store.read(tx -> {
                List<Event> events = tx.events().after(from, PAGE);
                Set<String> taskIds = new LinkedHashSet<>();
                events.forEach(e -> taskIds.add(e.taskId()));
                ancestors.load(tx, taskIds);
                Map<String, List<String>> chains = new HashMap<>();
                List<Event> wanted = new ArrayList<>();
                for (Event e : events) {
                    List<String> chain = chains.computeIfAbsent(e.taskId(), ancestors::chain);
                    if (chain.stream().anyMatch(roots::contains)) {
                        wanted.add(e);
                    }
                }
                return new Page(
                        events.isEmpty() ? from : events.get(events.size() - 1).sequence(),
                        events.size(),
                        Timelines.items(tx, wanted),
                        chains);
            });
            for (TimelineItemPayload item : page.items()) {
                StreamEventPayload event = StreamEventPayload.of(item);
                Delivery delivery = new Delivery(event, Json.write(event));
                List<String> chain = page.chains().get(item.task().id());
                for (FeedSubscription s : subscribers) {
                    if (chain.contains(s.root())) {
                        s.offer(delivery);
                    }
                }
            }
            head = page.last();
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    /** One page of the log: where it ends, how many events it had, the wanted ones as items, and task ancestries. */
    private record Page(long last, int size, List<TimelineItemPayload> items, Map<String, List<String>> chains) {}

    private static void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One event ready to hand out: the payload, and its JSON written once for all subscribers. */
    record Delivery(StreamEventPayload event, String json) {
        long sequence() {
            return event.sequence();
        }
    }
}
