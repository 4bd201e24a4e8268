package dev.agh.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.api.StreamEnd;
import dev.agh.api.StreamEventPayload;
import dev.agh.api.StreamSink;
import dev.agh.api.TaskStream;
import dev.agh.domain.OriginKind;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A watch whose streams keep failing at once, before any event (a garbled answer), reopens them at
 * the backoff's pace, not in a tight loop; it still gets the events of a stream that works.
 */
class TaskWatchRetryTest {
    private static final Caller CALLER = Caller.human("alice", OriginKind.HTTP);

    /** A service whose streams each end as soon as they open, failing, after the given events. */
    private static TaskService failingStreams(AtomicInteger opened, int healthyFrom) {
        return (TaskService) Proxy.newProxyInstance(
                TaskService.class.getClassLoader(), new Class<?>[] {TaskService.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("stream")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    int attempt = opened.incrementAndGet();
                    long after = (long) args[2];
                    StreamSink sink = (StreamSink) args[3];
                    Thread ender = new Thread(() -> {
                        try {
                            if (attempt >= healthyFrom) {
                                sink.event(new StreamEventPayload(after + 1, "task.updated", null), "{}");
                            }
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        sink.ended(new StreamEnd(StreamEnd.Reason.FAILED, new IllegalStateException("garbled frame")));
                    });
                    ender.setDaemon(true);
                    ender.start();
                    return (TaskStream) new TaskStream() {
                        @Override
                        public void keepalive() {}

                        @Override
                        public void close() {}
                    };
                });
    }

    @Test
    void streamsThatFailAtOnceAreReopenedWithGrowingPauses() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        TaskWatch watch = TaskWatch.start(failingStreams(opened, Integer.MAX_VALUE), CALLER, "task-1", 0, event -> {});
        try {
            Thread.sleep(1_600);
            // Pauses of 100, 200, 400 and 800 ms fit in 1.6 s: five streams at most, where a tight loop opens
            // thousands.
            assertThat(opened.get()).isBetween(2, 5);
            assertThat(watch.await(0, java.util.concurrent.TimeUnit.MILLISECONDS))
                    .as("still watching")
                    .isFalse();
        } finally {
            watch.close();
        }
    }

    @Test
    void streamsThatDeliverAreReopenedAtOnceAndLoseNothing() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        List<Long> seen = new CopyOnWriteArrayList<>();
        TaskWatch watch = TaskWatch.start(
                failingStreams(opened, 1),
                CALLER,
                "task-1",
                0,
                (StreamEventPayload event) -> seen.add(event.sequence()));
        try {
            Thread.sleep(300);
            assertThat(seen.size())
                    .as("events in 300 ms, each from a stream reopened at once")
                    .isGreaterThan(10);
            for (int i = 0; i < seen.size(); i++) {
                assertThat(seen.get(i)).isEqualTo(i + 1L);
            }
        } finally {
            watch.close();
        }
    }
}
