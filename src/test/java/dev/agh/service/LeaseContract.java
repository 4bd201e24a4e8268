package dev.agh.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.api.ClaimPayload;
import dev.agh.api.EventPayload;
import dev.agh.api.Json;
import dev.agh.api.LeasePayload;
import dev.agh.api.Requests.ExecuteTask;
import dev.agh.api.RunPayload;
import dev.agh.api.TaskPayload;
import dev.agh.api.WorkspacePayload;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.Origin;
import dev.agh.domain.OriginKind;
import dev.agh.domain.RunStatus;
import dev.agh.domain.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agent's path ({@code /api/agent/tasks/…}, reference §4, §8.27-8.31; SPEC "Leases"): which run
 * claim-next hands out, the lease it comes with, and how heartbeats, completion, failure and release are
 * fenced by the session and the lease.
 */
abstract class LeaseContract extends OperatorRunContract {

    // ---- what claim-next returns ----------------------------------------------------------------

    /**
     * {@code POST /api/agent/tasks/{run_id}/start} (agh extension): a claimed run alone does not make its task in
     * progress (reference semantics); the agent says when it works on it, and then it is.
     */
    @Test
    void anAgentStartsItsClaimedRunAndItsTaskIsInProgress() {
        TaskPayload task = createGlobal("Task");
        enqueue(task.id());
        Agent agent = agent("starter");
        String runId = agent.claimOne().run().id();
        assertThat(taskOf(task.id()).status()).as("claimed only").isEqualTo(TaskStatus.READY);

        Agent other = agent("other");
        failsWith(ErrorCode.NO_ACTIVE_LEASE, () -> other.service.startLease(other.caller, runId));

        LeasePayload started = agent.service.startLease(agent.caller, runId).lease();
        assertThat(started.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(taskOf(task.id()).status()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(run(runId).startedAt()).isNotNull();
        assertThat(agent.service.startLease(agent.caller, runId).lease().status())
                .as("again: no change")
                .isEqualTo(RunStatus.RUNNING);
        assertThat(runEventTypes(task.id(), runId))
                .containsExactly("task.run_enqueued", "task.run_claimed", "task.run_started");

        assertThat(agent.complete(runId).status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(taskOf(task.id()).status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void claimsAQueuedRunUnderAFencedLease() {
        TaskPayload task = createGlobal("Task");
        RunPayload queued = enqueue(task.id());
        Agent agent = agent("coder");
        Instant at = clock.tick();

        ClaimPayload claim = agent.claimOne(claimNext().lease(120).build());

        assertThat(claim.task().id()).isEqualTo(task.id());
        assertThat(claim.task().status())
                .as("a claimed run alone leaves the task ready")
                .isEqualTo(TaskStatus.READY);
        RunPayload run = claim.run();
        assertThat(run.id()).isEqualTo(queued.id());
        assertThat(run.status()).isEqualTo(RunStatus.CLAIMED);
        assertThat(run.attempt()).isEqualTo(1);
        assertThat(run.sessionId()).isEqualTo(agent.id());
        assertThat(run.claimedBy()).isEqualTo(agent.actor());
        assertThat(run.claimedAt()).isEqualTo(at);
        assertThat(run.heartbeatAt()).isEqualTo(at);
        assertThat(run.leaseUntil()).isEqualTo(at.plusSeconds(120));
        assertThat(run.claimTokenHash()).matches(TOKEN_HASH);
        LeasePayload lease = claim.lease();
        assertThat(lease.runId()).isEqualTo(queued.id());
        assertThat(lease.taskId()).isEqualTo(task.id());
        assertThat(lease.status()).isEqualTo(RunStatus.CLAIMED);
        assertThat(lease.sessionId()).isEqualTo(agent.id());
        assertThat(lease.claimTokenHash()).isEqualTo(run.claimTokenHash());
        assertThat(lease.leaseUntil()).isEqualTo(at.plusSeconds(120));

        assertThat(run(queued.id())).satisfies(stored -> {
            assertThat(stored.status()).isEqualTo(RunStatus.CLAIMED);
            assertThat(stored.claimTokenHash()).isEqualTo(run.claimTokenHash());
            assertThat(stored.leaseUntil()).isEqualTo(at.plusSeconds(120));
        });
        assertThat(taskOf(task.id()).currentRunId()).isEqualTo(queued.id());
        EventPayload event = newestEvent(task.id());
        assertThat(event.eventType()).isEqualTo("task.run_claimed");
        assertThat(event.actor()).isEqualTo(agent.actor());
        assertThat(event.origin()).isEqualTo(new Origin(OriginKind.HTTP, "agent.task.next"));
        assertThat(event.payload().path("claim_token_hash").asText()).isEqualTo(run.claimTokenHash());
    }

    @Test
    void neverShowsTheRawClaimToken() {
        TaskPayload task = create(task("Workspace task")
                .in(addWorkspace("/srv/agh/alpha", "alpha").id()));
        RunPayload queued = enqueue(task.id());
        Agent agent = agent(session("coder").in("alpha"));

        ClaimPayload claim = agent.claimOne();
        LeasePayload extended = agent.heartbeat(queued.id(), 60L);
        LeasePayload done = agent.complete(queued.id());

        assertThat(claim.run().claimTokenHash()).startsWith("sha256:").matches(TOKEN_HASH);
        assertThat(done.claimTokenHash())
                .as("completion keeps the hash as a record")
                .isEqualTo(claim.run().claimTokenHash());
        for (Object response : List.of(
                claim,
                extended,
                done,
                service().getTask(CALLER, task.id()),
                service().getRun(CALLER, queued.id()),
                service().listRuns(CALLER, task.id(), null))) {
            assertNoRawToken(response);
        }
    }

    @Test
    void usesTheDefaultLeaseOfFiveMinutesAndRefusesOutOfRangeLeases() {
        Agent agent = agent("coder");
        enqueue(createGlobal("Task").id());

        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> agent.claim(claimNext().lease(-1).build()));
        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> agent.claim(claimNext().lease(86_401).build()));
        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> agent.claim(claimNext().priorityMin(-1).build()));
        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> agent.claim(claimNext().capabilities("has space").build()));

        ClaimPayload claim = agent.claimOne();
        assertThat(claim.lease().leaseUntil()).isEqualTo(START.plus(Duration.ofMinutes(5)));
    }

    @Test
    void acceptsTheLongestLease() {
        Agent agent = agent("coder");
        enqueue(createGlobal("Task").id());

        ClaimPayload claim = agent.claimOne(claimNext().lease(86_400).build());

        assertThat(claim.lease().leaseUntil()).isEqualTo(START.plus(Duration.ofHours(24)));
    }

    @Test
    void claimsNothingWhenThereIsNoWork() {
        Agent agent = agent("coder");
        agent.claimsNothing();

        // Work that is not claimable is no work either: drafts, blocked, canceled, already claimed.
        create(task("Draft").draft());
        TaskPayload blocker = createGlobal("Blocker");
        TaskPayload blocked = createGlobal("Blocked");
        depend(blocked.id(), blocker.id());
        enqueue(blocked.id());
        RunPayload claimedByHand = enqueue(blocker.id());
        claimRun(claimedByHand.id());

        agent.claimsNothing();
    }

    @Test
    void refusesClaimNextToCallersWithoutASession() {
        enqueue(createGlobal("Task").id());

        failsWith(
                ErrorCode.UNAUTHENTICATED,
                () -> service().claimNext(CALLER, claimNext().build()));
    }

    @Test
    void claimsByPriorityThenByAge() {
        Agent agent = agent("coder");
        List<String> expected = new ArrayList<>();
        String low = enqueue(create(task("Low").priority("low")).id()).id();
        clock.tick();
        String oldHigh = enqueue(create(task("Old high").priority("high")).id()).id();
        clock.tick();
        String medium = enqueue(create(task("Medium").priority("medium")).id()).id();
        clock.tick();
        String newHigh = enqueue(create(task("New high").priority("high")).id()).id();
        clock.tick();
        String urgent = enqueue(create(task("Urgent").priority("urgent")).id()).id();
        expected.addAll(List.of(urgent, oldHigh, newHigh, medium, low));

        List<String> claimed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clock.tick();
            String runId = agent.claimOne().run().id();
            claimed.add(runId);
            agent.complete(runId);
        }

        assertThat(claimed).containsExactlyElementsOf(expected);
        agent.claimsNothing();
    }

