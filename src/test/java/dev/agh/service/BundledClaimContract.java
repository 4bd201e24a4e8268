package dev.agh.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.agh.api.ClaimPayload;
import dev.agh.api.Requests.ClaimNext;
import dev.agh.api.Requests.CompleteRun;
import dev.agh.api.Requests.FailRun;
import dev.agh.api.Responses.LeaseResponse;
import dev.agh.api.RunPayload;
import dev.agh.api.TaskPayload;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.RunStatus;
import dev.agh.domain.TaskStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The bundled agent call (agh extension): a completion or failure with {@code next} claims the session's next run
 * in the same transaction, under the criteria of a claim-next body, fenced like any claim.
 */
abstract class BundledClaimContract extends StoreContract {

    private LeaseResponse completeWithNext(Agent agent, String runId, ClaimNext next) {
        return agent.service.completeLease(
                agent.caller,
                runId,
                new CompleteRun(JsonNodeFactory.instance.objectNode().put("ok", true), next));
    }

    @Test
    void aCompletionWithNextClaimsTheNextRunInTheSameCall() {
        TaskPayload first = createGlobal("First");
        TaskPayload second = createGlobal("Second");
        RunPayload firstRun = enqueue(first.id());
        clock.tick();
        RunPayload secondRun = enqueue(second.id());
        Agent agent = agent("coder");
        assertThat(agent.claimOne().run().id())
                .as("claim order: first queued first")
                .isEqualTo(firstRun.id());

        LeaseResponse answer =
                completeWithNext(agent, firstRun.id(), claimNext().lease(120).build());

        assertThat(answer.lease().runId()).isEqualTo(firstRun.id());
        assertThat(answer.lease().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run(firstRun.id()).result()).isNotNull();
        assertThat(taskOf(first.id()).status()).isEqualTo(TaskStatus.COMPLETED);
        ClaimPayload next = answer.next();
        assertThat(next).as("the next run, claimed").isNotNull();
        assertThat(next.run().id()).isEqualTo(secondRun.id());
        assertThat(next.task().id()).isEqualTo(second.id());
        assertThat(next.run().status()).isEqualTo(RunStatus.CLAIMED);
        assertThat(next.lease().sessionId()).isEqualTo(agent.id());
        assertThat(next.lease().leaseUntil()).isEqualTo(clock.instant().plusSeconds(120));
        assertThat(run(secondRun.id()).status()).isEqualTo(RunStatus.CLAIMED);
        assertThat(runEventTypes(second.id(), secondRun.id())).containsExactly("task.run_enqueued", "task.run_claimed");

        // The claimed run is held like any other: the agent completes it, and with next again finds nothing left.
        LeaseResponse last = completeWithNext(agent, secondRun.id(), claimNext().build());
        assertThat(last.lease().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(last.next()).as("nothing claimable").isNull();
        assertThat(taskOf(second.id()).status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void aFailureWithNextRecordsTheFailureAndClaimsTheNextRun() {
        TaskPayload broken = createGlobal("Broken");
        TaskPayload fine = createGlobal("Fine");
        RunPayload brokenRun = enqueue(broken.id());
        clock.tick();
        RunPayload fineRun = enqueue(fine.id());
        Agent agent = agent("coder");
        agent.claimOne();

        LeaseResponse answer = agent.service.failLease(
                agent.caller,
                brokenRun.id(),
                new FailRun("compiler crashed", null, null, claimNext().build()));

        assertThat(answer.lease().status()).isEqualTo(RunStatus.FAILED);
        assertThat(run(brokenRun.id()).error()).isEqualTo("compiler crashed");
        assertThat(answer.next().run().id()).isEqualTo(fineRun.id());
        assertThat(run(fineRun.id()).sessionId()).isEqualTo(agent.id());
    }

    /** {@code next} carries claim-next's criteria: a run the criteria exclude stays queued, the completion holds. */
    @Test
    void nextHonoursTheClaimCriteria() {
        TaskPayload urgent = create(task("Urgent").priority("high"));
        TaskPayload minor = create(task("Minor").priority("low"));
        RunPayload urgentRun = enqueue(urgent.id());
        RunPayload minorRun = enqueue(minor.id());
        Agent agent = agent("coder");
        assertThat(agent.claimOne().run().id()).isEqualTo(urgentRun.id());

        LeaseResponse answer = completeWithNext(
                agent, urgentRun.id(), claimNext().priorityMin(30).build());

        assertThat(answer.lease().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(answer.next())
                .as("the only queued run is below priority_min")
                .isNull();
        assertThat(run(minorRun.id()).status()).isEqualTo(RunStatus.QUEUED);
    }

    /** A bad {@code next} fails the whole request before anything is written: the run is still held, nothing claimed. */
    @Test
    void aBadNextFailsTheRequestAndLeavesTheRunHeld() {
        TaskPayload task = createGlobal("Held");
        TaskPayload other = createGlobal("Other");
        RunPayload run = enqueue(task.id());
        clock.tick();
        RunPayload otherRun = enqueue(other.id());
        Agent agent = agent("coder");
        agent.claimOne();

        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> completeWithNext(agent, run.id(), claimNext().waitUpTo(5).build()));
        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> completeWithNext(agent, run.id(), claimNext().lease(-1).build()));
        failsWith(
                ErrorCode.WORKSPACE_FORBIDDEN,
                () -> completeWithNext(
                        agent, run.id(), claimNext().workspace("elsewhere").build()));
        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> agent.service.failLease(
                        agent.caller,
                        run.id(),
                        new FailRun("x", null, null, claimNext().priorityMin(-1).build())));

        assertThat(run(run.id()).status()).as("still held by the agent").isEqualTo(RunStatus.CLAIMED);
        assertThat(run(otherRun.id()).status()).isEqualTo(RunStatus.QUEUED);
        assertThat(runEventTypes(task.id(), run.id())).containsExactly("task.run_enqueued", "task.run_claimed");
        assertThat(completeWithNext(agent, run.id(), claimNext().build())
                        .next()
                        .run()
                        .id())
                .isEqualTo(otherRun.id());
    }

    /** Fencing first: a completion whose lease lapsed is refused, and its next claims nothing. */
    @Test
    void aLapsedLeaseCompletesNothingAndClaimsNothing() {
        TaskPayload task = createGlobal("Slow");
        TaskPayload waiting = createGlobal("Waiting");
        RunPayload run = enqueue(task.id());
        clock.tick();
        RunPayload waitingRun = enqueue(waiting.id());
        Agent agent = agent("coder");
        agent.claimOne(claimNext().lease(30).build());
        clock.advance(Duration.ofSeconds(31));

        failsWith(
                ErrorCode.LEASE_EXPIRED,
                () -> completeWithNext(agent, run.id(), claimNext().build()));

        assertThat(run(waitingRun.id()).status()).isEqualTo(RunStatus.QUEUED);
        assertThat(run(run.id()).status()).isNotEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void anOperatorCompletionTakesNoNext() {
        TaskPayload task = createGlobal("Manual");
        RunPayload run = enqueue(task.id());
        claimRun(run.id());
        startRun(run.id());

        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> service()
                        .completeRun(
                                CALLER,
                                run.id(),
                                new CompleteRun(null, claimNext().build())));
        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> service()
                        .failRun(
                                CALLER,
                                run.id(),
                                new FailRun("no", null, null, claimNext().build())));

        assertThat(run(run.id()).status()).isEqualTo(RunStatus.RUNNING);
    }
}
