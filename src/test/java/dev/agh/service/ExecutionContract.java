package dev.agh.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.api.EventPayload;
import dev.agh.api.Requests.ExecuteTask;
import dev.agh.api.Responses.TaskRunResponse;
import dev.agh.api.RunPayload;
import dev.agh.api.TaskPayload;
import dev.agh.domain.ApprovalState;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.Origin;
import dev.agh.domain.OriginKind;
import dev.agh.domain.RunStatus;
import dev.agh.domain.TaskStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Making work: enqueue, start, publish, approve and reject, and how a task's status follows its runs
 * and its dependencies (reference §3, §4.7, §4.8, §5.1; SPEC "Idempotency").
 */
abstract class ExecutionContract extends RunLifecycleFixture {

    // ---- enqueue --------------------------------------------------------------------------------

    @Test
    void enqueuesAQueuedFirstAttemptAndKeepsTheTaskReady() {
        TaskPayload task = createGlobal("Task");
        Instant at = clock.tick();

        RunPayload run = enqueue(task.id());

        assertThat(run.id()).matches(RUN_ID);
        assertThat(run.taskId()).isEqualTo(task.id());
        assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(run.attempt()).isEqualTo(1);
        assertThat(run.queuedAt()).isEqualTo(at);
        assertThat(run.origin()).isEqualTo(new Origin(OriginKind.HTTP, "tasks.enqueue_run"));
        assertThat(run.claimedBy()).isNull();
        assertThat(run.sessionId()).isNull();
        assertThat(run.claimTokenHash()).isNull();
        assertThat(run.leaseUntil()).isNull();
        assertThat(run.endedAt()).isNull();
        assertThat(taskOf(task.id()).status()).isEqualTo(TaskStatus.READY);
        assertThat(runs(task.id())).containsExactly(run);
        assertThat(run(run.id())).isEqualTo(run);
        EventPayload event = newestEvent(task.id());
        assertThat(event.eventType()).isEqualTo("task.run_enqueued");
        assertThat(event.runId()).isEqualTo(run.id());
        assertThat(event.payload().path("attempt").asInt()).isEqualTo(1);
        assertThat(event.payload().path("status").asText()).isEqualTo("queued");
        assertThat(event.payload().path("task_status").asText()).isEqualTo("ready");
    }

    @Test
    void refusesToEnqueueForADraftOrCanceledTask() {
        TaskPayload draft = create(task("Draft").draft());
        TaskPayload canceled = createGlobal("Canceled");
        cancelTask(canceled.id(), "not needed");
        long draftEvents = events(draft.id()).size();
        long canceledEvents = events(canceled.id()).size();

        failsWith(ErrorCode.TASK_NOT_EXECUTABLE, () -> enqueue(draft.id()));
        failsWith(ErrorCode.TASK_NOT_EXECUTABLE, () -> enqueue(canceled.id()));

        assertThat(runs(draft.id())).isEmpty();
        assertThat(runs(canceled.id())).isEmpty();
        assertThat(events(draft.id())).hasSize((int) draftEvents);
        assertThat(events(canceled.id())).hasSize((int) canceledEvents);
    }

    @Test
    void refusesASecondRunWhileOneIsOpen() {
        TaskPayload task = createGlobal("Task");
        RunPayload first = enqueue(task.id());

        failsWith(ErrorCode.OPEN_RUN_EXISTS, () -> enqueue(task.id()));
        claimRun(first.id());
        failsWith(ErrorCode.OPEN_RUN_EXISTS, () -> enqueue(task.id()));
        startRun(first.id());
        failsWith(ErrorCode.OPEN_RUN_EXISTS, () -> enqueue(task.id(), key("fresh-key")));

        assertThat(runs(task.id())).extracting(RunPayload::id).containsExactly(first.id());
    }