    @Test
    void claimsOnlyAtOrAbovePriorityMin() {
        Agent agent = agent("coder");
        enqueue(create(task("Low").priority("low")).id());
        enqueue(create(task("Medium").priority("medium")).id());
        String high = enqueue(create(task("High").priority("high")).id()).id();

        assertThat(agent.claim(claimNext().priorityMin(40).build())).isEmpty();
        ClaimPayload claim = agent.claimOne(claimNext().priorityMin(30).build());
        assertThat(claim.run().id()).isEqualTo(high);
        agent.complete(high);
        assertThat(agent.claim(claimNext().priorityMin(25).build())).isEmpty();
        assertThat(agent.claimOne(claimNext().priorityMin(20).build()).task().title())
                .isEqualTo("Medium");
    }

    @Test
    void aWorkspaceSessionClaimsOnlyInItsWorkspaceAndNeverGlobalWork() {
        WorkspacePayload alpha = addWorkspace("/srv/agh/alpha", "alpha");
        WorkspacePayload beta = addWorkspace("/srv/agh/beta", "beta");
        RunPayload global = enqueue(createGlobal("Global").id());
        RunPayload inBeta = enqueue(create(task("Beta task").in("beta")).id());
        Agent alphaAgent = agent(session("coder").in("alpha"));
        Agent globalAgent = agent("coder");

        alphaAgent.claimsNothing();
        RunPayload inAlpha = enqueue(create(task("Alpha task").in(alpha.id())).id());
        ClaimPayload claim =
                alphaAgent.claimOne(claimNext().workspace(alpha.id()).build());
        assertThat(claim.run().id()).isEqualTo(inAlpha.id());
        assertThat(claim.task().workspaceId()).isEqualTo(alpha.id());
        assertThat(claim.coordinationChannel()).isNotNull();
        assertThat(claim.coordinationChannel().workspaceId()).isEqualTo(alpha.id());

        // A global session claims global work only.
        assertThat(globalAgent.claimOne().run().id()).isEqualTo(global.id());
        globalAgent.complete(global.id());
        globalAgent.claimsNothing();
        assertThat(run(inBeta.id()).status()).isEqualTo(RunStatus.QUEUED);

        // Naming another workspace, or any workspace for an unbound session, is forbidden.
        failsWith(
                ErrorCode.WORKSPACE_FORBIDDEN,
                () -> agent(session("coder").in("alpha"))
                        .claim(claimNext().workspace(beta.id()).build()));
        failsWith(
                ErrorCode.WORKSPACE_FORBIDDEN,
                () -> globalAgent.claim(claimNext().workspace(beta.id()).build()));
        assertThat(run(inBeta.id()).status()).isEqualTo(RunStatus.QUEUED);
    }

