package dev.agh.service;

import static dev.agh.service.Mutation.payload;

import dev.agh.api.Json;
import dev.agh.api.Requests.ExecuteTask;
import dev.agh.domain.EventType;
import dev.agh.domain.RetryPolicy;
import dev.agh.domain.Run;
import dev.agh.domain.Task;
import dev.agh.domain.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Automatic retry: a run that an agent failed is queued again, delayed by the task's retry policy (or the
 * server's default), while attempts remain. Only an agent's failure is retried: an operator who fails a run by
 * hand has decided, a run whose lease lapsed more often than {@code max_attempts} is a crash loop, and a failure
 * the agent marks {@code retryable: false} cannot get better by waiting.
 */
final class Retries {
    private Retries() {}

    /** The retry run queued after {@code failed}, if the policy asks for one. */
    static Optional<Run> afterFailure(Mutation m, Run failed, boolean retryable, RetryPolicy serverDefault) {
        Task task = m.lockTask(failed.taskId());
        RetryPolicy policy = task.retryPolicy() != null ? task.retryPolicy() : serverDefault;
        if (!retryable
                || !policy.retries()
                || failed.attempt() >= task.maxAttempts()
                || task.status() == TaskStatus.CANCELED
                || task.status() == TaskStatus.DRAFT
                || m.tx.runs().hasOpen(task.id())) {
            return Optional.empty();
        }
        Duration delay =
                policy.delayAfter(failed.attempt(), ThreadLocalRandom.current().nextDouble());
        Instant due = m.now.plus(delay);
        ExecuteTask again = new ExecuteTask(
                null,
                failed.networkChannel(),
                failed.metadataJson() == null ? null : Json.readTree(failed.metadataJson(), "metadata"),
                due.toString(),
                null);
        // The key ties the retry to the failure it follows: at most one retry per failed run.
        Run retry =
                Execution.enqueue(m, task.id(), again, "retry:" + failed.id()).run();
        m.emit(
                task.id(),
                retry.id(),
                EventType.RUN_RETRY_SCHEDULED,
                payload(
                        "attempt",
                        retry.attempt(),
                        "failed_run_id",
                        failed.id(),
                        "not_before",
                        retry.notBefore(),
                        "delay_ms",
                        delay.toMillis(),
                        "strategy",
                        policy.strategy()));
        return Optional.of(retry);
    }
}
