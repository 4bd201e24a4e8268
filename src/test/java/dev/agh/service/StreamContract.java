package dev.agh.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agh.api.Json;
import dev.agh.api.StreamEventPayload;
import dev.agh.api.TaskPayload;
import dev.agh.api.TimelineItemPayload;
import dev.agh.domain.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The task stream of every {@link TaskService}: replay after a sequence, the whole subtree (also tasks
 * created after subscribing), live delivery in sequence order with nothing repeated or skipped.
 */
abstract class StreamContract extends LiveViewFixture {

    /** Every event of these tasks after {@code after}, by sequence, from their timelines. */
    Map<Long, TimelineItemPayload> expected(long after, String... taskIds) {
        Map<Long, TimelineItemPayload> all = new TreeMap<>();
        for (String id : taskIds) {
            timeline(id, after, null).forEach(item -> all.put(item.sequence(), item));
        }
        return all;
    }

    @Test
    @Timeout(60)
    void replaysTheStoredEventsOfTheWholeSubtreeAfterASequence() throws Exception {
        TaskPayload epic = createGlobal("Epic");
        TaskPayload story = createChild(epic.id(), task("Story"));
        TaskPayload subtask = createChild(story.id(), task("Subtask"));
        TaskPayload other = createGlobal("Unrelated");
        update(subtask.id(), patch().priority("high"));
        update(other.id(), patch().priority("high"));
        long middle = detail(story.id()).task().latestEventSeq();
        update(epic.id(), patch().title("Epic, renamed"));

        Map<Long, TimelineItemPayload> everything = expected(0, epic.id(), story.id(), subtask.id());
        try (Recorder all = stream(epic.id(), 0)) {
            List<StreamEventPayload> got = all.await(everything.size());
            Thread.sleep(100);
            assertThat(Recorder.sequencesOf(all.snapshot()))
                    .as("the whole subtree, in sequence order, once")
                    .containsExactlyElementsOf(everything.keySet());
            for (StreamEventPayload event : got) {
                TimelineItemPayload item = everything.get(event.sequence());
                assertThat(event.type()).isEqualTo(item.eventType());
                assertThat(event.timeline())
                        .as("stream item %s is its timeline item", event.sequence())
                        .isEqualTo(item);
            }
            for (int i = 0; i < got.size(); i++) {
                assertThat(Json.read(all.jsons.get(i), StreamEventPayload.class))
                        .as("the data line of the event")
                        .isEqualTo(got.get(i));
            }
        }

        Map<Long, TimelineItemPayload> later = expected(middle, epic.id(), story.id(), subtask.id());
        try (Recorder some = stream(epic.id(), middle)) {
            some.await(later.size());
            Thread.sleep(100);
            assertThat(Recorder.sequencesOf(some.snapshot())).containsExactlyElementsOf(later.keySet());
        }

        try (Recorder branch = stream(story.id(), 0)) {
            Map<Long, TimelineItemPayload> storyOnly = expected(0, story.id(), subtask.id());
            branch.await(storyOnly.size());
            Thread.sleep(100);
            assertThat(Recorder.sequencesOf(branch.snapshot()))
                    .as("a stream of a child covers its own subtree only")
                    .containsExactlyElementsOf(storyOnly.keySet());
        }
    }