    @Test
    void aChannelSessionClaimsOnlyRunsOfItsChannel() {
        addWorkspace("/srv/agh/alpha", "alpha");
        RunPayload red = enqueue(create(task("Red").in("alpha").channel("red")).id());
        RunPayload blue = enqueue(create(task("Blue").in("alpha")).id(), new ExecuteTask(null, "blue", null));
        Agent blueAgent = agent(session("coder").in("alpha").channel("blue"));
        Agent greenAgent = agent(session("coder").in("alpha").channel("green"));

        greenAgent.claimsNothing();
        ClaimPayload claim = blueAgent.claimOne();

        assertThat(claim.run().id()).isEqualTo(blue.id());
        assertThat(claim.run().networkChannel()).isEqualTo("blue");
        assertThat(claim.run().coordinationChannelId()).isEqualTo("blue");
        assertThat(run(red.id()).status()).isEqualTo(RunStatus.QUEUED);
        assertThat(agent(session("coder").in("alpha").channel("red"))
                        .claimOne()
                        .run()
                        .id())
                .isEqualTo(red.id());
    }

    @Test
    void neverClaimsHumanOwnedWorkAndClaimsPoolAndSessionWorkOnlyForTheirOwner() {
        Agent coder = agent("coder");
        Agent reviewer = agent("reviewer");
        Agent coder2 = agent("coder");
        RunPayload human =
                enqueue(create(task("Human's").owner("human", "alice")).id());
        clock.tick();
        RunPayload pool =
                enqueue(create(task("Coder pool").owner("pool", "coder")).id());
        clock.tick();
        RunPayload mine = enqueue(
                create(task("Coder 2's").owner("agent_session", coder2.id())).id());

        reviewer.claimsNothing();
        assertThat(coder.claimOne().run().id()).isEqualTo(pool.id());
        coder.complete(pool.id());
        coder.claimsNothing();
        assertThat(coder2.claimOne().run().id()).isEqualTo(mine.id());
        coder2.complete(mine.id());
        coder2.claimsNothing();

        assertThat(run(human.id()).status()).isEqualTo(RunStatus.QUEUED);
    }

