package dev.agh.service;

import dev.agh.api.Json;
import dev.agh.domain.AghException;
import dev.agh.domain.Event;
import dev.agh.domain.EventType;
import dev.agh.domain.Ids;
import dev.agh.domain.Origin;
import dev.agh.domain.Task;
import dev.agh.domain.TaskStatus;
import dev.agh.domain.TaskStatusRule;
import dev.agh.store.StoreTransaction;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One write in progress: its transaction, its caller and action, and its single "now". Every change
 * goes through {@link #reconcile} and {@link #emit} here, so status and events are always written
 * in the same transaction as the change that caused them.
 */
final class Mutation {
    final StoreTransaction tx;
    final Caller caller;
    final Origin origin;
    final Instant now;

    Mutation(StoreTransaction tx, Caller caller, String action, Instant now) {
        this.tx = tx;
        this.caller = caller;
        this.origin = caller.origin(action);
        this.now = now;
    }

    Task lockTask(String id) {
        return tx.tasks().lock(id).orElseThrow(() -> AghException.taskNotFound(id));
    }

    /** Appends an event of {@code taskId} (payload entries with null values are left out). */
    long emit(String taskId, String runId, EventType type, Map<String, Object> payload) {
        Map<String, Object> clean = new LinkedHashMap<>();
        payload.forEach((k, v) -> {
            if (v != null) {
                clean.put(k, v);
            }
        });
        long sequence = tx.events()
                .append(new Event(
                        0,
                        Ids.event(),
                        taskId,
                        runId,
                        type.wire(),
                        caller.actor(),
                        origin,
                        clean.isEmpty() ? null : Json.write(clean),
                        now));
        tx.tasks().touch(taskId, sequence, now);
        return sequence;
    }

    /**
     * Recomputes the stored status of {@code taskId} and, when it changed, of every task that depends
     * on it, recursively (a visited set stops cycles). Returns the task as stored afterwards.
     */
    Task reconcile(String taskId) {
        return reconcile(lockTask(taskId), false, new HashSet<>());
    }

    /**
     * @param dirty whether {@code task} carries changes not yet written; they are written together
     *     with a status change, in one update
     */
    private Task reconcile(Task task, boolean dirty, Set<String> visited) {
        String id = task.id();
        if (!visited.add(id)) {
            return saveIf(dirty, task);
        }
        TaskStatusRule.RunFacts facts = tx.runs().facts(id);
        TaskStatus next = TaskStatusRule.derive(
                task.status(),
                facts,
                () -> tx.runs().latestTerminal(id),
                () -> task.dependencyCount() > 0 && tx.dependencies().hasUnresolved(id),
                task.approvalBlocks(),
                task.maxAttempts());
        if (next == task.status()) {
            return saveIf(dirty, task);
        }
        Task changed = task.withStatus(next, now);
        tx.tasks().updateState(changed, task.status());
        // Open runs carry a copy of the task's claimability; only the status changed here, so the copy
        // changes only when claimability does (not on the usual ready -> in progress -> completed).
        if ((facts.waiting() || facts.executing()) && task.status().runsClaimable() != next.runsClaimable()) {
            tx.runs().syncQueued(changed);
        }
        for (String dependent : tx.dependencies().dependents(id)) {
            Task before = lockTask(dependent);
            Task after = reconcile(before, false, visited);
            if (before.status() != after.status()
                    && (before.status() == TaskStatus.BLOCKED || after.status() == TaskStatus.BLOCKED)) {
                // A dependency finished (or reopened): the dependent's timeline says why its status moved.
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("from", before.status().wire());
                payload.put("to", after.status().wire());
                payload.put("dependency_task_id", id);
                emit(
                        dependent,
                        null,
                        after.status() == TaskStatus.BLOCKED ? EventType.BLOCKED : EventType.UNBLOCKED,
                        payload);
            }
        }
        return changed;
    }

    private Task saveIf(boolean dirty, Task task) {
        if (dirty) {
            // Callers never change a status themselves (reconcile does), so the stored status is this one.
            tx.tasks().updateState(task, task.status());
        }
        return task;
    }

    /**
     * Stores a changed run, points its task's {@code current_run_id} at it while it is held
     * (claimed, starting, running) and reconciles the task. Returns the task afterwards.
     */
    Task runChanged(dev.agh.domain.Run run) {
        tx.runs().update(run);
        return afterRunChange(run);
    }

    /** Like {@link #runChanged} for a run already written (by a fenced compare-and-set). */
    Task afterRunChange(dev.agh.domain.Run run) {
        Task task = lockTask(run.taskId());
        String current = run.status().isActive() ? run.id() : null;
        boolean pointsHere = run.id().equals(task.currentRunId());
        if (current != null && !pointsHere) {
            return reconcile(task.withCurrentRun(current), true, new HashSet<>());
        }
        if (current == null && pointsHere) {
            return reconcile(task.withCurrentRun(null), true, new HashSet<>());
        }
        return reconcile(task, false, new HashSet<>());
    }

    static Map<String, Object> payload(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
