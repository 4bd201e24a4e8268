package dev.agh.service;

import dev.agh.domain.AghException;
import dev.agh.domain.Task;
import dev.agh.domain.TaskStatus;

/** Dependents that opted in ({@code auto_enqueue_on_ready}) get a run when a blocker completes and they are ready. */
final class AutoEnqueue {
    private AutoEnqueue() {}

    static void afterCompletion(Mutation m, String completedTaskId, String completedRunId) {
        for (String dependentId : m.tx.dependencies().dependents(completedTaskId)) {
            Task dependent = m.lockTask(dependentId);
            if (!dependent.autoEnqueueOnReady()
                    || dependent.status() != TaskStatus.READY
                    || m.tx.runs().hasOpen(dependentId)) {
                continue;
            }
            try {
                Execution.enqueue(m, dependentId, null, "task.auto_enqueue." + dependentId + "." + completedRunId);
            } catch (AghException exhausted) {
                // Attempts used up: the dependent simply stays ready; the completion itself must not fail.
            }
        }
    }
}