    @Test
    void claimsOnlyRunsWhoseRequiredCapabilitiesTheClaimerHas() {
        Agent plain = agent("coder");
        Agent gpu = agent(session("coder").capabilities("gpu", "linux"));
        RunPayload needsGpu = enqueue(
                createGlobal("Train").id(), new ExecuteTask(null, null, json("{\"required_capabilities\":[\"gpu\"]}")));
        clock.tick();
        RunPayload needsBoth = enqueue(
                createGlobal("Train on mac").id(),
                new ExecuteTask(null, null, json("{\"required_capabilities\":[\"gpu\",\"macos\"]}")));

        plain.claimsNothing();
        assertThat(gpu.claimOne().run().id()).isEqualTo(needsGpu.id());
        // The request's capabilities add to the session's.
        assertThat(plain.claim(claimNext().capabilities("macos").build())).isEmpty();
        assertThat(plain.claimOne(claimNext().capabilities("gpu", "macos").build())
                        .run()
                        .id())
                .isEqualTo(needsBoth.id());
    }

    @Test
    void skipsRunsNeedingCapabilitiesToReachLaterWork() {
        Agent plain = agent("coder");
        for (int i = 0; i < 40; i++) {
            enqueue(
                    create(task("Needs gpu " + i).priority("urgent")).id(),
                    new ExecuteTask(null, null, json("{\"required_capabilities\":[\"gpu\"]}")));
        }
        clock.tick();
        RunPayload plainWork = enqueue(create(task("Plain").priority("low")).id());

        assertThat(plain.claimOne().run().id()).isEqualTo(plainWork.id());
    }

    @Test
    void holdsOneActiveLeasePerSession() {
        Agent agent = agent("coder");
        RunPayload first = enqueue(createGlobal("First").id());
        RunPayload second = enqueue(createGlobal("Second").id());
        agent.claimOne();

        failsWith(ErrorCode.LEASE_ALREADY_HELD, () -> agent.claim());
        failsWith(
                ErrorCode.LEASE_ALREADY_HELD,
                () -> agent.claim(claimNext().priorityMin(40).build()));

        String claimedFirst = run(first.id()).status() == RunStatus.CLAIMED ? first.id() : second.id();
        String other = claimedFirst.equals(first.id()) ? second.id() : first.id();
        assertThat(run(other).status()).isEqualTo(RunStatus.QUEUED);
        agent.complete(claimedFirst);
        assertThat(agent.claimOne().run().id()).isEqualTo(other);
    }

    @Test
    void claimsFollowATaskEditedWhileItsRunWaits() {
        Agent coder = agent("coder");
        RunPayload first = enqueue(create(task("First").priority("medium")).id());
        clock.tick();
        TaskPayload later = create(task("Later").priority("medium"));
        RunPayload second = enqueue(later.id());
        clock.tick();
        TaskPayload owned = createGlobal("Owned");
        RunPayload third = enqueue(owned.id());

        update(later.id(), patch().priority("urgent"));
        update(owned.id(), patch().owner("human", "alice"));

        assertThat(coder.claimOne().run().id()).isEqualTo(second.id());
        coder.complete(second.id());
        assertThat(coder.claimOne().run().id()).isEqualTo(first.id());
        coder.complete(first.id());
        coder.claimsNothing();
        assertThat(run(third.id()).status()).isEqualTo(RunStatus.QUEUED);
    }

