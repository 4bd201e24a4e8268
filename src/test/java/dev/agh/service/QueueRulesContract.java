package dev.agh.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.api.ClaimPayload;
import dev.agh.api.EventPayload;
import dev.agh.api.Requests.ExecuteTask;
import dev.agh.api.Requests.FailRun;
import dev.agh.api.Requests.Pause;
import dev.agh.api.RunPayload;
import dev.agh.api.TaskPayload;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.RetryPolicy;
import dev.agh.domain.RetryStrategy;
import dev.agh.domain.RunStatus;
import dev.agh.domain.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every queue has, on every implementation: delayed runs ({@code not_before}, {@code delay_seconds}),
 * automatic retry with backoff after an agent's failure, and pausing a task with its subtree. Time moves only
 * when a case moves {@link #clock}, so every delay is exact (jitter 0 where a delay is asserted).
 */
abstract class QueueRulesContract extends BundledClaimContract {

    // ---- delayed runs ---------------------------------------------------------------------------

    @Test
    void aDelayedRunIsNotClaimableBeforeItsTime() {
        TaskPayload task = createGlobal("Later");
        RunPayload run = service().startTask(CALLER, task.id(), delayed(600)).run();
        assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
        assertThat(run.notBefore()).isEqualTo(START.plusSeconds(600));
        assertThat(newestEvent(task.id(), "task.run_enqueued")
                        .payload()
                        .get("not_before")
                        .asText())
                .isEqualTo("2026-03-01T09:10:00Z");
        assertThat(taskOf(task.id()).status())
                .as("waiting for its time, not blocked")
                .isEqualTo(TaskStatus.READY);

        Agent agent = agent("patient");
        agent.claimsNothing();
        clock.advance(Duration.ofSeconds(599));
        agent.claimsNothing();
        clock.advance(Duration.ofSeconds(1));
        assertThat(agent.claimOne().run().id()).isEqualTo(run.id());
    }

    @Test
    void aDelayedRunWaitsBehindNothing() {
        TaskPayload later = create(task("Later").priority("urgent"));
        TaskPayload now = create(task("Now").priority("low"));
        service().enqueueRun(CALLER, later.id(), delayed(60));
        enqueue(now.id());
        Agent agent = agent("worker");
        assertThat(agent.claimOne().task().id())
                .as("the urgent task is not due yet; the low one is")
                .isEqualTo(now.id());
    }

    @Test
    void notBeforeTakesAnRfc3339TimeAndRefusesWhatIsNotOne() {
        TaskPayload task = createGlobal("At nine thirty");
        RunPayload run = service()
                .enqueueRun(CALLER, task.id(), new ExecuteTask(null, null, null, "2026-03-01T10:30:00+01:00", null))
                .run();
        assertThat(run.notBefore()).isEqualTo(Instant.parse("2026-03-01T09:30:00Z"));

        TaskPayload other = createGlobal("Bad times");
        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> service().startTask(CALLER, other.id(), new ExecuteTask(null, null, null, "tomorrow", null)));
        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> service()
                        .startTask(CALLER, other.id(), new ExecuteTask(null, null, null, "2026-03-01T10:00:00Z", 60L)));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> service().startTask(CALLER, other.id(), delayed(-1)));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> service().startTask(CALLER, other.id(), delayed(400L * 86_400)));
        assertThat(runs(other.id()))
                .as("nothing was enqueued by the refused calls")
                .isEmpty();

        RunPayload past = service()
                .startTask(CALLER, other.id(), new ExecuteTask(null, null, null, "2020-01-01T00:00:00Z", null))
                .run();
        assertThat(past.notBefore()).as("a time in the past means at once").isNull();
        assertThat(agent("eager").claimOne().run().id()).isEqualTo(past.id());
    }

    @Test
    void publishAndApproveTakeADelayToo() {
        TaskPayload draft = create(task("Draft").draft());
        RunPayload published =
                service().publishTask(CALLER, draft.id(), delayed(30)).run();
        assertThat(published.notBefore()).isEqualTo(START.plusSeconds(30));

        TaskPayload gated = create(task("Gated").approval("manual"));
        RunPayload approved =
                service().approveTask(CALLER, gated.id(), delayed(45)).run();
        assertThat(approved.notBefore()).isEqualTo(START.plusSeconds(45));
    }

    /** No commit happens when a delayed run comes due: a waiting claimer sets its own alarm for it. */
    @Test
    @Timeout(30)
    void aWaitingClaimWakesWhenADelayedRunComesDue() throws Exception {
        TaskPayload task = createGlobal("Soon");
        RunPayload run = service().startTask(CALLER, task.id(), delayed(1)).run();
        Agent agent = agent("waiter");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Optional<ClaimPayload>> waiting =
                    pool.submit(() -> agent.claim(claimNext().waitUpTo(20).build()));
            Thread.sleep(300);
            assertThat(waiting).as("not due yet").isNotDone();
            clock.advance(Duration.ofSeconds(2));
            // The alarm rings about 1 s after the claim parked (the delay as the service's clock saw it).
            Optional<ClaimPayload> claim = waiting.get(10, TimeUnit.SECONDS);
            assertThat(claim)
                    .as("woken by the due time, well before the 20 s wait ends")
                    .isPresent();
            assertThat(claim.get().run().id()).isEqualTo(run.id());
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- automatic retry ------------------------------------------------------------------------

    @Test
    void aFailedRunIsRetriedWithExponentialBackoffUntilAttemptsRunOut() {
        TaskPayload task = create(task("Flaky").maxAttempts(4).retry("exponential", 10L, 25L, 0.0));
        assertThat(task.retryPolicy().policy()).isEqualTo(new RetryPolicy(RetryStrategy.EXPONENTIAL, 10, 25, 0.0));
        enqueue(task.id());
        Agent agent = agent("flaky");

        long[] expectedDelays = {10, 20, 25};
        for (int attempt = 1; attempt <= 3; attempt++) {
            ClaimPayload claim = agent.claimOne();
            assertThat(claim.run().attempt()).isEqualTo(attempt);
            agent.fail(claim.run().id(), "rate limited");
            RunPayload retry = openRun(task.id());
            assertThat(retry.attempt()).isEqualTo(attempt + 1);
            assertThat(retry.notBefore()).isEqualTo(clock.instant().plusSeconds(expectedDelays[attempt - 1]));
            EventPayload scheduled = newestEvent(task.id(), "task.run_retry_scheduled");
            assertThat(scheduled.runId()).isEqualTo(retry.id());
            assertThat(scheduled.payload().get("failed_run_id").asText())
                    .isEqualTo(claim.run().id());
            assertThat(scheduled.payload().get("delay_ms").asLong()).isEqualTo(expectedDelays[attempt - 1] * 1000);
            assertThat(taskOf(task.id()).status()).as("waiting for the retry").isEqualTo(TaskStatus.READY);

            clock.advance(Duration.ofSeconds(expectedDelays[attempt - 1] - 1));
            agent.claimsNothing();
            clock.advance(Duration.ofSeconds(1));
        }
        ClaimPayload last = agent.claimOne();
        assertThat(last.run().attempt()).isEqualTo(4);
        agent.fail(last.run().id(), "still rate limited");
        assertThat(runs(task.id()))
                .as("the fourth attempt was the last")
                .hasSize(4)
                .allMatch(r -> r.status() == RunStatus.FAILED);
        assertThat(taskOf(task.id()).status()).isEqualTo(TaskStatus.FAILED);
    }

    @Test
    void aFixedPolicyWaitsTheSameEachTimeAndJitterOnlyShortensIt() {
        TaskPayload fixed = create(task("Fixed").maxAttempts(3).retry("fixed", 30L, null, 0.0));
        assertThat(fixed.retryPolicy().maxDelaySeconds())
                .as("fixed: the maximum defaults to the base")
                .isEqualTo(30);
        enqueue(fixed.id());
        Agent agent = agent("fixed");
        agent.fail(agent.claimOne().run().id(), "boom");
        assertThat(openRun(fixed.id()).notBefore()).isEqualTo(clock.instant().plusSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        agent.fail(agent.claimOne().run().id(), "boom");
        assertThat(openRun(fixed.id()).notBefore()).isEqualTo(clock.instant().plusSeconds(30));

        TaskPayload jittered = create(task("Jittered").maxAttempts(2).retry("fixed", 100L, null, 0.5));
        enqueue(jittered.id());
        Agent other = agent("jittered");
        other.fail(other.claimOne().run().id(), "boom");
        Instant due = openRun(jittered.id()).notBefore();
        assertThat(due)
                .isBetween(clock.instant().plusSeconds(50), clock.instant().plusSeconds(100));
    }

    @Test
    void withoutAPolicyTheServerDefaultDecides() {
        TaskPayload plain = create(task("Plain").maxAttempts(3));
        assertThat(plain.retryPolicy()).as("no policy of its own").isNull();
        enqueue(plain.id());
        Agent agent = agent("plain");
        agent.fail(agent.claimOne().run().id(), "boom");
        assertThat(service()
                        .listRuns(CALLER, plain.id(), new dev.agh.api.Requests.ListRuns(null, null, null))
                        .runs())
                .as("the default default: no automatic retry, as upstream")
                .hasSize(1);
        assertThat(taskOf(plain.id()).status())
                .as("a retry may be started by hand")
                .isEqualTo(TaskStatus.READY);

        backend().setDefaultRetryPolicy(RetryPolicy.of(RetryStrategy.FIXED, 5L, null, 0.0));
        start(plain.id());
        agent.fail(agent.claimOne().run().id(), "boom");
        assertThat(openRun(plain.id()).notBefore()).isEqualTo(clock.instant().plusSeconds(5));

        TaskPayload never = create(task("Never").maxAttempts(3).retry("none", null, null, null));
        assertThat(never.retryPolicy())
                .isEqualTo(new dev.agh.api.RetryPolicyPayload(RetryStrategy.NONE, null, null, null));
        enqueue(never.id());
        agent.fail(agent.claimOne().run().id(), "boom");
        assertThat(runs(never.id()))
                .as("its own none beats the server's default")
                .hasSize(1);
    }

    @Test
    void aFailureMarkedNotRetryableAndAnOperatorsFailAreNotRetried() {
        TaskPayload task = create(task("Fatal").maxAttempts(3).retry("fixed", 5L, null, 0.0));
        enqueue(task.id());
        Agent agent = agent("fatal");
        String runId = agent.claimOne().run().id();
        agent.service.failLease(agent.caller, runId, new FailRun("bad input", null, false));
        assertThat(runs(task.id())).hasSize(1);
        assertThat(newestEvent(task.id(), "task.run_failed")
                        .payload()
                        .get("retryable")
                        .asBoolean(true))
                .isFalse();

        RunPayload manual = enqueue(task.id());
        runToFailure(manual.id(), "operator says no");
        assertThat(runs(task.id()))
                .as("an operator's fail is a decision, not a transient failure")
                .hasSize(2);
    }

    @Test
    void retryPoliciesAreValidatedAndCanBeChangedAndCleared() {
        failsWith(ErrorCode.VALIDATION_FAILED, () -> create(task("A").retry("sometimes", null, null, null)));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> create(task("B").retry("fixed", 0L, null, null)));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> create(task("C").retry("exponential", 60L, 30L, null)));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> create(task("D").retry("exponential", null, null, 1.5)));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> create(task("E").retry("fixed", 8L * 86_400, null, null)));

        TaskPayload task = createGlobal("Changing");
        TaskPayload withPolicy = update(task.id(), patch().retry("exponential", null, null, null));
        assertThat(withPolicy.retryPolicy().policy())
                .as("defaults filled in")
                .isEqualTo(new RetryPolicy(RetryStrategy.EXPONENTIAL, 30, 3600, 0.1));
        assertThat(strings(newestEvent(task.id(), "task.updated").payload().get("changed_fields")))
                .containsExactly("retry_policy");
        assertThat(update(task.id(), patch().clearRetry()).retryPolicy()).isNull();
        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> update(task.id(), patch().retry("fixed", null, null, null).clearRetry()));
    }

    // ---- pause and resume -----------------------------------------------------------------------

    @Test
    void pausingATaskStopsClaimsInItsWholeSubtreeUntilResumed() {
        TaskPayload parent = createGlobal("Parent");
        TaskPayload child = createChild(parent.id(), task("Child"));
        TaskPayload grandchild = createChild(child.id(), task("Grandchild"));
        TaskPayload elsewhere = createGlobal("Elsewhere");
        for (TaskPayload t : List.of(child, grandchild, elsewhere)) {
            enqueue(t.id());
        }
        TaskPayload paused = service()
                .pauseTask(CALLER, parent.id(), new Pause("deploy freeze"))
                .task();
        assertThat(paused.paused()).isTrue();
        assertThat(paused.pausedAt()).isEqualTo(START);
        assertThat(taskOf(grandchild.id()).paused()).isTrue();
        assertThat(newestEvent(grandchild.id(), "task.paused")
                        .payload()
                        .get("root_task_id")
                        .asText())
                .isEqualTo(parent.id());
        assertThat(newestEvent(grandchild.id(), "task.paused")
                        .payload()
                        .get("reason")
                        .asText())
                .isEqualTo("deploy freeze");

        Agent agent = agent("busy");
        ClaimPayload only = agent.claimOne();
        assertThat(only.task().id()).isEqualTo(elsewhere.id());
        agent.complete(only.run().id());
        agent.claimsNothing();

        TaskPayload born = createChild(parent.id(), task("Born paused"));
        assertThat(born.paused()).as("a child of a paused task starts paused").isTrue();

        service().pauseTask(CALLER, parent.id(), null);
        assertThat(eventTypes(parent.id()).stream().filter("task.paused"::equals))
                .as("pausing again changes nothing")
                .hasSize(1);

        TaskPayload resumed = service().resumeTask(CALLER, parent.id(), null).task();
        assertThat(resumed.paused()).isNull();
        assertThat(taskOf(child.id()).paused()).isNull();
        assertThat(newestEvent(child.id(), "task.resumed")).isNotNull();
        List<String> claimed = List.of(agent.claimOne().task().id());
        assertThat(claimed).containsAnyOf(child.id(), grandchild.id());
    }

    @Test
    void resumingAChildLeavesItsPausedParentPausedAndARunInFlightFinishes() {
        TaskPayload parent = createGlobal("Parent");
        TaskPayload child = createChild(parent.id(), task("Child"));
        enqueue(parent.id());
        Agent agent = agent("holder");
        String held = agent.claimOne().run().id();
        service().pauseTask(CALLER, parent.id(), null);
        assertThat(agent.complete(held).status())
                .as("a claimed run goes on to its end")
                .isEqualTo(RunStatus.COMPLETED);

        enqueue(child.id());
        agent.claimsNothing();
        service().resumeTask(CALLER, child.id(), null);
        assertThat(taskOf(parent.id()).paused()).isTrue();
        assertThat(agent.claimOne().task().id()).isEqualTo(child.id());
    }

    @Test
    void aScheduledRetryWaitsWhileItsTaskIsPaused() {
        TaskPayload task = create(task("Paused retry").maxAttempts(3).retry("fixed", 10L, null, 0.0));
        enqueue(task.id());
        Agent agent = agent("retrier");
        agent.fail(agent.claimOne().run().id(), "boom");
        service().pauseTask(CALLER, task.id(), null);
        clock.advance(Duration.ofSeconds(60));
        agent.claimsNothing();
        service().resumeTask(CALLER, task.id(), null);
        assertThat(agent.claimOne().run().attempt()).isEqualTo(2);
    }

    @Test
    void onlyTheOperatorPausesAndAMissingTaskIsNotFound() {
        TaskPayload task = createGlobal("Mine");
        Agent agent = agent("sneaky");
        failsWith(ErrorCode.OPERATOR_ONLY, () -> agent.service.pauseTask(agent.caller, task.id(), null));
        failsWith(ErrorCode.OPERATOR_ONLY, () -> agent.service.resumeTask(agent.caller, task.id(), null));
        failsWith(ErrorCode.TASK_NOT_FOUND, () -> service().pauseTask(CALLER, "task-missing", null));
        assertThat(taskOf(task.id()).paused()).isNull();
    }

    // ---- helpers --------------------------------------------------------------------------------

    static ExecuteTask delayed(long seconds) {
        return new ExecuteTask(null, null, null, null, seconds);
    }

    RunPayload openRun(String taskId) {
        return runs(taskId).stream()
                .filter(r -> r.status() == RunStatus.QUEUED)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no queued run of " + taskId));
    }
}
