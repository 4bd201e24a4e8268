package dev.agh.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.api.ClaimPayload;
import dev.agh.api.Requests.AttachSession;
import dev.agh.api.RunPayload;
import dev.agh.api.TaskPayload;
import dev.agh.api.TimelineItemPayload;
import dev.agh.api.TreeNodePayload;
import dev.agh.api.TreePayload;
import dev.agh.api.TriagePayload;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The live views every {@link TaskService} must have, run against {@code LocalTaskService} on H2 and on
 * PostgreSQL and against {@code HttpTaskService} talking to a real server: timeline, tree and triage here,
 * the stream in {@link StreamContract}.
 */
public abstract class LiveViewContract extends StreamContract {

    // ---- timeline -------------------------------------------------------------------------------

    /** Checks each mutation's events as they appear, task by task. */
    final class Steps {
        private final Map<String, Long> seen = new HashMap<>();

        /** The events of {@code taskId} since the last check include {@code types}, in this order. */
        void expect(String taskId, String... types) {
            long after = seen.getOrDefault(taskId, 0L);
            List<TimelineItemPayload> fresh = timeline(taskId, after, null);
            assertThat(fresh)
                    .extracting(TimelineItemPayload::eventType)
                    .as("new events of %s", taskId)
                    .containsSubsequence(types);
            for (TimelineItemPayload item : fresh) {
                if (item.eventType().startsWith("task.run_")) {
                    assertThat(item.run()).as("run of %s", item.eventType()).isNotNull();
                    assertThat(item.run().taskId()).isEqualTo(taskId);
                }
            }
            assertTimelineMatchesDetail(taskId);
            if (!fresh.isEmpty()) {
                seen.put(taskId, fresh.get(fresh.size() - 1).sequence());
            }
        }
    }

    @Test
    void timelineShowsTheEventsOfEveryKindOfMutation() {
        Steps steps = new Steps();
        TaskPayload epic = createGlobal("Epic");
        steps.expect(epic.id(), "task.created");
        update(epic.id(), patch().title("Epic, renamed"));
        steps.expect(epic.id(), "task.updated");
        TaskPayload story = createChild(epic.id(), task("Story"));
        steps.expect(story.id(), "task.created");
        steps.expect(epic.id(), "task.child_created");
        TaskPayload blocker = createGlobal("Blocker");
        depend(story.id(), blocker.id());
        steps.expect(story.id(), "task.dependency_added");
        undepend(story.id(), blocker.id());
        steps.expect(story.id(), "task.dependency_removed");
        depend(story.id(), blocker.id());
        delete(blocker.id());
        steps.expect(story.id(), "task.dependency_added", "task.dependency_removed");

        Agent agent = agent("coder");
        TaskPayload job = createGlobal("Job");
        start(job.id());
        steps.expect(job.id(), "task.run_enqueued");
        ClaimPayload claim = agent.claimOne();
        steps.expect(job.id(), "task.run_claimed");
        agent.heartbeat(claim.run().id(), 60L);
        steps.expect(job.id(), "task.run_lease_extended");
        agent.release(claim.run().id(), "not now");
        steps.expect(job.id(), "task.run_released");
        agent.complete(agent.claimOne().run().id());
        steps.expect(job.id(), "task.run_claimed", "task.run_completed");

        TaskPayload flaky = createGlobal("Flaky");
        runToFailure(enqueue(flaky.id()).id(), "boom");
        steps.expect(flaky.id(), "task.run_enqueued", "task.run_claimed", "task.run_started", "task.run_failed");

        TaskPayload attached = createGlobal("Attached");
        RunPayload run = enqueue(attached.id());
        claimRun(run.id());
        service().attachSession(CALLER, run.id(), new AttachSession(agent.id()));
        cancelRun(run.id(), "no longer needed");
        steps.expect(attached.id(), "task.run_claimed", "task.run_session_bound", "task.run_canceled");

        TaskPayload lapsed = createGlobal("Lapsed");
        enqueue(lapsed.id());
        agent.claimOne(claimNext().lease(10).build());
        clock.advance(Duration.ofSeconds(11));
        sweep();
        steps.expect(lapsed.id(), "task.run_claimed", "task.run_lease_expired");
        cancelTask(lapsed.id(), "obsolete");
        steps.expect(lapsed.id(), "task.run_canceled", "task.canceled");

        TaskPayload gated = create(task("Gated").draft().approval("manual"));
        publish(gated.id());
        steps.expect(gated.id(), "task.published");
        approve(gated.id());
        steps.expect(gated.id(), "task.approved");
        TaskPayload refused = create(task("Refused").draft().approval("manual"));
        publish(refused.id());
        reject(refused.id());
        steps.expect(refused.id(), "task.published", "task.rejected");
        cancelTask(story.id(), "scope cut");
        steps.expect(story.id(), "task.canceled");
    }

