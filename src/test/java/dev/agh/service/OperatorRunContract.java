package dev.agh.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.api.EventPayload;
import dev.agh.api.Requests.AttachSession;
import dev.agh.api.Requests.ClaimRun;
import dev.agh.api.Requests.FailRun;
import dev.agh.api.Requests.ListAllRuns;
import dev.agh.api.Requests.ListRuns;
import dev.agh.api.Responses.RunPageResponse;
import dev.agh.api.RunDetailPayload;
import dev.agh.api.RunPayload;
import dev.agh.api.TaskPayload;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.Origin;
import dev.agh.domain.OriginKind;
import dev.agh.domain.RunStatus;
import dev.agh.domain.TaskStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The operator's path through a run ({@code /api/task-runs/{id}/…}, reference §3.3 A, §4.10, §8.20-8.26):
 * claim without a lease, start, attach a session, complete, fail, cancel; and the run read views.
 */
abstract class OperatorRunContract extends ExecutionContract {

    /** {@code GET /api/task-runs}: every task's runs, newest queued first, filtered, in pages that never overlap. */
    @Test
    void listsTheRunsOfEveryTaskNewestFirstFilteredAndInPages() {
        RunPayload first = enqueue(createGlobal("First").id());
        clock.tick();
        TaskPayload second = createGlobal("Second");
        RunPayload secondRun = enqueue(second.id());
        clock.tick();
        RunPayload third = enqueue(createGlobal("Third").id());
        Agent agent = agent("lister");
        String claimed = agent.claimOne().run().id();

        RunPageResponse all = service().listAllRuns(CALLER, ListAllRuns.ALL);
        assertThat(all.runs()).extracting(RunPayload::id).containsExactly(third.id(), secondRun.id(), first.id());
        assertThat(all.nextCursor()).isNull();
        assertThat(ids(new ListAllRuns("claimed", null, null, null, null, null, null)))
                .containsExactly(claimed);
        assertThat(ids(new ListAllRuns(null, null, agent.id(), null, null, null, null)))
                .containsExactly(claimed);
        assertThat(ids(new ListAllRuns(null, second.id(), null, null, null, null, null)))
                .containsExactly(secondRun.id());
        assertThat(ids(new ListAllRuns("failed", null, null, null, null, null, null)))
                .isEmpty();

        RunPageResponse page1 = service().listAllRuns(CALLER, new ListAllRuns(null, null, null, null, null, 2, null));
        assertThat(page1.runs()).extracting(RunPayload::id).containsExactly(third.id(), secondRun.id());
        assertThat(page1.nextCursor()).isNotBlank();
        RunPageResponse page2 =
                service().listAllRuns(CALLER, new ListAllRuns(null, null, null, null, null, 2, page1.nextCursor()));
        assertThat(page2.runs()).extracting(RunPayload::id).containsExactly(first.id());
        assertThat(page2.nextCursor()).isNull();

        assertThat(agent.service.listAllRuns(agent.caller, ListAllRuns.ALL).runs())
                .as("any caller may read")
                .hasSize(3);
        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> service().listAllRuns(CALLER, new ListAllRuns("busy", null, null, null, null, null, null)));
        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> service()
                        .listAllRuns(CALLER, new ListAllRuns(null, null, null, null, null, null, "not-a-cursor")));
        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> service().listAllRuns(CALLER, new ListAllRuns(null, null, null, null, null, 1001, null)));
        failsWith(
                ErrorCode.WORKSPACE_NOT_FOUND,
                () -> service().listAllRuns(CALLER, new ListAllRuns(null, null, null, null, "nowhere", null, null)));
    }

    private java.util.List<String> ids(ListAllRuns query) {
        return service().listAllRuns(CALLER, query).runs().stream()
                .map(RunPayload::id)
                .toList();
    }

    @Test
    void walksARunThroughClaimStartAndComplete() {
        TaskPayload task = createGlobal("Task");
        RunPayload queued = enqueue(task.id());

        Instant claimAt = clock.tick();
        RunPayload claimed = claimRun(queued.id());
        assertThat(claimed.status()).isEqualTo(RunStatus.CLAIMED);
        assertThat(claimed.claimedBy()).isEqualTo(ALICE);
        assertThat(claimed.claimedAt()).isEqualTo(claimAt);
        assertThat(claimed.claimTokenHash()).as("a manual claim has no token").isNull();
        assertThat(claimed.leaseUntil()).as("a manual claim has no lease").isNull();

        Instant startAt = clock.tick();
        RunPayload running = startRun(queued.id());
        assertThat(running.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(running.startedAt()).isEqualTo(startAt);

        Instant endAt = clock.tick();
        RunPayload completed = completeRun(queued.id(), json("{\"summary\":\"done\",\"files\":[\"a.txt\"]}"));
        assertThat(completed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(completed.endedAt()).isEqualTo(endAt);
        assertThat(completed.result()).isEqualTo(json("{\"summary\":\"done\",\"files\":[\"a.txt\"]}"));
        assertThat(completed.error()).isNull();
        assertThat(completed.claimedBy()).isEqualTo(ALICE);

        assertThat(run(queued.id())).isEqualTo(completed);
        assertThat(runEventTypes(task.id(), queued.id()))
                .containsExactly("task.run_enqueued", "task.run_claimed", "task.run_started", "task.run_completed");
        assertThat(newestEvent(task.id(), "task.run_claimed").origin())
                .isEqualTo(new Origin(OriginKind.HTTP, "tasks.claim_run"));
        assertThat(newestEvent(task.id(), "task.run_completed").payload().path("result"))
                .isEqualTo(json("{\"summary\":\"done\",\"files\":[\"a.txt\"]}"));
    }

    @Test
    void failsARunningRunWithItsError() {
        TaskPayload task = createGlobal("Task");
        RunPayload run = enqueue(task.id());
        claimRun(run.id());
        startRun(run.id());

        RunPayload failed = service()
                .failRun(CALLER, run.id(), new FailRun("tests are red", json("{\"exit\":1}")))
                .run();

        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.error()).isEqualTo("tests are red");
        assertThat(failed.result()).isNull();
        assertThat(failed.endedAt()).isEqualTo(START);
        EventPayload event = newestEvent(task.id());
        assertThat(event.eventType()).isEqualTo("task.run_failed");
        assertThat(event.payload().path("error").asText()).isEqualTo("tests are red");
        assertThat(event.payload().path("metadata")).isEqualTo(json("{\"exit\":1}"));
    }

    @Test
    void attachesASessionToAClaimedRunWhichThenStarts() {
        TaskPayload task = createGlobal("Task");
        RunPayload run = enqueue(task.id());
        Agent agent = agent("coder");
        claimRun(run.id());

        RunPayload attached = service()
                .attachSession(CALLER, run.id(), new AttachSession(agent.id()))
                .run();

        assertThat(attached.status()).isEqualTo(RunStatus.STARTING);
        assertThat(attached.sessionId()).isEqualTo(agent.id());
        assertThat(taskOf(task.id()).status()).isEqualTo(TaskStatus.IN_PROGRESS);
        EventPayload bound = newestEvent(task.id());
        assertThat(bound.eventType()).isEqualTo("task.run_session_bound");
        assertThat(bound.payload().path("session_id").asText()).isEqualTo(agent.id());
        failsWith(
                ErrorCode.SESSION_ALREADY_BOUND,
                () -> service()
                        .attachSession(
                                CALLER,
                                run.id(),
                                new AttachSession(agent("other").id())));

        RunPayload running = startRun(run.id());
        assertThat(running.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(running.sessionId()).isEqualTo(agent.id());
        RunDetailPayload detail = service().getRun(CALLER, run.id()).run();
        assertThat(detail.session()).isNotNull();
        assertThat(detail.session().sessionId()).isEqualTo(agent.id());
        assertThat(detail.session().agentName()).isEqualTo("coder");
    }

    @Test
    void refusesToAttachAnUnknownSessionOrToAnUnclaimedRun() {
        TaskPayload task = createGlobal("Task");
        RunPayload run = enqueue(task.id());
        Agent agent = agent("coder");

        failsWith(
                ErrorCode.INVALID_TRANSITION,
                () -> service().attachSession(CALLER, run.id(), new AttachSession(agent.id())));
        claimRun(run.id());
        failsWith(
                ErrorCode.SESSION_NOT_FOUND,
                () -> service().attachSession(CALLER, run.id(), new AttachSession("sess-0000000000000000")));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> service().attachSession(CALLER, run.id(), new AttachSession(" ")));

        assertThat(run(run.id()).status()).isEqualTo(RunStatus.CLAIMED);
        assertThat(run(run.id()).sessionId()).isNull();
    }

    @Test
    void refusesEveryTransitionTheRunTableDoesNotAllow() {
        TaskPayload task = createGlobal("Task");
        RunPayload run = enqueue(task.id());

        // queued: only claim and cancel
        failsWith(ErrorCode.INVALID_TRANSITION, () -> startRun(run.id()));
        failsWith(ErrorCode.INVALID_TRANSITION, () -> completeRun(run.id(), null));
        failsWith(ErrorCode.INVALID_TRANSITION, () -> failRun(run.id(), "no"));
        claimRun(run.id());
        // claimed: start, attach, cancel
        failsWith(ErrorCode.INVALID_TRANSITION, () -> claimRun(run.id()));
        failsWith(ErrorCode.INVALID_TRANSITION, () -> completeRun(run.id(), null));
        failsWith(ErrorCode.INVALID_TRANSITION, () -> failRun(run.id(), "no"));
        startRun(run.id());
        // running: complete, fail, cancel
        failsWith(ErrorCode.INVALID_TRANSITION, () -> claimRun(run.id()));
        failsWith(ErrorCode.INVALID_TRANSITION, () -> startRun(run.id()));
        completeRun(run.id(), null);
        // completed: nothing
        failsWith(ErrorCode.INVALID_TRANSITION, () -> claimRun(run.id()));
        failsWith(ErrorCode.INVALID_TRANSITION, () -> startRun(run.id()));
        failsWith(ErrorCode.INVALID_TRANSITION, () -> completeRun(run.id(), null));
        failsWith(ErrorCode.INVALID_TRANSITION, () -> failRun(run.id(), "late"));
        failsWith(ErrorCode.INVALID_TRANSITION, () -> cancelRun(run.id(), "late"));

        RunPayload after = run(run.id());
        assertThat(after.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(after.error()).isNull();
        assertThat(runEventTypes(task.id(), run.id()))
                .containsExactly("task.run_enqueued", "task.run_claimed", "task.run_started", "task.run_completed");
    }

    @Test
    void cancelsARunFromEveryOpenState() {
        for (RunStatus from : new RunStatus[] {RunStatus.QUEUED, RunStatus.CLAIMED, RunStatus.RUNNING}) {
            TaskPayload task = createGlobal("Cancel from " + from);
            RunPayload run = enqueue(task.id());
            if (from != RunStatus.QUEUED) {
                claimRun(run.id());
            }
            if (from == RunStatus.RUNNING) {
                startRun(run.id());
            }

            RunPayload canceled = cancelRun(run.id(), "stop");

            assertThat(canceled.status()).as("cancel from %s", from).isEqualTo(RunStatus.CANCELED);
            assertThat(taskOf(task.id()).status())
                    .as("task after cancel from %s", from)
                    .isEqualTo(TaskStatus.CANCELED);
            failsWith(ErrorCode.INVALID_TRANSITION, () -> cancelRun(run.id(), "again"));
        }
    }

    @Test
    void refusesOperatorCompletionOrFailureOfALeaseClaimedRun() {
        TaskPayload task = createGlobal("Task");
        RunPayload run = enqueue(task.id());
        Agent agent = agent("coder");
        String hash = agent.claimOne().run().claimTokenHash();

        failsWith(ErrorCode.INVALID_TRANSITION, () -> completeRun(run.id(), null));
        failsWith(ErrorCode.INVALID_TRANSITION, () -> failRun(run.id(), "operator says no"));

        RunPayload held = run(run.id());
        assertThat(held.status()).isEqualTo(RunStatus.CLAIMED);
        assertThat(held.claimTokenHash()).isEqualTo(hash);
        assertThat(held.sessionId()).isEqualTo(agent.id());
        assertThat(agent.complete(run.id()).status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void refusesToClaimARunOfABlockedTask() {
        TaskPayload blocker = createGlobal("Blocker");
        TaskPayload task = create(task("Task").approval("manual"));
        depend(task.id(), blocker.id());
        RunPayload run = approve(task.id()).run();

        failsWith(ErrorCode.TASK_NOT_EXECUTABLE, () -> claimRun(run.id()));

        assertThat(run(run.id()).status()).isEqualTo(RunStatus.QUEUED);
    }

    /** Reference §4.10: pool work must go through claim-next; an agent_session-owned task only by that session. */
    @Test
    void refusesAManualClaimOfPoolOwnedWork() {
        TaskPayload pool = create(task("Pool work").owner("pool", "coder"));
        RunPayload run = enqueue(pool.id());

        failsWith(ErrorCode.CLAIM_NOT_ALLOWED, () -> claimRun(run.id()));

        assertThat(run(run.id()).status()).isEqualTo(RunStatus.QUEUED);
        assertThat(runEventTypes(pool.id(), run.id())).containsExactly("task.run_enqueued");
    }

    @Test
    void refusesAManualClaimOfWorkOwnedByAnotherAgentSession() {
        Agent owner = agent("coder");
        Agent other = agent("coder");
        TaskPayload task = create(task("Owned").owner("agent_session", owner.id()));
        RunPayload run = enqueue(task.id());

        failsWith(ErrorCode.CLAIM_NOT_ALLOWED, () -> claimRun(run.id()));
        // Runs by hand are the operator's: not even the owning agent claims one this way (it uses claim-next).
        failsWith(
                ErrorCode.OPERATOR_ONLY, () -> other.service.claimRun(other.caller, run.id(), new ClaimRun("k-other")));
        failsWith(
                ErrorCode.OPERATOR_ONLY, () -> owner.service.claimRun(owner.caller, run.id(), new ClaimRun("k-owner")));
        assertThat(run(run.id()).status()).isEqualTo(RunStatus.QUEUED);
    }

    @Test
    void anAgentSessionMayNotClaimOrStartARunByHand() {
        TaskPayload task = createGlobal("Task");
        RunPayload run = enqueue(task.id());
        Agent agent = agent("coder");

        failsWith(ErrorCode.OPERATOR_ONLY, () -> agent.service.claimRun(agent.caller, run.id(), new ClaimRun(null)));
        failsWith(
                ErrorCode.OPERATOR_ONLY, () -> agent.service.startRun(agent.caller, run.id(), new ClaimRun("claim-1")));
        failsWith(ErrorCode.OPERATOR_ONLY, () -> agent.service.cancelRun(agent.caller, run.id(), null));
        assertThat(run(run.id()).status()).isEqualTo(RunStatus.QUEUED);
    }

    @Test
    void refusesAFailureWithoutError() {
        TaskPayload task = createGlobal("Task");
        RunPayload run = enqueue(task.id());
        claimRun(run.id());
        startRun(run.id());

        failsWith(ErrorCode.VALIDATION_FAILED, () -> failRun(run.id(), "  "));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> failRun(run.id(), null));

        assertThat(run(run.id()).status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void answersRunNotFoundForUnknownRuns() {
        String unknown = "run-0000000000000000";

        failsWith(ErrorCode.RUN_NOT_FOUND, () -> run(unknown));
        failsWith(ErrorCode.RUN_NOT_FOUND, () -> claimRun(unknown));
        failsWith(ErrorCode.RUN_NOT_FOUND, () -> startRun(unknown));
        failsWith(ErrorCode.RUN_NOT_FOUND, () -> completeRun(unknown, null));
        failsWith(ErrorCode.RUN_NOT_FOUND, () -> failRun(unknown, "x"));
        failsWith(ErrorCode.RUN_NOT_FOUND, () -> cancelRun(unknown, null));
        failsWith(ErrorCode.TASK_NOT_FOUND, () -> runs("task-0000000000000000"));
        failsWith(ErrorCode.TASK_NOT_FOUND, () -> enqueue("task-0000000000000000"));
    }

    @Test
    void listsRunsNewestFirstWithFilters() {
        TaskPayload task = create(task("Task").maxAttempts(3));
        RunPayload first = enqueue(task.id());
        runToFailure(first.id(), "one");
        clock.tick();
        RunPayload second = enqueue(task.id());
        Agent agent = agent("coder");
        agent.claimOne();

        assertThat(runs(task.id())).extracting(RunPayload::id).containsExactly(second.id(), first.id());
        assertThat(service()
                        .listRuns(CALLER, task.id(), new ListRuns("failed", null, null))
                        .runs())
                .extracting(RunPayload::id)
                .containsExactly(first.id());
        assertThat(service()
                        .listRuns(CALLER, task.id(), new ListRuns(null, agent.id(), null))
                        .runs())
                .extracting(RunPayload::id)
                .containsExactly(second.id());
        assertThat(service()
                        .listRuns(CALLER, task.id(), new ListRuns(null, null, 1))
                        .runs())
                .extracting(RunPayload::id)
                .containsExactly(second.id());
        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> service().listRuns(CALLER, task.id(), new ListRuns("finished", null, null)));
    }

    @Test
    void describesARunWithItsTaskAndLatestActivity() {
        TaskPayload task = createGlobal("Task");
        RunPayload run = enqueue(task.id());
        Instant claimAt = clock.tick();
        claimRun(run.id());

        RunDetailPayload detail = service().getRun(CALLER, run.id()).run();

        assertThat(detail.run().id()).isEqualTo(run.id());
        assertThat(detail.run().status()).isEqualTo(RunStatus.CLAIMED);
        assertThat(detail.task().id()).isEqualTo(task.id());
        assertThat(detail.task().title()).isEqualTo("Task");
        assertThat(detail.session()).isNull();
        assertThat(detail.summary().lastActivityAt()).isEqualTo(claimAt);
        assertThat(detail.summary().lastEventType()).isEqualTo("task.run_claimed");
    }
}