    /**
     * A run that goes back to the queue (release, lease expiry, session stop) must be claimable exactly as
     * its task is now: here the task became blocked while the run was held, so nobody may claim it.
     */
    @Test
    void aRunRequeuedWhileItsTaskIsBlockedIsNotClaimable() {
        TaskPayload released = createGlobal("Released");
        TaskPayload expired = createGlobal("Expired");
        TaskPayload stopped = createGlobal("Stopped");
        TaskPayload blocker = createGlobal("Blocker");
        RunPayload releasedRun = enqueue(released.id());
        clock.tick();
        RunPayload expiredRun = enqueue(expired.id());
        clock.tick();
        RunPayload stoppedRun = enqueue(stopped.id());
        Agent a = agent("coder");
        Agent b = agent("coder");
        Agent c = agent("coder");
        assertThat(a.claimOne().run().id()).isEqualTo(releasedRun.id());
        assertThat(b.claimOne(claimNext().lease(30).build()).run().id()).isEqualTo(expiredRun.id());
        assertThat(c.claimOne().run().id()).isEqualTo(stoppedRun.id());
        for (TaskPayload t : List.of(released, expired, stopped)) {
            depend(t.id(), blocker.id());
            assertThat(taskOf(t.id()).status())
                    .as("%s while its run is held", t.title())
                    .isEqualTo(TaskStatus.BLOCKED);
        }

        a.release(releasedRun.id(), null);
        clock.advance(Duration.ofSeconds(31));
        sweep();
        service().stopSession(CALLER, c.id());

        for (RunPayload r : List.of(releasedRun, expiredRun, stoppedRun)) {
            assertThat(run(r.id()).status()).isEqualTo(RunStatus.QUEUED);
        }
        Agent next = agent("coder");
        next.claimsNothing();
        failsWith(ErrorCode.TASK_NOT_EXECUTABLE, () -> claimRun(releasedRun.id()));

        runToCompletion(enqueue(blocker.id()).id());
        assertThat(next.claimOne().run().id()).isEqualTo(releasedRun.id());
    }

    /** A run that goes back to the queue is claimed by the owner and priority its task has now. */
    @Test
    void aRunRequeuedAfterItsTaskWasEditedFollowsTheEdit() {
        TaskPayload task = createGlobal("Task");
        RunPayload run = enqueue(task.id());
        Agent a = agent("coder");
        a.claimOne();
        update(task.id(), patch().owner("human", "alice"));

        a.release(run.id(), "not mine any more");

        agent("coder").claimsNothing();
        assertThat(run(run.id()).status()).isEqualTo(RunStatus.QUEUED);
    }

    /**
     * Reference §3.3: only complete and fail refuse a token-fenced run; the operator (through the session
     * executor) may still start it, and the agent then completes it through its lease.
     */
    @Test
    void theOperatorMayStartALeaseClaimedRunWhichItsAgentThenCompletes() {
        TaskPayload task = createGlobal("Task");
        RunPayload queued = enqueue(task.id());
        Agent agent = agent("coder");
        agent.claimOne();

        RunPayload running = startRun(queued.id());

        assertThat(running.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(taskOf(task.id()).status()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(agent.heartbeat(queued.id(), 60L).status()).isEqualTo(RunStatus.RUNNING);
        assertThat(agent.complete(queued.id()).status()).isEqualTo(RunStatus.COMPLETED);
    }

    // ---- heartbeat ------------------------------------------------------------------------------

    @Test
    void aHeartbeatResetsTheLeaseFromNow() {
        TaskPayload task = createGlobal("Task");
        RunPayload queued = enqueue(task.id());
        Agent agent = agent("coder");
        agent.claimOne(claimNext().lease(60).build());
        Instant beat = clock.advance(Duration.ofSeconds(45));

        LeasePayload lease = agent.heartbeat(queued.id(), 120L);

        assertThat(lease.leaseUntil()).isEqualTo(beat.plusSeconds(120));
        assertThat(lease.heartbeatAt()).isEqualTo(beat);
        assertThat(lease.status()).isEqualTo(RunStatus.CLAIMED);
        assertThat(run(queued.id()).leaseUntil()).isEqualTo(beat.plusSeconds(120));
        EventPayload event = newestEvent(task.id());
        assertThat(event.eventType()).isEqualTo("task.run_lease_extended");
        assertThat(Instant.parse(event.payload().path("lease_until").asText())).isEqualTo(beat.plusSeconds(120));

        // Not added to the old expiry: a heartbeat may also shorten the lease.
        Instant later = clock.advance(Duration.ofSeconds(10));
        assertThat(agent.heartbeat(queued.id(), 5L).leaseUntil()).isEqualTo(later.plusSeconds(5));
        assertThat(agent.heartbeat(queued.id(), null).leaseUntil()).isEqualTo(later.plus(Duration.ofMinutes(5)));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> agent.heartbeat(queued.id(), -5L));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> agent.heartbeat(queued.id(), 86_401L));
    }