    @Test
    void timelinePagesForwardFromASequence() {
        TaskPayload task = createGlobal("Paged");
        for (int i = 1; i <= 5; i++) {
            update(task.id(), patch().title("Paged " + i));
        }
        List<Long> all = sequences(timeline(task.id()));
        assertThat(all).hasSize(6);

        assertThat(sequences(timeline(task.id(), null, 2)))
                .as("the oldest two")
                .containsExactlyElementsOf(all.subList(0, 2));
        assertThat(sequences(timeline(task.id(), all.get(1), 2))).containsExactlyElementsOf(all.subList(2, 4));
        assertThat(sequences(timeline(task.id(), all.get(3), 0)))
                .as("limit 0: no limit")
                .containsExactlyElementsOf(all.subList(4, 6));
        assertThat(timeline(task.id(), all.get(5), null)).isEmpty();
        assertThat(timeline(task.id(), all.get(5) + 1000, 10)).isEmpty();
    }

    @Test
    void refusesUnknownTasksAndBadCursorsInTheLiveViews() {
        TaskPayload task = createGlobal("Task");
        String unknown = "task-0000000000000000";
        failsWith(ErrorCode.TASK_NOT_FOUND, () -> timeline(unknown));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> timeline(task.id(), -1L, null));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> timeline(task.id(), null, -5));
        failsWith(ErrorCode.TASK_NOT_FOUND, () -> tree(unknown));
        failsWith(ErrorCode.TASK_NOT_FOUND, () -> read(CALLER, unknown));
        failsWith(ErrorCode.TASK_NOT_FOUND, () -> service().triageDismiss(CALLER, unknown));
        failsWith(ErrorCode.TASK_NOT_FOUND, () -> service().triageArchive(CALLER, unknown));
    }

    // ---- tree -----------------------------------------------------------------------------------

    @Test
    void treeListsDescendantsByDepthThenLatestActivityThenId() {
        TaskPayload epic = createGlobal("Epic");
        clock.tick();
        TaskPayload a = createChild(epic.id(), task("A"));
        clock.tick();
        TaskPayload b = createChild(epic.id(), task("B"));
        clock.tick();
        TaskPayload a1 = createChild(a.id(), task("A1"));
        clock.tick();
        TaskPayload a2 = createChild(a.id(), task("A2"));
        clock.tick();
        TaskPayload b1 = createChild(b.id(), task("B1"));
        clock.tick();
        update(a.id(), patch().title("A, renamed"));
        Instant enqueuedAt = clock.tick();
        RunPayload run = enqueue(a2.id());

        TreePayload tree = tree(epic.id());
        TreeNodePayload root = tree.root();
        assertThat(root.task().id()).isEqualTo(epic.id());
        assertThat(root.depth()).isZero();
        assertThat(root.parentTaskId()).isNull();
        assertThat(root.childCount()).isEqualTo(2);
        assertThat(root.activeRun()).isNull();
        assertThat(root.lastActivityAt()).isEqualTo(START.plusSeconds(2));
        assertThat(tree.descendants())
                .extracting(n -> n.task().id())
                .as("depth 1 by latest activity (A was renamed last), then depth 2 (A2 enqueued, B1, A1)")
                .containsExactly(a.id(), b.id(), a2.id(), b1.id(), a1.id());
        assertThat(tree.descendants()).extracting(TreeNodePayload::depth).containsExactly(1, 1, 2, 2, 2);
        assertThat(tree.descendants())
                .extracting(TreeNodePayload::parentTaskId)
                .containsExactly(epic.id(), epic.id(), a.id(), b.id(), a.id());
        assertThat(tree.descendants()).extracting(TreeNodePayload::childCount).containsExactly(2, 1, null, null, null);
        TreeNodePayload queued = tree.descendants().get(2);
        assertThat(queued.lastActivityAt()).isEqualTo(enqueuedAt);
        assertThat(queued.activeRun().id()).isEqualTo(run.id());
        assertThat(queued.activeRun().status()).isEqualTo(RunStatus.QUEUED);
        assertThat(queued.activeRun().maxAttempts()).isEqualTo(a2.maxAttempts());
        assertThat(queued.task().latestEventSeq())
                .isEqualTo(detail(a2.id()).task().latestEventSeq());
        assertThat(tree.descendants().get(0).task().title()).isEqualTo("A, renamed");

        TreePayload branch = tree(a.id());
        assertThat(branch.root().depth())
                .as("depth counts from the task asked for")
                .isZero();
        assertThat(branch.root().parentTaskId()).isEqualTo(epic.id());
        assertThat(branch.descendants()).extracting(n -> n.task().id()).containsExactly(a2.id(), a1.id());
        assertThat(branch.descendants()).extracting(TreeNodePayload::depth).containsExactly(1, 1);
        assertThat(tree(a1.id()).descendants()).as("a leaf has no descendants").isNull();
    }

    @Test
    void treeBreaksTiesOfActivityById() {
        TaskPayload root = createGlobal("Root");
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(createChild(root.id(), task("Same time " + i)).id());
        }
        assertThat(tree(root.id()).descendants())
                .extracting(n -> n.task().id())
                .containsExactlyElementsOf(ids.stream().sorted().toList());
    }

    // ---- triage ---------------------------------------------------------------------------------

    @Test
    void triageIsKeptPerCaller() {
        TaskPayload task = createGlobal("Inbox item");
        Instant created = clock.instant();
        Instant readAt = clock.tick();
        TriagePayload mine = read(CALLER, task.id());
        assertThat(mine.taskId()).isEqualTo(task.id());
        assertThat(mine.actor()).isEqualTo(ALICE);
        assertThat(mine.read()).isTrue();
        assertThat(mine.dismissed()).isFalse();
        assertThat(mine.archived()).isFalse();
        assertThat(mine.lastSeenActivityAt()).as("the task's latest activity").isEqualTo(created);
        assertThat(mine.updatedAt()).isEqualTo(readAt);

        Agent bob = agent("coder");
        TriagePayload his = bob.service.triageDismiss(bob.caller, task.id()).triage();
        assertThat(his.actor()).isEqualTo(bob.actor());
        assertThat(his.read()).isTrue();
        assertThat(his.dismissed()).isTrue();
        assertThat(read(CALLER, task.id()).dismissed())
                .as("alice never dismissed it")
                .isFalse();

        TriagePayload archived = service().triageArchive(CALLER, task.id()).triage();
        assertThat(archived.archived()).isTrue();
        assertThat(archived.read()).isTrue();
        assertThat(archived.dismissed()).isFalse();
        TriagePayload bobReads = bob.service.triageRead(bob.caller, task.id()).triage();
        assertThat(bobReads.archived()).as("archived for alice only").isFalse();
        assertThat(bobReads.dismissed()).as("read clears dismissed").isFalse();
        assertThat(service().triageDismiss(CALLER, task.id()).triage().archived())
                .as("archive is for good")
                .isTrue();
    }

    @Test
    void triageRecordsTheActivitySeenSoNewerActivityShowsAsUnread() {
        TaskPayload task = createGlobal("Busy");
        TriagePayload first = read(CALLER, task.id());
        Instant changedAt = clock.tick();
        update(task.id(), patch().title("Busy, renamed"));
        assertThat(detail(task.id()).summary().lastActivityAt())
                .as("newer than what alice saw")
                .isAfter(first.lastSeenActivityAt())
                .isEqualTo(changedAt);

        clock.tick();
        TriagePayload again = read(CALLER, task.id());
        assertThat(again.lastSeenActivityAt()).isEqualTo(changedAt);
        assertThat(events(task.id())).as("triage writes no event").hasSize(2);
        assertThat(timeline(task.id())).hasSize(2);
    }
}
