package dev.agh.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.agh.api.ClaimPayload;
import dev.agh.api.Requests.ClaimNext;
import dev.agh.api.Requests.CompleteRun;
import dev.agh.api.Requests.CreateTask;
import dev.agh.api.Requests.ExecuteTask;
import dev.agh.api.Requests.ListTasks;
import dev.agh.api.Requests.NewSession;
import dev.agh.api.Responses.ClaimResponse;
import dev.agh.api.RunPayload;
import dev.agh.api.TaskSummaryPayload;
import dev.agh.domain.Actor;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorKind;
import dev.agh.domain.OriginKind;
import dev.agh.domain.RunStatus;
import dev.agh.domain.TaskStatus;
import dev.agh.store.jdbi.JdbiTaskStore;
import dev.agh.testing.Databases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many agents against one embedded store on the real clock: the queue hands every run to exactly one
 * agent, and the lease fencing keeps a worker whose lease lapsed from completing a run claimed again.
 */
class ConcurrentAgentsTest {
    private static final Caller OPERATOR = Caller.human("alice", OriginKind.HTTP);
    private static final int AGENTS = 16;
    private static final int RUNS = 500;

    @TempDir
    Path dataDir;

    private LocalTaskService service;

    @BeforeEach
    void openService() {
        service = new LocalTaskService(JdbiTaskStore.open(Databases.h2Url(dataDir), 8), Clock.systemUTC());
    }

    @AfterEach
    void closeService() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    @Timeout(300)
    void sixteenAgentsCompleteFiveHundredRunsExactlyOnce() throws Exception {
        Map<String, String> taskOfRun = enqueueRuns(RUNS);
        List<Caller> agents = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            agents.add(agent("worker"));
        }
        Map<String, String> claimedBy = new ConcurrentHashMap<>();
        Map<String, String> completedBy = new ConcurrentHashMap<>();
        List<String> doubleClaims = Collections.synchronizedList(new ArrayList<>());
        List<String> doubleCompletions = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger concurrentHolders = new AtomicInteger();
        AtomicInteger maxConcurrentHolders = new AtomicInteger();

        ExecutorService pool = Executors.newFixedThreadPool(AGENTS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> done = new ArrayList<>();
            for (Caller agent : agents) {
                done.add(pool.submit(() -> {
                    go.await();
                    int mine = 0;
                    try {
                        while (true) {
                            Optional<ClaimPayload> claim = service.claimNext(
                                            agent, new ClaimNext(null, null, null, 60L, null, null, null))
                                    .map(ClaimResponse::claim);
                            if (claim.isEmpty()) {
                                return mine;
                            }
                            String runId = claim.get().run().id();
                            assertThat(claim.get().run().sessionId()).isEqualTo(agent.sessionId());
                            maxConcurrentHolders.accumulateAndGet(concurrentHolders.incrementAndGet(), Math::max);
                            if (claimedBy.putIfAbsent(runId, agent.sessionId()) != null) {
                                doubleClaims.add(runId + " by " + claimedBy.get(runId) + " and " + agent.sessionId());
                            }
                            var lease = service.completeLease(agent, runId, new CompleteRun(null))
                                    .lease();
                            concurrentHolders.decrementAndGet();
                            assertThat(lease.status()).isEqualTo(RunStatus.COMPLETED);
                            if (completedBy.putIfAbsent(runId, agent.sessionId()) != null) {
                                doubleCompletions.add(runId);
                            }
                            mine++;
                        }
                    } catch (Throwable t) {
                        failures.add(t);
                        throw t;
                    }
                }));
            }
            go.countDown();
            List<Integer> perAgent = new ArrayList<>();
            for (Future<Integer> future : done) {
                perAgent.add(future.get(240, TimeUnit.SECONDS));
            }

            assertThat(failures).as("agent failures").isEmpty();
            assertThat(doubleClaims).as("runs claimed twice").isEmpty();
            assertThat(doubleCompletions).as("runs completed twice").isEmpty();
            assertThat(perAgent.stream().mapToInt(Integer::intValue).sum()).isEqualTo(RUNS);
            assertThat(claimedBy.keySet()).isEqualTo(taskOfRun.keySet());
            assertThat(completedBy).isEqualTo(claimedBy);
            assertThat(perAgent.stream().filter(n -> n > 0).count())
                    .as("agents that got work")
                    .isGreaterThan(1);
            assertThat(maxConcurrentHolders.get()).as("leases held at once").isGreaterThan(1);
        } finally {
            pool.shutdownNow();
        }