    @Test
    void aHeartbeatKeepsTheRunFromBeingSwept() {
        RunPayload queued = enqueue(createGlobal("Task").id());
        Agent agent = agent("coder");
        agent.claimOne(claimNext().lease(30).build());
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(20));
            agent.heartbeat(queued.id(), 30L);
            assertThat(sweep()).isZero();
        }

        assertThat(run(queued.id()).status()).isEqualTo(RunStatus.CLAIMED);
        assertThat(agent.complete(queued.id()).status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void refusesAHeartbeatOnceTheLeaseHasLapsed() {
        RunPayload queued = enqueue(createGlobal("Task").id());
        Agent agent = agent("coder");
        agent.claimOne(claimNext().lease(30).build());
        clock.advance(Duration.ofSeconds(30));

        failsWith(ErrorCode.LEASE_EXPIRED, () -> agent.heartbeat(queued.id(), 60L));

        assertThat(run(queued.id()).leaseUntil()).isEqualTo(START.plusSeconds(30));
    }

    // ---- complete, fail, release ----------------------------------------------------------------

    @Test
    void completesAClaimedRunDirectly() {
        TaskPayload task = createGlobal("Task");
        RunPayload queued = enqueue(task.id());
        Agent agent = agent("coder");
        String hash = agent.claimOne().run().claimTokenHash();
        Instant end = clock.tick();

        LeasePayload lease = agent.complete(queued.id(), json("{\"pr\":17}"));

        assertThat(lease.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(lease.claimTokenHash()).isEqualTo(hash);
        assertThat(lease.leaseUntil()).isNull();
        RunPayload done = run(queued.id());
        assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(done.result()).isEqualTo(json("{\"pr\":17}"));
        assertThat(done.endedAt()).isEqualTo(end);
        assertThat(done.sessionId()).isEqualTo(agent.id());
        assertThat(done.claimedBy()).isEqualTo(agent.actor());
        TaskPayload after = taskOf(task.id());
        assertThat(after.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(after.currentRunId()).isNull();
        EventPayload event = newestEvent(task.id());
        assertThat(event.eventType()).isEqualTo("task.run_completed");
        assertThat(event.payload().path("claim_token_hash").asText()).isEqualTo(hash);
        assertThat(event.origin()).isEqualTo(new Origin(OriginKind.HTTP, "agent.task.complete"));
        // Done is done: a second completion is refused.
        conflicts(() -> agent.complete(queued.id()));
    }

    @Test
    void failsALeasedRunAndLeavesTheTaskReadyWhileAttemptsRemain() {
        TaskPayload task = create(task("Task").maxAttempts(2));
        RunPayload queued = enqueue(task.id());
        Agent agent = agent("coder");
        agent.claimOne();

        LeasePayload lease = agent.fail(queued.id(), "compiler crashed");

        assertThat(lease.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run(queued.id()).error()).isEqualTo("compiler crashed");
        assertThat(taskOf(task.id()).status()).isEqualTo(TaskStatus.READY);
        assertThat(newestEvent(task.id()).eventType()).isEqualTo("task.run_failed");
        failsWith(ErrorCode.VALIDATION_FAILED, () -> agent.fail(queued.id(), " "));

        RunPayload retry = enqueue(task.id());
        agent.claimOne();
        agent.fail(retry.id(), "again");
        assertThat(taskOf(task.id()).status()).isEqualTo(TaskStatus.FAILED);
    }

    @Test
    void aReleaseRequeuesTheRunWithItsAttempt() {
        TaskPayload task = createGlobal("Task");
        RunPayload queued = enqueue(task.id());
        Agent agent = agent("coder");
        agent.claimOne();
        clock.tick();

        LeasePayload lease = agent.release(queued.id(), "need a bigger machine");

        assertThat(lease.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(lease.sessionId()).isNull();
        assertThat(lease.claimTokenHash()).isNull();
        assertThat(lease.leaseUntil()).isNull();
        RunPayload requeued = run(queued.id());
        assertThat(requeued.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(requeued.attempt()).isEqualTo(1);
        assertThat(requeued.queuedAt()).isEqualTo(queued.queuedAt());
        assertThat(requeued.sessionId()).isNull();
        assertThat(requeued.claimedBy()).isNull();
        assertThat(requeued.claimTokenHash()).isNull();
        assertThat(requeued.claimedAt()).isNull();
        assertThat(taskOf(task.id()).status()).isEqualTo(TaskStatus.READY);
        assertThat(taskOf(task.id()).currentRunId()).isNull();
        EventPayload event = newestEvent(task.id());
        assertThat(event.eventType()).isEqualTo("task.run_released");
        assertThat(event.payload().path("previous_status").asText()).isEqualTo("claimed");
        assertThat(event.payload().path("status").asText()).isEqualTo("queued");
        assertThat(event.payload().path("reason").asText()).isEqualTo("need a bigger machine");
        assertThat(event.payload().path("session_id").asText()).isEqualTo(agent.id());

        // Anyone, the same agent included, may claim it again: same run, same attempt, new token.
        Agent other = agent("coder");
        ClaimPayload again = other.claimOne();
        assertThat(again.run().id()).isEqualTo(queued.id());
        assertThat(again.run().attempt()).isEqualTo(1);
    }

    @Test
    void refusesCompletionFailureAndHeartbeatAfterARelease() {
        RunPayload queued = enqueue(createGlobal("Task").id());
        Agent agent = agent("coder");
        agent.claimOne();
        agent.release(queued.id(), null);

        conflicts(() -> agent.complete(queued.id()));
        conflicts(() -> agent.fail(queued.id(), "late"));
        conflicts(() -> agent.heartbeat(queued.id(), 60L));
        conflicts(() -> agent.release(queued.id(), null));

        RunPayload run = run(queued.id());
        assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(run.result()).isNull();
        assertThat(run.error()).isNull();
    }

    @Test
    void refusesCompletionAfterTheLeaseLapsedEvenBeforeTheSweep() {
        TaskPayload task = createGlobal("Task");
        RunPayload queued = enqueue(task.id());
        Agent agent = agent("coder");
        agent.claimOne(claimNext().lease(10).build());
        clock.advance(Duration.ofSeconds(11));

        failsWith(ErrorCode.LEASE_EXPIRED, () -> agent.complete(queued.id()));
        failsWith(ErrorCode.LEASE_EXPIRED, () -> agent.fail(queued.id(), "late"));
        assertThat(run(queued.id()).status()).isEqualTo(RunStatus.CLAIMED);

        assertThat(sweep()).isEqualTo(1);
        conflicts(() -> agent.complete(queued.id()));
        assertThat(run(queued.id()).status()).isEqualTo(RunStatus.QUEUED);
        assertThat(taskOf(task.id()).status()).isEqualTo(TaskStatus.READY);
    }

    @Test
    void aStaleWorkerCannotTouchARunClaimedAgain() {
        TaskPayload task = createGlobal("Task");
        RunPayload queued = enqueue(task.id());
        Agent stale = agent("coder");
        Agent fresh = agent("coder");
        stale.claimOne(claimNext().lease(30).build());
        clock.advance(Duration.ofSeconds(31));
        sweep();
        ClaimPayload reclaimed = fresh.claimOne(claimNext().lease(300).build());
        assertThat(reclaimed.run().id()).isEqualTo(queued.id());
        int eventsBefore = events(task.id()).size();

        failsWith(ErrorCode.NO_ACTIVE_LEASE, () -> stale.complete(queued.id()));
        failsWith(ErrorCode.NO_ACTIVE_LEASE, () -> stale.fail(queued.id(), "I was first"));
        failsWith(ErrorCode.NO_ACTIVE_LEASE, () -> stale.heartbeat(queued.id(), 600L));
        failsWith(ErrorCode.NO_ACTIVE_LEASE, () -> stale.release(queued.id(), null));

        RunPayload unchanged = run(queued.id());
        assertThat(unchanged.status()).isEqualTo(RunStatus.CLAIMED);
        assertThat(unchanged.sessionId()).isEqualTo(fresh.id());
        assertThat(unchanged.claimTokenHash()).isEqualTo(reclaimed.run().claimTokenHash());
        assertThat(unchanged.leaseUntil()).isEqualTo(reclaimed.run().leaseUntil());
        assertThat(events(task.id())).hasSize(eventsBefore);

        // The stale worker now holds another lease: touching the old run is a foreign run (403).
        RunPayload other = enqueue(createGlobal("Other").id());
        assertThat(stale.claimOne().run().id()).isEqualTo(other.id());
        failsWith(ErrorCode.FOREIGN_RUN, () -> stale.complete(queued.id()));
        failsWith(ErrorCode.FOREIGN_RUN, () -> stale.heartbeat(queued.id(), 600L));
        assertThat(run(queued.id())).isEqualTo(unchanged);

        assertThat(fresh.complete(queued.id()).status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(stale.complete(other.id()).status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void aClaimRecoversLapsedLeasesWithoutWaitingForTheSweeper() {
        RunPayload queued = enqueue(createGlobal("Task").id());
        Agent crashed = agent("coder");
        Agent next = agent("coder");
        crashed.claimOne(claimNext().lease(30).build());
        clock.advance(Duration.ofSeconds(29));
        next.claimsNothing();
        clock.advance(Duration.ofSeconds(1));

        ClaimPayload claim = next.claimOne();

        assertThat(claim.run().id()).isEqualTo(queued.id());
        assertThat(claim.run().sessionId()).isEqualTo(next.id());
        conflicts(() -> crashed.complete(queued.id()));
    }

    @Test
    void anotherSessionsRunIsForeignToAnAgentHoldingALease() {
        RunPayload first = enqueue(createGlobal("First").id());
        clock.tick();
        RunPayload second = enqueue(createGlobal("Second").id());
        Agent a = agent("coder");
        Agent b = agent("coder");
        assertThat(a.claimOne().run().id()).isEqualTo(first.id());
        assertThat(b.claimOne().run().id()).isEqualTo(second.id());

        failsWith(ErrorCode.FOREIGN_RUN, () -> a.complete(second.id()));
        failsWith(ErrorCode.FOREIGN_RUN, () -> a.release(second.id(), null));
        Agent idle = agent("coder");
        failsWith(ErrorCode.NO_ACTIVE_LEASE, () -> idle.complete(second.id()));

        assertThat(run(second.id()).status()).isEqualTo(RunStatus.CLAIMED);
        assertThat(run(second.id()).sessionId()).isEqualTo(b.id());
    }

    @Test
    void refusesLeaseCallsFromCallersWithoutASession() {
        RunPayload queued = enqueue(createGlobal("Task").id());
        agent("coder").claimOne();

        failsWith(ErrorCode.UNAUTHENTICATED, () -> service().completeLease(CALLER, queued.id(), null));
        failsWith(ErrorCode.UNAUTHENTICATED, () -> service().heartbeat(CALLER, queued.id(), null));

        assertThat(run(queued.id()).status()).isEqualTo(RunStatus.CLAIMED);
    }

    @Test
    void refusesAnOversizedResult() {
        RunPayload queued = enqueue(createGlobal("Task").id());
        Agent agent = agent("coder");
        agent.claimOne();

        failsWithOneOf(
                () -> agent.complete(queued.id(), json("{\"log\":\"" + "x".repeat(65 * 1024) + "\"}")),
                ErrorCode.VALUE_TOO_LARGE,
                ErrorCode.PAYLOAD_TOO_LARGE);

        assertThat(run(queued.id()).status()).isEqualTo(RunStatus.CLAIMED);
        assertThat(agent.complete(queued.id(), json("{\"log\":\"" + "x".repeat(60 * 1024) + "\"}"))
                        .status())
                .isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void refusesAResultCarryingARawClaimToken() {
        RunPayload queued = enqueue(createGlobal("Task").id());
        Agent agent = agent("coder");
        agent.claimOne();

        failsWith(ErrorCode.VALIDATION_FAILED, () -> agent.complete(queued.id(), json("{\"claim_token\":\"x\"}")));

        assertThat(run(queued.id()).status()).isEqualTo(RunStatus.CLAIMED);
        assertThat(Json.write(run(queued.id()))).doesNotContain("claim_token\":\"x");
    }
}
