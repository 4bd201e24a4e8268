package dev.agh.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.api.ClaimPayload;
import dev.agh.api.EventPayload;
import dev.agh.api.Requests.NewSession;
import dev.agh.api.RunPayload;
import dev.agh.api.SessionPayload;
import dev.agh.api.TaskPayload;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.RunStatus;
import dev.agh.domain.SessionState;
import dev.agh.domain.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The run lifecycle every {@link TaskService} must have, run against each implementation: {@code
 * LocalTaskService} on H2 and on PostgreSQL, and {@code HttpTaskService} against a real server. A subclass
 * opens a fresh, empty service on {@link #clock} in its {@code @BeforeEach}, closes it in its {@code
 * @AfterEach}, and provides {@link #service()}, {@link #backend()} and {@link #agentService(String)}.
 *
 * <p>The cases are grouped by topic along the superclass chain: {@link ExecutionContract} (enqueue, start,
 * publish, approval, status, dependencies, cancel), {@link OperatorRunContract} ({@code /api/task-runs}),
 * {@link LeaseContract} (claim-next and the fenced lease calls), {@link QueueRulesContract} (delay, retry,
 * pause), and here sessions, lease expiry, waiting
 * for work and the event history of a whole run.
 */
public abstract class RunLifecycleContract extends QueueRulesContract {

    // ---- sessions -------------------------------------------------------------------------------

    @Test
    void createsListsAndStopsSessions() {
        addWorkspace("/srv/agh/alpha", "alpha");
        Agent agent = agent(
                session("coder").in("alpha").name("Coder 1").channel("blue").capabilities("gpu", "gpu", "linux"));

        SessionPayload session = agent.session;
        assertThat(session.sessionId()).matches("sess-[0-9a-f]{16}");
        assertThat(session.agentName()).isEqualTo("coder");
        assertThat(session.workspaceId()).matches("ws-[0-9a-f]{16}");
        assertThat(session.name()).isEqualTo("Coder 1");
        assertThat(session.channel()).isEqualTo("blue");
        assertThat(session.capabilities()).containsExactly("gpu", "linux");
        assertThat(session.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(service().getSession(CALLER, agent.id()).session()).isEqualTo(session);
        assertThat(service().getSession(CALLER, agent.id()).token())
                .as("the token is shown once")
                .isNull();
        assertThat(service().listSessions(CALLER).sessions()).containsExactly(session);

        SessionPayload stopped = service().stopSession(CALLER, agent.id()).session();
        assertThat(stopped.state()).isEqualTo(SessionState.STOPPED);
        assertThat(service().getSession(CALLER, agent.id()).session().state()).isEqualTo(SessionState.STOPPED);
        failsWith(ErrorCode.SESSION_NOT_FOUND, () -> service().getSession(CALLER, "sess-0000000000000000"));
    }

    @Test
    void onlyOperatorsCreateSessions() {
        Agent agent = agent("coder");

        failsWith(
                ErrorCode.OPERATOR_ONLY,
                () -> agent.service.createSession(agent.caller, new NewSession("rogue", null, null, null, null)));
        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> service().createSession(CALLER, new NewSession(" ", null, null, null, null)));
        failsWith(
                ErrorCode.WORKSPACE_NOT_FOUND,
                () -> service().createSession(CALLER, new NewSession("coder", "nowhere", null, null, null)));

        assertThat(service().listSessions(CALLER).sessions()).hasSize(1);
    }

    @Test
    void stoppingASessionReleasesItsLeaseAtOnce() {
        TaskPayload task = createGlobal("Task");
        RunPayload queued = enqueue(task.id());
        Agent agent = agent("coder");
        agent.claimOne(claimNext().lease(3600).build());

        service().stopSession(CALLER, agent.id());

        RunPayload run = run(queued.id());
        assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(run.sessionId()).isNull();
        assertThat(run.claimTokenHash()).isNull();
        assertThat(run.attempt()).isEqualTo(1);
        assertThat(taskOf(task.id()).currentRunId()).isNull();
        EventPayload event = newestEvent(task.id());
        assertThat(event.eventType()).isEqualTo("task.run_released");
        assertThat(event.payload().path("session_id").asText()).isEqualTo(agent.id());
        // Nobody waits for the hour-long lease: another agent takes the run now.
        assertThat(agent("coder").claimOne().run().id()).isEqualTo(queued.id());
        // The stopped session's credentials are dead.
        failsWith(ErrorCode.UNAUTHENTICATED, () -> agent.complete(queued.id()));
        failsWith(ErrorCode.UNAUTHENTICATED, () -> agent.claim());
    }

    @Test
    void anAgentMayStopOnlyItself() {
        Agent a = agent("coder");
        Agent b = agent("coder");

        failsWith(ErrorCode.OPERATOR_ONLY, () -> a.service.stopSession(a.caller, b.id()));
        assertThat(service().getSession(CALLER, b.id()).session().state()).isEqualTo(SessionState.ACTIVE);

        assertThat(a.service.stopSession(a.caller, a.id()).session().state()).isEqualTo(SessionState.STOPPED);
    }

    // ---- lease expiry ---------------------------------------------------------------------------

    @Test
    void theSweepRequeuesLapsedLeasesOnly() {
        TaskPayload task = createGlobal("Task");
        RunPayload lapsing = enqueue(task.id());
        RunPayload lasting = enqueue(createGlobal("Lasting").id());
        RunPayload manual = enqueue(createGlobal("Claimed by hand").id());
        claimRun(manual.id());
        Agent a = agent("coder");
        Agent b = agent("coder");
        a.claimOne(claimNext().lease(60).build());
        String aRun = run(lapsing.id()).status() == RunStatus.CLAIMED ? lapsing.id() : lasting.id();
        String bRun = aRun.equals(lapsing.id()) ? lasting.id() : lapsing.id();
        b.claimOne(claimNext().lease(600).build());
        clock.advance(Duration.ofSeconds(59));
        assertThat(sweep()).isZero();
        clock.advance(Duration.ofSeconds(1));

        assertThat(sweep()).isEqualTo(1);

        RunPayload requeued = run(aRun);
        assertThat(requeued.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(requeued.attempt()).as("expiry uses no attempt").isEqualTo(1);
        assertThat(requeued.sessionId()).isNull();
        assertThat(requeued.leaseUntil()).isNull();
        assertThat(run(bRun).status()).isEqualTo(RunStatus.CLAIMED);
        assertThat(run(manual.id()).status())
                .as("a manual claim has no lease to expire")
                .isEqualTo(RunStatus.CLAIMED);
        String taskOfA = requeued.taskId();
        EventPayload event = newestEvent(taskOfA);
        assertThat(event.eventType()).isEqualTo("task.run_lease_expired");
        assertThat(event.payload().path("previous_status").asText()).isEqualTo("claimed");
        assertThat(event.payload().path("status").asText()).isEqualTo("queued");
        assertThat(event.payload().path("session_id").asText()).isEqualTo(a.id());
        assertThat(sweep()).isZero();
    }

    @Test
    void failsARunWhoseLeaseExpiresMoreThanMaxAttemptsTimes() {
        TaskPayload task = create(task("Crash loop").maxAttempts(2));
        RunPayload queued = enqueue(task.id());
        for (int expiry = 1; expiry <= 2; expiry++) {
            agent("coder").claimOne(claimNext().lease(10).build());
            clock.advance(Duration.ofSeconds(10));
            assertThat(sweep()).isEqualTo(1);
            assertThat(run(queued.id()).status()).as("after expiry %d", expiry).isEqualTo(RunStatus.QUEUED);
            assertThat(run(queued.id()).attempt()).isEqualTo(1);
        }
        Agent last = agent("coder");
        last.claimOne(claimNext().lease(10).build());
        clock.advance(Duration.ofSeconds(10));

        assertThat(sweep()).isEqualTo(1);

        RunPayload failed = run(queued.id());
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.error()).isEqualTo("lease expired repeatedly");
        assertThat(failed.endedAt()).isEqualTo(clock.instant());
        // One failed attempt of two: the task waits for a retry, which may be enqueued.
        assertThat(taskOf(task.id()).status()).isEqualTo(TaskStatus.READY);
        assertThat(runEventTypes(task.id(), queued.id()))
                .containsExactly(
                        "task.run_enqueued",
                        "task.run_claimed",
                        "task.run_lease_expired",
                        "task.run_claimed",
                        "task.run_lease_expired",
                        "task.run_claimed",
                        "task.run_failed");
        assertThat(newestEvent(task.id()).payload().path("error").asText()).isEqualTo("lease expired repeatedly");
        conflicts(() -> last.complete(queued.id()));
        assertThat(enqueue(task.id()).attempt()).isEqualTo(2);
    }

    @Test
    void aCrashLoopOnTheLastAttemptFailsTheTask() {
        TaskPayload task = create(task("Crash loop").maxAttempts(1));
        RunPayload queued = enqueue(task.id());
        for (int expiry = 1; expiry <= 2; expiry++) {
            agent("coder").claimOne(claimNext().lease(5).build());
            clock.advance(Duration.ofSeconds(6));
            sweep();
        }

        assertThat(run(queued.id()).status()).isEqualTo(RunStatus.FAILED);
        assertThat(taskOf(task.id()).status()).isEqualTo(TaskStatus.FAILED);
        assertThat(agent("coder").claim()).isEmpty();
    }

    // ---- waiting for work -----------------------------------------------------------------------

    @Test
    @Timeout(30)
    void aWaitingClaimGivesUpAfterItsTimeout() {
        Agent agent = agent("coder");
        long started = System.nanoTime();

        Optional<ClaimPayload> claim = agent.claim(claimNext().waitUpTo(1).build());

        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(claim).isEmpty();
        assertThat(elapsedMillis).as("waited for the 1 s timeout").isBetween(900L, 5_000L);
    }

    /** One active lease per session (409) holds for a waiting claim too: it is refused at once, not after the wait. */
    @Test
    @Timeout(30)
    void aWaitingClaimIsRefusedAtOnceWhileTheSessionHoldsALease() {
        Agent agent = agent("coder");
        enqueue(createGlobal("Task").id());
        agent.claimOne();
        long started = System.nanoTime();

        failsWith(
                ErrorCode.LEASE_ALREADY_HELD,
                () -> agent.claim(claimNext().waitUpTo(3).build()));

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(1_000L);
    }

    @Test
    void refusesAnOutOfRangeWaitTimeout() {
        Agent agent = agent("coder");

        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> agent.claim(claimNext().waitUpTo(301).build()));
        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> agent.claim(claimNext().waitUpTo(-1).build()));
    }

    @Test
    @Timeout(30)
    void anEnqueueWakesAWaitingClaimAtOnce() throws Exception {
        Agent agent = agent("coder");
        TaskPayload task = createGlobal("Task");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Optional<ClaimPayload>> waiting =
                    pool.submit(() -> agent.claim(claimNext().waitUpTo(20).build()));
            Thread.sleep(400);
            assertThat(waiting).as("the claimer waits while there is no work").isNotDone();

            long enqueuedAt = System.nanoTime();
            RunPayload run =
                    CompletableFuture.supplyAsync(() -> enqueue(task.id())).get(10, TimeUnit.SECONDS);
            Optional<ClaimPayload> claim = waiting.get(10, TimeUnit.SECONDS);
            long latencyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - enqueuedAt);

            assertThat(claim).isPresent();
            assertThat(claim.get().run().id()).isEqualTo(run.id());
            assertThat(latencyMillis)
                    .as("from the enqueue to the waiting claimer holding the run")
                    .isLessThan(500L);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(30)
    void aWaitingClaimKeepsWaitingThroughWorkItMayNotTake() throws Exception {
        Agent agent = agent("coder");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            long started = System.nanoTime();
            Future<Optional<ClaimPayload>> waiting = pool.submit(
                    () -> agent.claim(claimNext().priorityMin(30).waitUpTo(2).build()));
            Thread.sleep(300);
            enqueue(create(task("Low").priority("low")).id());
            Thread.sleep(300);
            RunPayload high = enqueue(create(task("High").priority("high")).id());

            Optional<ClaimPayload> claim = waiting.get(10, TimeUnit.SECONDS);

            assertThat(claim).isPresent();
            assertThat(claim.get().run().id()).isEqualTo(high.id());
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                    .isLessThan(2_000L);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- the whole story in the task's events ---------------------------------------------------

    @Test
    void recordsEveryStepOfARunInTheTaskDetail() {
        TaskPayload task = create(task("Task").draft());
        RunPayload run = publish(task.id()).run();
        Agent first = agent("coder");
        Agent second = agent("coder");
        clock.tick();
        first.claimOne(claimNext().lease(60).build());
        clock.tick();
        first.heartbeat(run.id(), 60L);
        clock.tick();
        first.release(run.id(), "handing over");
        clock.tick();
        second.claimOne(claimNext().lease(30).build());
        clock.advance(Duration.ofSeconds(31));
        sweep();
        clock.tick();
        first.claimOne();
        clock.tick();
        first.complete(run.id(), json("{\"ok\":true}"));

        List<EventPayload> events = events(task.id());
        assertThat(events)
                .extracting(EventPayload::eventType)
                .containsExactly(
                        "task.run_completed",
                        "task.run_claimed",
                        "task.run_lease_expired",
                        "task.run_claimed",
                        "task.run_released",
                        "task.run_lease_extended",
                        "task.run_claimed",
                        "task.run_enqueued",
                        "task.published",
                        "task.created");
        assertThat(events)
                .filteredOn(e -> e.eventType().startsWith("task.run_"))
                .allSatisfy(e -> assertThat(e.runId()).isEqualTo(run.id()));
        assertThat(events.get(1).actor()).isEqualTo(first.actor());
        assertThat(events.get(3).actor()).isEqualTo(second.actor());
        assertThat(events.get(2).actor().kind()).isEqualTo(dev.agh.domain.ActorKind.DAEMON);
        assertThat(events).extracting(EventPayload::timestamp).isSortedAccordingTo((x, y) -> y.compareTo(x));
        assertThat(taskOf(task.id()).status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(taskOf(task.id()).latestEventSeq())
                .isEqualTo(service().getTask(CALLER, task.id()).task().summary().latestEventSeq());
        assertNoRawToken(service().getTask(CALLER, task.id()));
    }
}