        List<TaskSummaryPayload> tasks = service.listTasks(
                        OPERATOR,
                        new ListTasks(null, null, null, null, true, null, null, null, null, null, null, 1000, null))
                .tasks();
        assertThat(tasks).hasSize(RUNS);
        assertThat(tasks).allSatisfy(t -> assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED));
        // Every run is completed exactly once, by the agent that claimed it, and no other run exists.
        Set<String> taskIds = Set.copyOf(taskOfRun.values());
        for (String taskId : taskIds) {
            List<RunPayload> runs = service.listRuns(OPERATOR, taskId, null).runs();
            assertThat(runs).singleElement().satisfies(run -> {
                assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
                assertThat(run.sessionId()).isEqualTo(completedBy.get(run.id()));
                assertThat(run.claimedBy()).isEqualTo(Actor.agentSession(completedBy.get(run.id())));
            });
            long completions = service.getTask(OPERATOR, taskId).task().events().stream()
                    .filter(e -> e.eventType().equals("task.run_completed"))
                    .count();
            assertThat(completions)
                    .as("task.run_completed events of %s", taskId)
                    .isEqualTo(1);
        }
    }

    @Test
    @Timeout(60)
    void aWorkerWhoseLeaseLapsedCannotCompleteARunClaimedAgain() throws Exception {
        String runId = enqueueRuns(1).keySet().iterator().next();
        Caller a = agent("worker");
        Caller b = agent("worker");

        ClaimPayload first = service.claimNext(a, new ClaimNext(null, null, null, 1L, null, null, null))
                .orElseThrow()
                .claim();
        assertThat(first.run().id()).isEqualTo(runId);
        Instant leaseUntil = first.lease().leaseUntil();
        while (!Instant.now().isAfter(leaseUntil.plusMillis(20))) {
            Thread.sleep(50);
        }
        assertThat(service.sweepExpiredLeases()).isEqualTo(1);
        ClaimPayload second = service.claimNext(b, new ClaimNext(null, null, null, 60L, null, null, null))
                .orElseThrow()
                .claim();
        assertThat(second.run().id()).isEqualTo(runId);

        Throwable stale = catchThrowable(() -> service.completeLease(a, runId, new CompleteRun(null)));

        assertThat(stale).isInstanceOf(AghException.class);
        assertThat(((AghException) stale).kind()).as("%s", stale.getMessage()).isEqualTo(ErrorKind.CONFLICT);
        RunPayload held = service.getRun(OPERATOR, runId).run().run();
        assertThat(held.status()).isEqualTo(RunStatus.CLAIMED);
        assertThat(held.sessionId()).isEqualTo(b.sessionId());
        assertThat(held.claimTokenHash())
                .isEqualTo(second.run().claimTokenHash())
                .isNotEqualTo(first.run().claimTokenHash());

        assertThat(service.completeLease(b, runId, new CompleteRun(null))
                        .lease()
                        .status())
                .isEqualTo(RunStatus.COMPLETED);
        assertThat(service.getRun(OPERATOR, runId).run().run().sessionId()).isEqualTo(b.sessionId());
    }

    /** Creates {@code count} tasks with one queued run each (in parallel); returns run id → task id. */
    private Map<String, String> enqueueRuns(int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String[]>> made = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                made.add(pool.submit(() -> {
                    String taskId = service.createTask(OPERATOR, CreateTask.titled("Task " + n))
                            .task()
                            .id();
                    String runId = service.enqueueRun(OPERATOR, taskId, new ExecuteTask(null, null, null))
                            .run()
                            .id();
                    return new String[] {runId, taskId};
                }));
            }
            Map<String, String> out = new ConcurrentHashMap<>();
            for (Future<String[]> future : made) {
                String[] pair = future.get(120, TimeUnit.SECONDS);
                out.put(pair[0], pair[1]);
            }
            assertThat(out).hasSize(count);
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private Caller agent(String name) {
        String sessionId = service.createSession(OPERATOR, new NewSession(name, null, null, null, null))
                .session()
                .sessionId();
        return new Caller(Actor.agentSession(sessionId), OriginKind.HTTP, sessionId);
    }
}
