package dev.agh.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agh.api.Requests.Cancel;
import dev.agh.api.Requests.CreateTask;
import dev.agh.api.Requests.ListRuns;
import dev.agh.api.Requests.NewSession;
import dev.agh.api.RunPayload;
import dev.agh.domain.Actor;
import dev.agh.domain.OriginKind;
import dev.agh.domain.RunStatus;
import dev.agh.service.Caller;
import dev.agh.service.LocalTaskService;
import dev.agh.store.jdbi.JdbiTaskStore;
import dev.agh.testing.Databases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The worker loop on an embedded store, running real shell commands. */
class WorkerTest {
    static final Caller OPERATOR = Caller.human("operator", OriginKind.CLI);

    @TempDir
    Path dir;

    LocalTaskService service;
    Caller agent;
    final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        service = new LocalTaskService(JdbiTaskStore.open(Databases.h2Url(dir), 4), Clock.systemUTC());
        String session = service.createSession(OPERATOR, new NewSession("worker", null, null, null, null))
                .session()
                .sessionId();
        agent = new Caller(Actor.agentSession(session), OriginKind.CLI, session);
    }

    @AfterEach
    void close() {
        service.close();
    }

    String startedTask(String title) {
        String id =
                service.createTask(OPERATOR, CreateTask.titled(title)).task().id();
        service.startTask(OPERATOR, id, null);
        return id;
    }

    RunPayload onlyRun(String taskId) {
        List<RunPayload> runs = service.listRuns(OPERATOR, taskId, new ListRuns(null, null, null))
                .runs();
        assertThat(runs).hasSize(1);
        return runs.get(0);
    }

    Worker worker(long leaseSeconds, int maxRuns, boolean exitWhenIdle, String... command) {
        WorkerOptions options = new WorkerOptions(
                List.of(command), null, null, leaseSeconds, Duration.ofSeconds(1), maxRuns, exitWhenIdle);
        return new Worker(service, agent, options, Map.of("EXTRA", "given"), log::add, outcomes::add);
    }

    @Test
    @Timeout(60)
    void completesWithTheJsonTheCommandPrintsAndFailsWithTheEndOfItsOutput() throws Exception {
        String ok = startedTask("fine");
        String text = startedTask("words");
        String bad = startedTask("broken");
        String script = "title=$AGH_TASK_TITLE; case \"$title\" in"
                + " fine) echo \"{\\\"task\\\": \\\"$AGH_TASK_ID\\\", \\\"extra\\\": \\\"$EXTRA\\\", \\\"attempt\\\": $AGH_ATTEMPT}\" ;;"
                + " words) cat > /dev/null; echo plain words ;;"
                + " broken) echo 'it broke here'; exit 3 ;; esac";

        int handled = worker(30, 0, true, "sh", "-c", script).run();

        assertThat(handled).isEqualTo(3);
        assertThat(outcomes).extracting(Outcome::outcome).containsExactlyInAnyOrder("completed", "completed", "failed");
        RunPayload fine = onlyRun(ok);
        assertThat(fine.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(fine.result().get("task").asText()).isEqualTo(ok);
        assertThat(fine.result().get("extra").asText())
                .as("the worker's extra environment")
                .isEqualTo("given");
        assertThat(fine.result().get("attempt").asInt()).isEqualTo(1);
        RunPayload words = onlyRun(text);
        assertThat(words.result().get("output").asText()).isEqualTo("plain words\n");
        assertThat(words.result().get("exit_code").asInt()).isZero();
        RunPayload broken = onlyRun(bad);
        assertThat(broken.status()).isEqualTo(RunStatus.FAILED);
        assertThat(broken.error()).isEqualTo("command exited with status 3");
    }

    /**
     * A report claims the next run with it ({@code next}): the worker asks claim-next only when a report found nothing
     * left, and its last run ({@code --max-runs}) claims nothing more, so no run stays claimed by a worker that ended.
     */
    @Test
    @Timeout(60)
    void eachReportClaimsTheNextRunAndTheLastOneClaimsNothing() throws Exception {
        List<String> tasks = List.of(startedTask("one"), startedTask("two"), startedTask("three"));
        java.util.concurrent.atomic.AtomicInteger claimNextCalls = new java.util.concurrent.atomic.AtomicInteger();
        dev.agh.service.TaskService counting = (dev.agh.service.TaskService) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {dev.agh.service.TaskService.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("claimNext")) {
                        claimNextCalls.incrementAndGet();
                    }
                    try {
                        return method.invoke(service, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        WorkerOptions twoRuns = new WorkerOptions(List.of("true"), null, null, 30L, Duration.ofSeconds(1), 2, true);

        assertThat(new Worker(counting, agent, twoRuns, Map.of(), log::add, outcomes::add).run())
                .isEqualTo(2);

        assertThat(claimNextCalls.get())
                .as("the second run came with the first report")
                .isEqualTo(1);
        assertThat(tasks.stream().map(t -> onlyRun(t).status()).toList())
                .containsExactlyInAnyOrder(RunStatus.COMPLETED, RunStatus.COMPLETED, RunStatus.QUEUED);

        claimNextCalls.set(0);
        WorkerOptions untilIdle = new WorkerOptions(List.of("true"), null, null, 30L, Duration.ofSeconds(1), 0, true);
        assertThat(new Worker(counting, agent, untilIdle, Map.of(), log::add, outcomes::add).run())
                .isEqualTo(1);
        assertThat(claimNextCalls.get())
                .as("one claim, then one that found the queue empty")
                .isEqualTo(2);
        assertThat(tasks.stream().map(t -> onlyRun(t).status()).toList()).containsOnly(RunStatus.COMPLETED);
    }

    /**
     * The worker respects the retry policy: an ordinary failure is retried after the policy's delay, while an exit
     * status named by {@code --no-retry-exit}, and 127 (command not found), fail for good.
     */
    @Test
    @Timeout(60)
    void aFailureIsRetriedByThePolicyUnlessItsExitStatusSaysARetryCannotHelp() throws Exception {
        service.setDefaultRetryPolicy(
                dev.agh.domain.RetryPolicy.of(dev.agh.domain.RetryStrategy.FIXED, 60L, null, 0.0));
        String transient_ = startedTask("transient");
        String permanent = startedTask("permanent");
        String missing = startedTask("missing");
        String script =
                "case \"$AGH_TASK_TITLE\" in transient) exit 3 ;; permanent) exit 64 ;; missing) exit 127 ;; esac";
        WorkerOptions options = new WorkerOptions(
                List.of("sh", "-c", script), null, null, 30, Duration.ofSeconds(1), 3, true, java.util.Set.of(64));

        int handled = new Worker(service, agent, options, Map.of(), log::add, outcomes::add).run();

        assertThat(handled).isEqualTo(3);
        List<RunPayload> retried = service.listRuns(OPERATOR, transient_, new ListRuns(null, null, null))
                .runs();
        assertThat(retried).extracting(RunPayload::status).containsExactly(RunStatus.QUEUED, RunStatus.FAILED);
        assertThat(retried.get(0).notBefore())
                .as("a minute out: not taken again by this worker")
                .isAfter(java.time.Instant.now());
        assertThat(onlyRun(permanent).status()).isEqualTo(RunStatus.FAILED);
        assertThat(onlyRun(missing).status()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    @Timeout(60)
    void theClaimArrivesOnStdin() throws Exception {
        String task = startedTask("read me");
        worker(30, 1, true, "sh", "-c", "cat").run();
        RunPayload run = onlyRun(task);
        assertThat(run.result().get("task").get("id").asText()).isEqualTo(task);
        assertThat(run.result().get("run").get("id").asText()).isEqualTo(run.id());
    }

    @Test
    @Timeout(60)
    void stopsTheCommandOnceTheLeaseIsLost() throws Exception {
        String task = startedTask("long");
        Worker worker = worker(3, 1, true, "sleep", "60");
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> {
            try {
                return worker.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        RunPayload run = awaitStatus(task, RunStatus.RUNNING);
        long canceledAt = System.nanoTime();
        service.cancelRun(OPERATOR, run.id(), new Cancel("not needed", null));

        assertThat(running.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat((System.nanoTime() - canceledAt) / 1_000_000)
                .as("stopped within a heartbeat and the grace")
                .isLessThan(8_000);
        assertThat(outcomes).extracting(Outcome::outcome).containsExactly(Outcome.LEASE_LOST);
        assertThat(onlyRun(task).status()).as("the operator's cancel stands").isEqualTo(RunStatus.CANCELED);
    }

    @Test
    @Timeout(60)
    void stoppingReleasesTheRunForAnotherAgent() throws Exception {
        String task = startedTask("interrupted");
        Worker worker = worker(30, 0, false, "sleep", "60");
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> {
            try {
                return worker.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        awaitStatus(task, RunStatus.RUNNING);
        worker.stop();
        running.get(30, TimeUnit.SECONDS);
        assertThat(onlyRun(task).status()).isEqualTo(RunStatus.QUEUED);
    }

    private RunPayload awaitStatus(String taskId, RunStatus status) {
        try {
            return await().atMost(java.time.Duration.ofSeconds(20))
                    .pollInterval(java.time.Duration.ofMillis(20))
                    .until(() -> onlyRun(taskId), run -> run.status() == status);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("run of " + taskId + " never became " + status + "; log: " + log, e);
        }
    }
}
