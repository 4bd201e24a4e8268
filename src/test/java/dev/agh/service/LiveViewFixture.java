package dev.agh.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.api.EventPayload;
import dev.agh.api.StreamEnd;
import dev.agh.api.StreamEventPayload;
import dev.agh.api.StreamSink;
import dev.agh.api.TaskStream;
import dev.agh.api.TimelineItemPayload;
import dev.agh.api.TreePayload;
import dev.agh.api.TriagePayload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** What the live-view cases work with beyond runs and agents: timelines, trees, triage and recorded streams. */
abstract class LiveViewFixture extends RunLifecycleFixture {
    /** How long a stream may take to deliver what a test waits for. */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    List<TimelineItemPayload> timeline(String taskId) {
        return service().timeline(CALLER, taskId, null, null).timeline();
    }

    List<TimelineItemPayload> timeline(String taskId, Long after, Integer limit) {
        return service().timeline(CALLER, taskId, after, limit).timeline();
    }

    List<Long> sequences(List<TimelineItemPayload> items) {
        return items.stream().map(TimelineItemPayload::sequence).toList();
    }

    TreePayload tree(String taskId) {
        return service().tree(CALLER, taskId).tree();
    }

    TriagePayload read(Caller caller, String taskId) {
        return service().triageRead(caller, taskId).triage();
    }

    /** The timeline agrees with task detail: the same events (detail lists them newest first), in sequence order. */
    void assertTimelineMatchesDetail(String taskId) {
        List<TimelineItemPayload> items = timeline(taskId);
        List<EventPayload> events = new ArrayList<>(events(taskId));
        Collections.reverse(events);
        assertThat(items)
                .extracting(TimelineItemPayload::eventId)
                .as("timeline of %s", taskId)
                .containsExactlyElementsOf(events.stream().map(EventPayload::id).toList());
        assertThat(items)
                .extracting(TimelineItemPayload::eventType)
                .containsExactlyElementsOf(
                        events.stream().map(EventPayload::eventType).toList());
        assertThat(sequences(items)).isSorted().doesNotHaveDuplicates();
        var task = detail(taskId).task();
        if (!items.isEmpty()) {
            assertThat(items.get(items.size() - 1).sequence())
                    .as("the newest sequence of %s", taskId)
                    .isEqualTo(task.latestEventSeq());
        }
        for (int i = 0; i < items.size(); i++) {
            TimelineItemPayload item = items.get(i);
            EventPayload event = events.get(i);
            assertThat(item.task().id()).isEqualTo(taskId);
            assertThat(item.task().status()).as("the task as it is now").isEqualTo(task.status());
            assertThat(item.actor()).isEqualTo(event.actor());
            assertThat(item.origin()).isEqualTo(event.origin());
            assertThat(item.timestamp()).isEqualTo(event.timestamp());
            assertThat(item.payload()).isEqualTo(event.payload());
            assertThat(item.run() == null ? null : item.run().id())
                    .as("run of %s", item.eventType())
                    .isEqualTo(event.runId());
        }
    }

    /** Opens a stream of {@code taskId} after {@code after}, recording what it delivers. */
    Recorder stream(String taskId, long after) {
        Recorder recorder = new Recorder();
        recorder.stream = service().stream(CALLER, taskId, after, recorder);
        return recorder;
    }

    /** A sink that keeps every event and how the stream ended. */
    static final class Recorder implements StreamSink, AutoCloseable {
        final List<StreamEventPayload> events = Collections.synchronizedList(new ArrayList<>());
        final List<String> jsons = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch ended = new CountDownLatch(1);
        volatile StreamEnd end;
        TaskStream stream;

        @Override
        public void event(StreamEventPayload event, String json) {
            events.add(event);
            jsons.add(json);
        }

        @Override
        public void ended(StreamEnd how) {
            end = how;
            ended.countDown();
        }

        /** Waits until at least {@code count} events arrived; returns them all. */
        List<StreamEventPayload> await(int count) {
            Awaitility.await()
                    .atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(5))
                    .untilAsserted(() -> assertThat(events.size())
                            .as("events received, waiting for %s", count)
                            .isGreaterThanOrEqualTo(count));
            return snapshot();
        }

        /** Waits until an event with {@code sequence} arrived. */
        List<StreamEventPayload> awaitSequence(long sequence) {
            Awaitility.await()
                    .atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(5))
                    .untilAsserted(() -> assertThat(sequencesOf(snapshot()))
                            .as("sequence %s received", sequence)
                            .isNotEmpty()
                            .last()
                            .satisfies(last -> assertThat(last).isGreaterThanOrEqualTo(sequence)));
            return snapshot();
        }

        List<StreamEventPayload> snapshot() {
            synchronized (events) {
                return List.copyOf(events);
            }
        }

        static List<Long> sequencesOf(List<StreamEventPayload> events) {
            return events.stream().map(StreamEventPayload::sequence).toList();
        }

        boolean awaitEnd(Duration timeout) throws InterruptedException {
            return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            stream.close();
        }
    }
}