    @Test
    @Timeout(60)
    void deliversLiveEventsOfTheTaskAndOfDescendantsCreatedAfterSubscribing() throws Exception {
        TaskPayload epic = createGlobal("Epic");
        TaskPayload other = createGlobal("Unrelated");
        long now = detail(other.id()).task().latestEventSeq();
        try (Recorder live = stream(epic.id(), now)) {
            TaskPayload story = createChild(epic.id(), task("Story"));
            TaskPayload subtask = createChild(story.id(), task("Subtask"));
            update(other.id(), patch().title("Still unrelated"));
            update(subtask.id(), patch().priority("urgent"));
            RunPayloadLike run = new RunPayloadLike(enqueue(subtask.id()).id());
            cancelRun(run.id(), "changed my mind");
            long last = detail(subtask.id()).task().latestEventSeq();

            List<StreamEventPayload> got = live.awaitSequence(last);
            Map<Long, TimelineItemPayload> expected = expected(now, epic.id(), story.id(), subtask.id());
            assertThat(Recorder.sequencesOf(got)).containsExactlyElementsOf(expected.keySet());
            assertThat(got)
                    .extracting(StreamEventPayload::type)
                    .containsExactly(
                            "task.created",
                            "task.child_created",
                            "task.created",
                            "task.child_created",
                            "task.updated",
                            "task.run_enqueued",
                            "task.run_canceled");
            assertThat(got.get(2).timeline().task().id())
                    .as("a grandchild created after subscribing")
                    .isEqualTo(subtask.id());
            assertThat(got.get(6).timeline().run().id()).isEqualTo(run.id());
            assertThat(got).noneMatch(e -> e.timeline().task().id().equals(other.id()));
        }
    }

    /** Just the id of a run, to keep the case readable. */
    private record RunPayloadLike(String id) {}

    @Test
    @Timeout(120)
    void neverRepeatsNorReordersEventsWrittenConcurrently() throws Exception {
        TaskPayload root = createGlobal("Root");
        List<String> branches = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            branches.add(createChild(root.id(), task("Branch " + i)).id());
        }
        TaskPayload other = createGlobal("Noise");
        long start = detail(other.id()).task().latestEventSeq();
        try (Recorder live = stream(root.id(), start)) {
            ExecutorService writers = Executors.newFixedThreadPool(5);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < 5; w++) {
                    String target = w < 4 ? branches.get(w) : other.id();
                    int writer = w;
                    done.add(writers.submit(() -> {
                        for (int i = 0; i < 15; i++) {
                            service()
                                    .updateTask(
                                            CALLER,
                                            target,
                                            patch().title("writer " + writer + " edit " + i)
                                                    .build());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                writers.shutdownNow();
            }
            String[] subtree = new String[branches.size() + 1];
            subtree[0] = root.id();
            for (int i = 0; i < branches.size(); i++) {
                subtree[i + 1] = branches.get(i);
            }
            Map<Long, TimelineItemPayload> expected = expected(start, subtree);
            assertThat(expected).hasSize(60);
            live.await(expected.size());
            Thread.sleep(200);
            assertThat(Recorder.sequencesOf(live.snapshot()))
                    .as("every subtree event once, in sequence order")
                    .containsExactlyElementsOf(expected.keySet());
        }
    }

    @Test
    @Timeout(60)
    void watchFollowsTheSubtreeUntilClosed() throws Exception {
        TaskPayload epic = createGlobal("Epic");
        List<StreamEventPayload> seen = new CopyOnWriteArrayList<>();
        TaskWatch watch = service().watch(CALLER, epic.id(), 0, seen::add);
        try {
            createChild(epic.id(), task("Story"));
            long last = detail(epic.id()).task().latestEventSeq();
            await().atMost(PATIENCE)
                    .pollInterval(java.time.Duration.ofMillis(5))
                    .until(() -> watch.lastSequence() >= last);
            assertThat(seen)
                    .extracting(StreamEventPayload::type)
                    .containsExactly("task.created", "task.created", "task.child_created");
            assertThat(watch.lastSequence()).isEqualTo(last);
            assertThat(watch.await(50, TimeUnit.MILLISECONDS))
                    .as("still watching")
                    .isFalse();
        } finally {
            watch.close();
        }
        assertThat(watch.await(5, TimeUnit.SECONDS)).as("ended by close").isTrue();
        int before = seen.size();
        update(epic.id(), patch().title("after the watch"));
        Thread.sleep(200);
        assertThat(seen).hasSize(before);
    }

    @Test
    void refusesAStreamOfAnUnknownTaskOrANegativeCursor() {
        TaskPayload task = createGlobal("Task");
        failsWith(ErrorCode.TASK_NOT_FOUND, () -> stream("task-0000000000000000", 0));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> stream(task.id(), -1));
        failsWith(ErrorCode.TASK_NOT_FOUND, () -> service().watch(CALLER, "task-0000000000000000", 0, e -> {}));
    }
}