    @Test
    void refusesToEnqueueOnceEveryAttemptIsUsed() {
        TaskPayload task = create(task("Twice").maxAttempts(2));
        runToFailure(enqueue(task.id()).id(), "first");
        clock.tick();
        RunPayload second = enqueue(task.id());
        assertThat(second.attempt()).isEqualTo(2);
        runToCompletion(second.id());

        failsWith(ErrorCode.ATTEMPTS_EXHAUSTED, () -> enqueue(task.id()));

        assertThat(runs(task.id())).hasSize(2);
        assertThat(taskOf(task.id()).status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void replaysAnExplicitIdempotencyKeyWithTheSameRunAndNoEvent() {
        TaskPayload task = createGlobal("Task");
        RunPayload first = enqueue(task.id(), key("deploy-42"));
        assertThat(first.idempotencyKey()).isEqualTo("deploy-42");
        int eventsBefore = events(task.id()).size();
        long seqBefore = taskOf(task.id()).latestEventSeq();
        clock.tick();

        RunPayload again = enqueue(task.id(), key("deploy-42"));

        assertThat(again).isEqualTo(first);
        assertThat(events(task.id())).hasSize(eventsBefore);
        assertThat(taskOf(task.id()).latestEventSeq()).isEqualTo(seqBefore);
        assertThat(runs(task.id())).containsExactly(first);

        // The replay is checked before the open-run rule, and holds after the run ended too.
        runToCompletion(first.id());
        RunPayload afterEnd = enqueue(task.id(), key("deploy-42"));
        assertThat(afterEnd.id()).isEqualTo(first.id());
        assertThat(afterEnd.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(runs(task.id())).hasSize(1);
    }

    @Test
    void refusesAnIdempotencyKeyBoundToAnotherTask() {
        TaskPayload a = createGlobal("A");
        TaskPayload b = createGlobal("B");
        enqueue(a.id(), key("shared-key"));

        failsWith(ErrorCode.IDEMPOTENCY_CONFLICT, () -> enqueue(b.id(), key("shared-key")));

        assertThat(runs(b.id())).isEmpty();
    }

    @Test
    void anAgentSessionMayNotEnqueueStartOrApproveTasks() {
        TaskPayload task = createGlobal("Task");
        TaskPayload gated = create(task("Gated").approval("manual"));
        Agent agent = agent("coder");

        failsWith(ErrorCode.OPERATOR_ONLY, () -> agent.service.enqueueRun(agent.caller, task.id(), key("agent-key-1")));
        failsWith(ErrorCode.OPERATOR_ONLY, () -> agent.service.startTask(agent.caller, task.id(), key("agent-key-2")));
        failsWith(
                ErrorCode.OPERATOR_ONLY, () -> agent.service.approveTask(agent.caller, gated.id(), key("agent-key-3")));
        failsWith(ErrorCode.OPERATOR_ONLY, () -> agent.service.deleteTask(agent.caller, task.id()));
        assertThat(runs(task.id())).isEmpty();
        assertThat(runs(gated.id())).isEmpty();
    }

    @Test
    void refusesABadChannelOrOversizedMetadataOnEnqueue() {
        TaskPayload task = createGlobal("Task");
        String big = "x".repeat(17 * 1024);

        failsWith(ErrorCode.VALIDATION_FAILED, () -> enqueue(task.id(), new ExecuteTask(null, "Not a channel!", null)));
        failsWithOneOf(
                () -> enqueue(task.id(), new ExecuteTask(null, null, json("{\"blob\":\"" + big + "\"}"))),
                ErrorCode.VALUE_TOO_LARGE,
                ErrorCode.PAYLOAD_TOO_LARGE);
        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> enqueue(task.id(), new ExecuteTask(null, null, json("{\"required_capabilities\":\"gpu\"}"))));

        assertThat(runs(task.id())).isEmpty();
        RunPayload run = enqueue(task.id(), new ExecuteTask(null, "build-farm", json("{\"commit\":\"abc123\"}")));
        assertThat(run.networkChannel()).isEqualTo("build-farm");
        assertThat(run.metadata()).isEqualTo(json("{\"commit\":\"abc123\"}"));
    }

    @Test
    void refusesToDeleteATaskWithAnOpenRun() {
        TaskPayload task = createGlobal("Task");
        RunPayload run = enqueue(task.id());
        Agent agent = agent("coder");
        agent.claimOne();

        failsWith(ErrorCode.TASK_HAS_OPEN_RUNS, () -> delete(task.id()));

        agent.complete(run.id());
        delete(task.id());
        failsWith(ErrorCode.TASK_NOT_FOUND, () -> detail(task.id()));
        failsWith(ErrorCode.RUN_NOT_FOUND, () -> run(run.id()));
    }

    // ---- start ----------------------------------------------------------------------------------

    @Test
    void startsAReadyTaskWithAQueuedRun() {
        TaskPayload task = createGlobal("Task");

        TaskRunResponse started = start(task.id());

        assertThat(started.task().id()).isEqualTo(task.id());
        assertThat(started.task().status()).isEqualTo(TaskStatus.READY);
        assertThat(started.run().status()).isEqualTo(RunStatus.QUEUED);
        assertThat(started.run().attempt()).isEqualTo(1);
        assertThat(started.run().origin()).isEqualTo(new Origin(OriginKind.HTTP, "tasks.start"));
        assertThat(runs(task.id()))
                .extracting(RunPayload::id)
                .containsExactly(started.run().id());
        assertThat(eventTypes(task.id())).containsExactly("task.run_enqueued", "task.created");
    }

    @Test
    void refusesToStartABlockedDraftOrCanceledTask() {
        TaskPayload blocker = createGlobal("Blocker");
        TaskPayload blocked = createGlobal("Blocked");
        depend(blocked.id(), blocker.id());
        TaskPayload draft = create(task("Draft").draft());
        TaskPayload canceled = createGlobal("Canceled");
        cancelTask(canceled.id(), null);
        TaskPayload awaitingApproval = create(task("Needs approval").approval("manual"));

        failsWith(ErrorCode.TASK_NOT_EXECUTABLE, () -> start(blocked.id()));
        failsWith(ErrorCode.TASK_NOT_EXECUTABLE, () -> start(draft.id()));
        failsWith(ErrorCode.TASK_NOT_EXECUTABLE, () -> start(canceled.id()));
        failsWith(ErrorCode.TASK_NOT_EXECUTABLE, () -> start(awaitingApproval.id()));

        for (TaskPayload t : new TaskPayload[] {blocked, draft, canceled, awaitingApproval}) {
            assertThat(runs(t.id())).as("runs of %s", t.title()).isEmpty();
        }
    }

    @Test
    void repeatsOfStartReturnTheOpenRunWithoutANewEvent() {
        TaskPayload task = createGlobal("Task");
        RunPayload first = start(task.id()).run();
        int eventsBefore = events(task.id()).size();
        clock.tick();

        TaskRunResponse again = start(task.id());

        assertThat(again.run()).isEqualTo(first);
        assertThat(events(task.id())).hasSize(eventsBefore);
        claimRun(first.id());
        assertThat(start(task.id()).run().id()).isEqualTo(first.id());
        assertThat(runs(task.id())).hasSize(1);
    }

    @Test
    void startsANewAttemptAfterTheOpenRunEnded() {
        TaskPayload task = createGlobal("Task");
        RunPayload first = start(task.id()).run();
        runToFailure(first.id(), "flaky");
        assertThat(taskOf(task.id()).status()).isEqualTo(TaskStatus.READY);
        clock.tick();

        TaskRunResponse second = start(task.id());

        assertThat(second.run().id()).isNotEqualTo(first.id());
        assertThat(second.run().attempt()).isEqualTo(2);
        assertThat(second.run().status()).isEqualTo(RunStatus.QUEUED);
        assertThat(second.task().status()).isEqualTo(TaskStatus.READY);
        assertThat(runs(task.id())).extracting(RunPayload::attempt).containsExactly(2, 1);
    }

    @Test
    void startsACompletedTaskAgainWhileAttemptsRemain() {
        TaskPayload task = createGlobal("Task");
        runToCompletion(start(task.id()).run().id());
        assertThat(taskOf(task.id()).status()).isEqualTo(TaskStatus.COMPLETED);
        clock.tick();

        TaskRunResponse again = start(task.id());

        assertThat(again.run().attempt()).isEqualTo(2);
        assertThat(again.task().status()).isEqualTo(TaskStatus.READY);
    }

    @Test
    void refusesToStartWhileARunEnqueuedByAnotherPathIsOpen() {
        TaskPayload task = createGlobal("Task");
        RunPayload open = enqueue(task.id());

        failsWith(ErrorCode.OPEN_RUN_EXISTS, () -> start(task.id()));

        assertThat(runs(task.id())).extracting(RunPayload::id).containsExactly(open.id());
    }

    // ---- publish --------------------------------------------------------------------------------

    @Test
    void publishesADraftAndEnqueuesItsRun() {
        TaskPayload draft = create(task("Draft").draft());
        Instant at = clock.tick();

        TaskRunResponse published = publish(draft.id());

        assertThat(published.task().status()).isEqualTo(TaskStatus.READY);
        assertThat(published.task().draft()).isNull();
        assertThat(published.task().updatedAt()).isEqualTo(at);
        assertThat(published.run().status()).isEqualTo(RunStatus.QUEUED);
        assertThat(published.run().attempt()).isEqualTo(1);
        assertThat(eventTypes(draft.id())).containsExactly("task.run_enqueued", "task.published", "task.created");
        EventPayload event = newestEvent(draft.id(), "task.published");
        assertThat(event.payload().path("previous_status").asText()).isEqualTo("draft");
        assertThat(event.payload().path("status").asText()).isEqualTo("ready");
    }

    @Test
    void publishesOnlyDrafts() {
        TaskPayload ready = createGlobal("Ready");
        TaskPayload finished = create(task("Draft, published and done").draft());
        runToCompletion(publish(finished.id()).run().id());
        int eventsBefore = events(ready.id()).size();

        failsWith(ErrorCode.INVALID_TRANSITION, () -> publish(ready.id()));
        failsWith(ErrorCode.INVALID_TRANSITION, () -> publish(finished.id()));

        assertThat(runs(ready.id())).isEmpty();
        assertThat(events(ready.id())).hasSize(eventsBefore);
        assertThat(runs(finished.id())).hasSize(1);
    }

    /**
     * SPEC "Idempotency": the default key of publish dedupes against the task's open run, so a client retrying
     * its publish gets the run the first call made (upstream: the key is looked up before any state check).
     */
    @Test
    void repeatingAPublishWhileItsRunIsOpenReturnsThatRun() {
        TaskPayload draft = create(task("Draft").draft());
        TaskRunResponse first = publish(draft.id());
        int eventsBefore = events(draft.id()).size();

        TaskRunResponse again = publish(draft.id());

        assertThat(again.run()).isEqualTo(first.run());
        assertThat(events(draft.id())).hasSize(eventsBefore);
        assertThat(runs(draft.id())).hasSize(1);
    }

    @Test
    void refusesToPublishADraftWithUnresolvedDependencies() {
        TaskPayload blocker = createGlobal("Blocker");
        TaskPayload draft = create(task("Draft").draft());
        depend(draft.id(), blocker.id());
        int eventsBefore = events(draft.id()).size();

        failsWith(ErrorCode.TASK_NOT_EXECUTABLE, () -> publish(draft.id()));

        assertThat(taskOf(draft.id()).status()).isEqualTo(TaskStatus.DRAFT);
        assertThat(runs(draft.id())).isEmpty();
        assertThat(events(draft.id())).hasSize(eventsBefore);

        runToCompletion(enqueue(blocker.id()).id());
        assertThat(publish(draft.id()).task().status()).isEqualTo(TaskStatus.READY);
    }

    // ---- approval -------------------------------------------------------------------------------

    @Test
    void approvingAPendingManualTaskEnqueuesItsRun() {
        TaskPayload task = create(task("Deploy").approval("manual"));
        assertThat(task.status()).isEqualTo(TaskStatus.BLOCKED);
        assertThat(task.approvalState()).isEqualTo(ApprovalState.PENDING);

        TaskRunResponse approved = approve(task.id());

        assertThat(approved.task().approvalState()).isEqualTo(ApprovalState.APPROVED);
        assertThat(approved.task().status()).isEqualTo(TaskStatus.READY);
        assertThat(approved.run().status()).isEqualTo(RunStatus.QUEUED);
        assertThat(approved.run().origin()).isEqualTo(new Origin(OriginKind.HTTP, "tasks.approve"));
        assertThat(eventTypes(task.id())).containsExactly("task.run_enqueued", "task.approved", "task.created");
        EventPayload event = newestEvent(task.id(), "task.approved");
        assertThat(event.payload().path("previous_approval_state").asText()).isEqualTo("pending");
        assertThat(event.payload().path("approval_state").asText()).isEqualTo("approved");
    }

    /** SPEC "Idempotency": the default key of approve dedupes against the open run it made. */
    @Test
    void repeatingAnApprovalWhileItsRunIsOpenReturnsThatRun() {
        TaskPayload task = create(task("Deploy").approval("manual"));
        TaskRunResponse first = approve(task.id());
        int eventsBefore = events(task.id()).size();

        TaskRunResponse again = approve(task.id());

        assertThat(again.run()).isEqualTo(first.run());
        assertThat(events(task.id())).hasSize(eventsBefore);
        assertThat(runs(task.id())).hasSize(1);
    }

    @Test
    void approvalEnqueuesEvenWhileDependenciesAreUnresolved() {
        TaskPayload blocker = createGlobal("Blocker");
        TaskPayload task = create(task("Deploy").approval("manual"));
        depend(task.id(), blocker.id());

        TaskRunResponse approved = approve(task.id());

        assertThat(approved.run().status()).isEqualTo(RunStatus.QUEUED);
        assertThat(approved.task().status()).isEqualTo(TaskStatus.BLOCKED);
        runToCompletion(enqueue(blocker.id()).id());
        assertThat(taskOf(task.id()).status()).isEqualTo(TaskStatus.READY);
    }

    @Test
    void rejectingAPendingManualTaskKeepsItBlockedWithoutRuns() {
        TaskPayload task = create(task("Deploy").approval("manual"));

        TaskPayload rejected = reject(task.id());

        assertThat(rejected.approvalState()).isEqualTo(ApprovalState.REJECTED);
        assertThat(rejected.status()).isEqualTo(TaskStatus.BLOCKED);
        assertThat(runs(task.id())).isEmpty();
        assertThat(eventTypes(task.id())).containsExactly("task.rejected", "task.created");
        EventPayload event = newestEvent(task.id());
        assertThat(event.payload().path("approval_state").asText()).isEqualTo("rejected");
        assertThat(event.payload().path("status").asText()).isEqualTo("blocked");
        failsWith(ErrorCode.TASK_NOT_EXECUTABLE, () -> start(task.id()));
    }

    @Test
    void decidesApprovalOnlyOnPendingManualTasks() {
        TaskPayload none = createGlobal("No approval needed");
        TaskPayload approved = create(task("Approved and done").approval("manual"));
        runToCompletion(approve(approved.id()).run().id());
        TaskPayload rejected = create(task("Rejected").approval("manual"));
        reject(rejected.id());

        failsWith(ErrorCode.INVALID_TRANSITION, () -> approve(none.id()));
        failsWith(ErrorCode.INVALID_TRANSITION, () -> reject(none.id()));
        failsWith(ErrorCode.INVALID_TRANSITION, () -> approve(approved.id()));
        failsWith(ErrorCode.INVALID_TRANSITION, () -> reject(approved.id()));
        failsWith(ErrorCode.INVALID_TRANSITION, () -> approve(rejected.id()));
        failsWith(ErrorCode.INVALID_TRANSITION, () -> reject(rejected.id()));

        assertThat(runs(none.id())).isEmpty();
        assertThat(runs(approved.id())).hasSize(1);
        assertThat(runs(rejected.id())).isEmpty();
        assertThat(taskOf(rejected.id()).approvalState()).isEqualTo(ApprovalState.REJECTED);
    }

    @Test
    void changingTheApprovalPolicyResetsTheApprovalState() {
        TaskPayload task = create(task("Deploy").approval("manual"));
        reject(task.id());

        TaskPayload unmanaged = update(task.id(), patch().approval("none"));
        assertThat(unmanaged.approvalState()).isEqualTo(ApprovalState.NOT_REQUIRED);
        assertThat(unmanaged.status()).isEqualTo(TaskStatus.READY);

        TaskPayload managedAgain = update(task.id(), patch().approval("manual"));
        assertThat(managedAgain.approvalState()).isEqualTo(ApprovalState.PENDING);
        assertThat(managedAgain.status()).isEqualTo(TaskStatus.BLOCKED);

        // Re-sending the same policy changes nothing.
        assertThat(update(task.id(), patch().approval("manual")).approvalState())
                .isEqualTo(ApprovalState.PENDING);
        assertThat(approve(task.id()).task().approvalState()).isEqualTo(ApprovalState.APPROVED);
    }

    // ---- status derivation ----------------------------------------------------------------------

    @Test
    void derivesTheTaskStatusFromItsRuns() {
        TaskPayload task = createGlobal("Task");
        RunPayload run = enqueue(task.id());
        assertThat(taskOf(task.id()).status()).isEqualTo(TaskStatus.READY);

        RunPayload claimed = claimRun(run.id());
        assertThat(claimed.status()).isEqualTo(RunStatus.CLAIMED);
        // A claimed run alone does not make the task in progress.
        assertThat(taskOf(task.id()).status()).isEqualTo(TaskStatus.READY);
        assertThat(taskOf(task.id()).currentRunId()).isEqualTo(run.id());

        startRun(run.id());
        assertThat(taskOf(task.id()).status()).isEqualTo(TaskStatus.IN_PROGRESS);
        assertThat(summary(task.id()).status()).isEqualTo(TaskStatus.IN_PROGRESS);

        Instant end = clock.tick();
        completeRun(run.id(), json("{\"ok\":true}"));
        TaskPayload done = taskOf(task.id());
        assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(done.closedAt()).isEqualTo(end);
        assertThat(done.currentRunId()).isNull();
        assertThat(listIds(query().status("completed"))).containsExactly(task.id());
    }

    @Test
    void failsTheTaskOnlyAfterItsLastAllowedAttemptFailed() {
        TaskPayload task = create(task("Flaky").maxAttempts(2));

        runToFailure(enqueue(task.id()).id(), "first try");
        TaskPayload afterOne = taskOf(task.id());
        assertThat(afterOne.status()).isEqualTo(TaskStatus.READY);
        assertThat(afterOne.closedAt()).isNull();

        clock.tick();
        Instant end = clock.tick();
        RunPayload second = enqueue(task.id());
        runToFailure(second.id(), "second try");
        TaskPayload afterTwo = taskOf(task.id());
        assertThat(afterTwo.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(afterTwo.closedAt()).isEqualTo(end);
        assertThat(run(second.id()).error()).isEqualTo("second try");
        failsWith(ErrorCode.ATTEMPTS_EXHAUSTED, () -> enqueue(task.id()));
    }

    @Test
    void aFailedRunOfADependentWithUnresolvedBlockersLeavesItBlocked() {
        TaskPayload task = createGlobal("Task");
        RunPayload run = enqueue(task.id());
        claimRun(run.id());
        startRun(run.id());
        TaskPayload blocker = createGlobal("Late blocker");
        depend(task.id(), blocker.id());
        assertThat(taskOf(task.id()).status()).isEqualTo(TaskStatus.IN_PROGRESS);

        failRun(run.id(), "broke");

        assertThat(taskOf(task.id()).status()).isEqualTo(TaskStatus.BLOCKED);
    }

    @Test
    void cancelingTheLatestRunCancelsTheTask() {
        TaskPayload task = createGlobal("Task");
        RunPayload run = enqueue(task.id());

        RunPayload canceled = cancelRun(run.id(), "wrong input");

        assertThat(canceled.status()).isEqualTo(RunStatus.CANCELED);
        assertThat(canceled.endedAt()).isEqualTo(START);
        assertThat(taskOf(task.id()).status()).isEqualTo(TaskStatus.CANCELED);
        EventPayload event = newestEvent(task.id());
        assertThat(event.eventType()).isEqualTo("task.run_canceled");
        assertThat(event.payload().path("reason").asText()).isEqualTo("wrong input");
        failsWith(ErrorCode.TASK_NOT_EXECUTABLE, () -> enqueue(task.id()));
    }

    @Test
    void loweringMaxAttemptsAppliesToFutureEnqueues() {
        TaskPayload task = create(task("Task").maxAttempts(3));
        runToCompletion(enqueue(task.id()).id());

        update(task.id(), patch().maxAttempts(1));

        failsWith(ErrorCode.ATTEMPTS_EXHAUSTED, () -> enqueue(task.id()));
    }

    // ---- dependencies ---------------------------------------------------------------------------

    @Test
    void completingABlockerUnblocksItsDependentsDownTheChain() {
        TaskPayload a = createGlobal("A");
        TaskPayload b = createGlobal("B");
        TaskPayload c = createGlobal("C");
        TaskPayload d = createGlobal("D, also after A");
        depend(b.id(), a.id());
        depend(c.id(), b.id());
        depend(d.id(), a.id());
        RunPayload bRun = enqueue(b.id());
        assertThat(taskOf(b.id()).status()).isEqualTo(TaskStatus.BLOCKED);
        assertThat(taskOf(c.id()).status()).isEqualTo(TaskStatus.BLOCKED);

        runToCompletion(enqueue(a.id()).id());

        assertThat(taskOf(b.id()).status()).isEqualTo(TaskStatus.READY);
        assertThat(taskOf(d.id()).status()).isEqualTo(TaskStatus.READY);
        assertThat(taskOf(c.id()).status())
                .as("C waits for B, which is only ready")
                .isEqualTo(TaskStatus.BLOCKED);
        assertThat(listIds(query().status("blocked"))).containsExactly(c.id());

        runToCompletion(bRun.id());
        assertThat(taskOf(c.id()).status()).isEqualTo(TaskStatus.READY);
        assertThat(listIds(query().status("blocked"))).isEmpty();

        // Each dependent's timeline says when and why it became ready.
        assertThat(eventTypes(b.id())).contains("task.unblocked");
        assertThat(eventTypes(c.id())).containsOnlyOnce("task.unblocked");
        EventPayload unblocked = newestEvent(c.id(), "task.unblocked");
        assertThat(unblocked.payload().path("from").asText()).isEqualTo("blocked");
        assertThat(unblocked.payload().path("to").asText()).isEqualTo("ready");
        assertThat(unblocked.payload().path("dependency_task_id").asText()).isEqualTo(b.id());
        assertThat(eventTypes(a.id())).doesNotContain("task.unblocked");
    }

    @Test
    void aDependentWaitsForAllOfItsBlockers() {
        TaskPayload a = createGlobal("A");
        TaskPayload b = createGlobal("B");
        TaskPayload both = createGlobal("After A and B");
        depend(both.id(), a.id());
        depend(both.id(), b.id());

        runToCompletion(enqueue(a.id()).id());
        assertThat(taskOf(both.id()).status()).isEqualTo(TaskStatus.BLOCKED);

        runToCompletion(enqueue(b.id()).id());
        assertThat(taskOf(both.id()).status()).isEqualTo(TaskStatus.READY);
    }

    @Test
    void aBlockedRunIsNotClaimableUntilItsBlockerCompletes() {
        TaskPayload blocker = createGlobal("Blocker");
        TaskPayload task = createGlobal("Task");
        depend(task.id(), blocker.id());
        RunPayload run = enqueue(task.id());
        Agent agent = agent("coder");

        failsWith(ErrorCode.TASK_NOT_EXECUTABLE, () -> claimRun(run.id()));
        agent.claimsNothing();

        runToCompletion(enqueue(blocker.id()).id());

        assertThat(agent.claimOne().run().id()).isEqualTo(run.id());
    }

    @Test
    void autoEnqueuesOptedInDependentsWhenTheirBlockerCompletes() {
        TaskPayload blocker = createGlobal("Blocker");
        TaskPayload auto = create(task("Auto").autoEnqueue(true));
        TaskPayload manual = createGlobal("Manual");
        depend(auto.id(), blocker.id());
        depend(manual.id(), blocker.id());
        RunPayload blockerRun = enqueue(blocker.id());
        Agent agent = agent("coder");
        agent.claimOne();

        agent.complete(blockerRun.id());

        assertThat(runs(auto.id())).singleElement().satisfies(run -> {
            assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
            assertThat(run.attempt()).isEqualTo(1);
            assertThat(run.idempotencyKey()).isEqualTo("task.auto_enqueue." + auto.id() + "." + blockerRun.id());
        });
        assertThat(taskOf(auto.id()).status()).isEqualTo(TaskStatus.READY);
        assertThat(newestEvent(auto.id()).eventType()).isEqualTo("task.run_enqueued");
        assertThat(runs(manual.id())).isEmpty();
        assertThat(taskOf(manual.id()).status()).isEqualTo(TaskStatus.READY);
    }

    @Test
    void autoEnqueuesNothingWhileTheDependentIsStillBlocked() {
        TaskPayload first = createGlobal("First");
        TaskPayload second = createGlobal("Second");
        TaskPayload auto = create(task("Auto").autoEnqueue(true));
        depend(auto.id(), first.id());
        depend(auto.id(), second.id());
        Agent agent = agent("coder");
        RunPayload firstRun = enqueue(first.id());
        agent.claimOne();

        agent.complete(firstRun.id());

        assertThat(runs(auto.id())).isEmpty();
        assertThat(taskOf(auto.id()).status()).isEqualTo(TaskStatus.BLOCKED);
    }

    /** Reference §5.1: auto-enqueue follows a lease-path (agent) completion only; the operator's complete does not trigger it. */
    @Test
    void autoEnqueueFollowsAnOperatorCompletionToo() {
        // docs/DECISIONS.md: agh auto-enqueues on both completion paths (upstream: the agent path only).
        TaskPayload blocker = createGlobal("Blocker");
        TaskPayload auto = create(task("Auto").autoEnqueue(true));
        depend(auto.id(), blocker.id());

        runToCompletion(enqueue(blocker.id()).id());

        assertThat(taskOf(auto.id()).status()).isEqualTo(TaskStatus.READY);
        assertThat(runs(auto.id()))
                .as("runs of the dependent after a manual completion")
                .hasSize(1);
        assertThat(runs(auto.id()).get(0).idempotencyKey()).startsWith("task.auto_enqueue." + auto.id() + ".");
    }

    // ---- cancel ---------------------------------------------------------------------------------

    @Test
    void cancelingATaskCascadesToItsDescendantsAndTheirOpenRuns() {
        TaskPayload root = createGlobal("Root");
        TaskPayload child = createChild(root.id(), task("Child"));
        TaskPayload done = createChild(root.id(), task("Done child"));
        TaskPayload grandchild = createChild(child.id(), task("Grandchild"));
        RunPayload rootRun = enqueue(root.id());
        RunPayload childRun = enqueue(child.id());
        claimRun(childRun.id());
        startRun(childRun.id());
        RunPayload grandchildRun = enqueue(grandchild.id());
        runToCompletion(enqueue(done.id()).id());
        Instant at = clock.tick();

        TaskPayload canceled = service()
                .cancelTask(CALLER, root.id(), new dev.agh.api.Requests.Cancel("scope changed", json("{\"ticket\":7}")))
                .task();

        assertThat(canceled.id()).isEqualTo(root.id());
        assertThat(canceled.status()).isEqualTo(TaskStatus.CANCELED);
        assertThat(canceled.closedAt()).isEqualTo(at);
        for (TaskPayload t : new TaskPayload[] {root, child, grandchild}) {
            assertThat(taskOf(t.id()).status()).as("status of %s", t.title()).isEqualTo(TaskStatus.CANCELED);
        }
        assertThat(taskOf(done.id()).status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(run(rootRun.id()).status()).isEqualTo(RunStatus.CANCELED);
        assertThat(run(childRun.id()).status()).isEqualTo(RunStatus.CANCELED);
        assertThat(run(grandchildRun.id()).status()).isEqualTo(RunStatus.CANCELED);
        assertThat(run(grandchildRun.id()).endedAt()).isEqualTo(at);

        EventPayload rootCanceled = newestEvent(root.id(), "task.canceled");
        assertThat(rootCanceled.payload().has("propagated_from_task_id")).isFalse();
        assertThat(rootCanceled.payload().path("reason").asText()).isEqualTo("scope changed");
        assertThat(rootCanceled.payload().path("metadata")).isEqualTo(json("{\"ticket\":7}"));
        assertThat(strings(rootCanceled.payload().path("canceled_run_ids"))).containsExactly(rootRun.id());
        assertThat(newestEvent(root.id(), "task.run_canceled").payload().has("propagated_from_task_id"))
                .isFalse();
        for (TaskPayload t : new TaskPayload[] {child, grandchild}) {
            assertThat(newestEvent(t.id(), "task.canceled")
                            .payload()
                            .path("propagated_from_task_id")
                            .asText())
                    .as("task.canceled of %s", t.title())
                    .isEqualTo(root.id());
            EventPayload runCanceled = newestEvent(t.id(), "task.run_canceled");
            assertThat(runCanceled.payload().path("propagated_from_task_id").asText())
                    .as("task.run_canceled of %s", t.title())
                    .isEqualTo(root.id());
            assertThat(runCanceled.runId()).isNotNull();
        }
        assertThat(eventTypes(done.id())).doesNotContain("task.canceled");
    }

    @Test
    void cancelingATaskLeavesItsDependentsBlocked() {
        TaskPayload blocker = createGlobal("Blocker");
        TaskPayload dependent = createGlobal("Dependent");
        depend(dependent.id(), blocker.id());

        cancelTask(blocker.id(), null);

        assertThat(taskOf(dependent.id()).status()).isEqualTo(TaskStatus.BLOCKED);
    }

    @Test
    void refusesToCancelACompletedOrFailedTaskWithoutOpenRuns() {
        TaskPayload completed = createGlobal("Completed");
        runToCompletion(enqueue(completed.id()).id());
        TaskPayload failed = create(task("Failed").maxAttempts(1));
        runToFailure(enqueue(failed.id()).id(), "broken");
        TaskPayload child = createChild(completed.id(), task("Child"));
        int eventsBefore = events(completed.id()).size();

        failsWith(ErrorCode.INVALID_TRANSITION, () -> cancelTask(completed.id(), null));
        failsWith(ErrorCode.INVALID_TRANSITION, () -> cancelTask(failed.id(), null));

        assertThat(taskOf(completed.id()).status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(taskOf(failed.id()).status()).isEqualTo(TaskStatus.FAILED);
        assertThat(taskOf(child.id()).status())
                .as("the refused cancel reached no child")
                .isEqualTo(TaskStatus.READY);
        assertThat(events(completed.id())).hasSize(eventsBefore);
    }

    @Test
    void cancelingAnAlreadyCanceledTaskIsANoOp() {
        TaskPayload task = createGlobal("Task");
        cancelTask(task.id(), "first");
        int eventsBefore = events(task.id()).size();
        clock.tick();

        TaskPayload again = cancelTask(task.id(), "second");

        assertThat(again.status()).isEqualTo(TaskStatus.CANCELED);
        assertThat(again.closedAt()).isEqualTo(START);
        assertThat(events(task.id())).hasSize(eventsBefore);
    }

    @Test
    void cancelingATaskRevokesTheLeaseOfItsAgentHeldRun() {
        TaskPayload root = createGlobal("Root");
        TaskPayload child = createChild(root.id(), task("Child"));
        RunPayload run = enqueue(child.id());
        Agent agent = agent("coder");
        agent.claimOne();

        cancelTask(root.id(), "stop");

        assertThat(run(run.id()).status()).isEqualTo(RunStatus.CANCELED);
        conflicts(() -> agent.complete(run.id()));
        conflicts(() -> agent.heartbeat(run.id(), 60L));
        assertThat(run(run.id()).status()).isEqualTo(RunStatus.CANCELED);
        // The session holds nothing any more: it may claim other work.
        RunPayload other = enqueue(createGlobal("Other").id());
        assertThat(agent.claimOne().run().id()).isEqualTo(other.id());
    }
}
