package dev.agh.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.api.Requests.CreateTask;
import dev.agh.api.Requests.UpdateTask;
import dev.agh.api.StreamEnd;
import dev.agh.api.StreamEventPayload;
import dev.agh.api.StreamSink;
import dev.agh.api.TaskStream;
import dev.agh.domain.OriginKind;
import dev.agh.store.jdbi.JdbiTaskStore;
import dev.agh.testing.Databases;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stream's protection against slow consumers, on the embedded service: a subscriber more than 1024
 * events behind is dropped, and a watch then resumes after the last event it delivered.
 */
class LocalStreamTest {
    private static final Caller CALLER = Caller.human("alice", OriginKind.CLI);

    @TempDir
    Path dataDir;

    private LocalTaskService service;

    @BeforeEach
    void open() {
        service = new LocalTaskService(JdbiTaskStore.open(Databases.h2Url(dataDir), 8), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        service.closeStreams();
        service.close();
    }

    private String createTask() {
        return service.createTask(CALLER, CreateTask.titled("Busy")).task().id();
    }

    /** Writes {@code count} events on {@code taskId} from 8 threads (group commit keeps it quick); returns the last sequence. */
    private long writeEvents(String taskId, int count) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(8);
        AtomicInteger left = new AtomicInteger(count);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                done.add(writers.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        service.updateTask(
                                CALLER,
                                taskId,
                                new UpdateTask(
                                        "edit " + left.get(), null, null, null, null, null, null, null, null, null));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }
        return service.getTask(CALLER, taskId).task().task().latestEventSeq();
    }

    private static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what)
                .atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(5))
                .until(condition::getAsBoolean);
    }

    @Test
    @Timeout(120)
    void dropsASubscriberMoreThan1024EventsBehind() throws Exception {
        String task = createTask();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger delivered = new AtomicInteger();
        AtomicReference<StreamEnd> end = new AtomicReference<>();
        CountDownLatch ended = new CountDownLatch(1);
        TaskStream stream = service.stream(CALLER, task, 1, new StreamSink() {
            @Override
            public void event(StreamEventPayload event, String json) throws InterruptedException {
                delivered.incrementAndGet();
                release.await();
            }

            @Override
            public void ended(StreamEnd how) {
                end.set(how);
                ended.countDown();
            }
        });
        try {
            assertThat(service.openStreams()).isEqualTo(1);
            writeEvents(task, 1100);
            await("the stuck subscriber was dropped", () -> service.openStreams() == 0);
            assertThat(delivered.get()).as("the event it is stuck on").isEqualTo(1);
            release.countDown();
            assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(end.get().reason()).isEqualTo(StreamEnd.Reason.SLOW_CONSUMER);
            assertThat(delivered.get()).as("nothing after the drop").isEqualTo(1);
        } finally {
            release.countDown();
            stream.close();
        }
    }

    @Test
    @Timeout(120)
    void aDroppedWatchResumesAfterTheLastEventItDelivered() throws Exception {
        String task = createTask();
        CountDownLatch release = new CountDownLatch(1);
        List<Long> seen = new CopyOnWriteArrayList<>();
        TaskWatch watch = service.watch(CALLER, task, 0, event -> {
            seen.add(event.sequence());
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            long last = writeEvents(task, 1500);
            await("the stuck watch was dropped", () -> service.openStreams() == 0);
            release.countDown();
            await("the watch resumed and caught up", () -> !seen.isEmpty() && seen.get(seen.size() - 1) == last);
            List<Long> expected = new ArrayList<>();
            for (long s = 1; s <= last; s++) {
                expected.add(s);
            }
            assertThat(seen).containsExactlyElementsOf(expected);
            assertThat(service.openStreams()).as("the resumed stream").isEqualTo(1);
        } finally {
            release.countDown();
            watch.close();
        }
        await("closing the watch ends its stream", () -> service.openStreams() == 0);
    }
}
