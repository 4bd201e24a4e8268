package dev.agh.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.api.EventPayload;
import dev.agh.api.TaskPayload;
import dev.agh.api.WorkspacePayload;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.OriginKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TaskService} must have, run against each implementation: {@code
 * LocalTaskService} on H2 and on PostgreSQL, and {@code HttpTaskService} against a real server. A
 * subclass opens a fresh, empty service on {@link #clock} in its {@code @BeforeEach}, closes it in its
 * {@code @AfterEach}, and returns it from {@link #service()}.
 *
 * <p>The cases are grouped by topic along the superclass chain: {@link TaskCreationContract} (create and
 * get), {@link TaskListingContract}, {@link TaskUpdateContract} (update and delete), {@link
 * TaskGraphContract} (children and dependencies), and here events and workspaces.
 */
public abstract class TaskServiceContract extends TaskGraphContract {

    @Override
    protected abstract TaskService service();

    // ---- events ---------------------------------------------------------------------------------

    @Test
    void assignsGapFreeIncreasingEventSequencesAcrossTasks() {
        TaskPayload a = createGlobal("A");
        long first = a.latestEventSeq();
        TaskPayload b = createGlobal("B");
        assertThat(b.latestEventSeq()).isEqualTo(first + 1);

        TaskPayload aEdited = update(a.id(), patch().title("A, edited"));
        assertThat(aEdited.latestEventSeq()).isEqualTo(first + 2);

        TaskPayload child = createChild(b.id(), task("B.1"));
        assertThat(child.latestEventSeq()).isEqualTo(first + 3);
        assertThat(detail(b.id()).task().latestEventSeq()).isEqualTo(first + 4);

        assertThat(depend(a.id(), b.id()).task().latestEventSeq()).isEqualTo(first + 5);
        assertThat(undepend(a.id(), b.id()).task().latestEventSeq()).isEqualTo(first + 6);

        // Every sequence handed out belongs to exactly one stored event: count them.
        int events = events(a.id()).size()
                + events(b.id()).size()
                + events(child.id()).size();
        assertThat(events).isEqualTo(7);
    }

    @Test
    void recordsTheLatestEventSequenceOnEveryTaskView() {
        TaskPayload blocker = createGlobal("Blocker");
        TaskPayload task = createGlobal("Task");
        update(task.id(), patch().priority("high"));
        long afterEdge = depend(task.id(), blocker.id()).task().latestEventSeq();

        var detail = detail(task.id());
        assertThat(detail.task().latestEventSeq()).isEqualTo(afterEdge);
        assertThat(detail.summary().latestEventSeq()).isEqualTo(afterEdge);
        assertThat(list(query()).stream()
                        .filter(t -> t.id().equals(task.id()))
                        .findFirst()
                        .orElseThrow()
                        .latestEventSeq())
                .isEqualTo(afterEdge);
        // The task's own events: created, updated, dependency_added; the newest holds the latest sequence.
        assertThat(eventTypes(task.id())).containsExactly("task.dependency_added", "task.updated", "task.created");
        assertThat(afterEdge).isEqualTo(blocker.latestEventSeq() + 3);
        assertThat(detail(blocker.id()).dependencyReferences()).isNullOrEmpty();
    }

    @Test
    void failedMutationsWriteNoEventAndUseNoSequence() {
        TaskPayload a = createGlobal("A");
        TaskPayload b = createGlobal("B");
        long last = depend(a.id(), b.id()).task().latestEventSeq();

        failsWith(ErrorCode.DEPENDENCY_CYCLE, () -> depend(b.id(), a.id()));
        failsWith(ErrorCode.DEPENDENCY_EXISTS, () -> depend(a.id(), b.id()));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> update(a.id(), patch().priority("critical")));
        failsWith(ErrorCode.TASK_ALREADY_EXISTS, () -> create(task("Again").id(a.id())));
        TaskPayload level = createGlobal("Deep 1");
        for (int depth = 2; depth <= 8; depth++) {
            level = createChild(level.id(), task("Deep " + depth));
        }
        String deepest = level.id();
        failsWith(ErrorCode.GRAPH_LIMIT_EXCEEDED, () -> createChild(deepest, task("Deep 9")));
        // The chain of 8 levels committed 8 task.created and 7 task.child_created events.
        long afterChain = last + 15;

        TaskPayload next = update(b.id(), patch().title("B, edited"));

        assertThat(next.latestEventSeq()).isEqualTo(afterChain + 1);
        assertThat(eventTypes(a.id())).containsExactly("task.dependency_added", "task.created");
        assertThat(eventTypes(b.id())).containsExactly("task.updated", "task.created");
    }

    @Test
    void stampsEveryEventWithActorOriginAndServerTime() {
        TaskPayload task = createGlobal("Task");
        Instant editTime = clock.tick();
        update(task.id(), patch().description("more"));

        List<EventPayload> events = events(task.id());

        assertThat(events).hasSize(2);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.id()).matches(EVENT_ID);
            assertThat(e.taskId()).isEqualTo(task.id());
            assertThat(e.actor()).isEqualTo(ALICE);
            assertThat(e.origin().kind()).isEqualTo(OriginKind.HTTP);
        });
        assertThat(events).extracting(EventPayload::timestamp).containsExactly(editTime, START);
        assertThat(events.get(0).id()).isNotEqualTo(events.get(1).id());
    }

    @Test
    void assignsDistinctGapFreeSequencesToConcurrentWrites() throws Exception {
        long before = createGlobal("Start").latestEventSeq();
        int threads = 4;
        int perThread = 8;

        List<TaskPayload> created = inParallel(threads, worker -> {
                    List<TaskPayload> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(createGlobal("Worker " + worker + " task " + i));
                    }
                    return mine;
                })
                .stream()
                .flatMap(List::stream)
                .toList();

        List<Long> sequences =
                created.stream().map(TaskPayload::latestEventSeq).sorted().toList();
        List<Long> expected = new ArrayList<>();
        for (long seq = before + 1; seq <= before + threads * perThread; seq++) {
            expected.add(seq);
        }
        assertThat(sequences).containsExactlyElementsOf(expected);
        assertThat(listIds(query())).hasSize(threads * perThread + 1);
    }

    @Test
    void acceptsOnlyOneOfTwoConcurrentEdgesThatWouldCloseACycle() throws Exception {
        for (int round = 0; round < 5; round++) {
            TaskPayload a = createGlobal("A" + round);
            TaskPayload b = createGlobal("B" + round);

            List<String> outcomes = inParallel(2, worker -> {
                try {
                    if (worker == 0) {
                        depend(a.id(), b.id());
                    } else {
                        depend(b.id(), a.id());
                    }
                    return "added";
                } catch (AghException e) {
                    return e.code().name();
                }
            });

            assertThat(outcomes).as("round %d", round).containsExactlyInAnyOrder("added", "DEPENDENCY_CYCLE");
            int edges = sizeOf(detail(a.id()).dependencies())
                    + sizeOf(detail(b.id()).dependencies());
            assertThat(edges).as("round %d", round).isEqualTo(1);
        }
    }

    /** Runs {@code work(worker)} on {@code workers} threads released together; returns the results in worker order. */
    private static <T> List<T> inParallel(int workers, IntFunction<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            CountDownLatch ready = new CountDownLatch(workers);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return work.apply(worker);
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static int sizeOf(List<?> list) {
        return list == null ? 0 : list.size();
    }

    // ---- workspaces -----------------------------------------------------------------------------

    @Test
    void addsListsAndRemovesWorkspaces() {
        WorkspacePayload beta = addWorkspace("/srv/agh/beta", "beta");
        clock.tick();
        WorkspacePayload alpha = addWorkspace(" /srv/agh/alpha ", " alpha ");

        assertThat(alpha.id()).matches("ws-[0-9a-f]{16}");
        assertThat(alpha.name()).isEqualTo("alpha");
        assertThat(alpha.path()).isEqualTo("/srv/agh/alpha");
        assertThat(alpha.createdAt()).isEqualTo(START.plusSeconds(1));
        assertThat(beta.createdAt()).isEqualTo(START);
        assertThat(service().listWorkspaces(CALLER).workspaces()).containsExactly(alpha, beta);

        service().removeWorkspace(CALLER, "alpha");
        assertThat(service().listWorkspaces(CALLER).workspaces()).containsExactly(beta);
        service().removeWorkspace(CALLER, beta.id());
        assertThat(service().listWorkspaces(CALLER).workspaces()).isEmpty();
    }

    @Test
    void namesAWorkspaceAfterItsDirectoryAndNormalizesItsPath() {
        WorkspacePayload workspace = addWorkspace("/srv/agh/./projects/../gamma/", null);

        assertThat(workspace.path()).isEqualTo("/srv/agh/gamma");
        assertThat(workspace.name()).isEqualTo("gamma");
        service().removeWorkspace(CALLER, "/srv/agh/gamma");
        assertThat(service().listWorkspaces(CALLER).workspaces()).isEmpty();
    }

    @Test
    void rejectsAWorkspaceWithoutPath() {
        failsWith(ErrorCode.VALIDATION_FAILED, () -> addWorkspace(null, "nameless"));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> addWorkspace("  ", "nameless"));
        assertThat(service().listWorkspaces(CALLER).workspaces()).isEmpty();
    }

    @Test
    void rejectsADuplicateWorkspacePathOrNameWithWorkspaceAlreadyExists() {
        addWorkspace("/srv/agh/alpha", "alpha");

        failsWith(ErrorCode.WORKSPACE_ALREADY_EXISTS, () -> addWorkspace("/srv/agh/alpha", "other"));
        failsWith(ErrorCode.WORKSPACE_ALREADY_EXISTS, () -> addWorkspace("/srv/agh/alpha/", "other"));
        failsWith(ErrorCode.WORKSPACE_ALREADY_EXISTS, () -> addWorkspace("/srv/agh/elsewhere", "alpha"));
        // Defaulted from the directory name, which is taken.
        failsWith(ErrorCode.WORKSPACE_ALREADY_EXISTS, () -> addWorkspace("/srv/other/alpha", null));

        assertThat(service().listWorkspaces(CALLER).workspaces())
                .extracting(WorkspacePayload::name)
                .containsExactly("alpha");
    }

    @Test
    void refusesToRemoveAWorkspaceInUseWithWorkspaceInUse() {
        addWorkspace("/srv/agh/alpha", "alpha");
        TaskPayload task = create(task("Busy").in("alpha"));

        failsWith(ErrorCode.WORKSPACE_IN_USE, () -> service().removeWorkspace(CALLER, "alpha"));
        assertThat(service().listWorkspaces(CALLER).workspaces()).hasSize(1);

        delete(task.id());
        service().removeWorkspace(CALLER, "/srv/agh/alpha");
        assertThat(service().listWorkspaces(CALLER).workspaces()).isEmpty();
    }

    @Test
    void failsToRemoveAnUnknownWorkspaceWithWorkspaceNotFound() {
        addWorkspace("/srv/agh/alpha", "alpha");

        failsWith(ErrorCode.WORKSPACE_NOT_FOUND, () -> service().removeWorkspace(CALLER, "beta"));

        assertThat(service().listWorkspaces(CALLER).workspaces()).hasSize(1);
    }
}
