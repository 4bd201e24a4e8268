package dev.agh.observe;

import dev.agh.api.RunSummaryPayload;
import dev.agh.api.TaskReference;
import dev.agh.api.TimelineItemPayload;
import dev.agh.domain.AghException;
import dev.agh.domain.Event;
import dev.agh.domain.Run;
import dev.agh.domain.Task;
import dev.agh.store.StoreTransaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Timeline items of events: each event with its task and run as they are now. Items come in
 * sequence order, which is commit order (timestamps agree with it on one clock).
 */
public final class Timelines {
    private Timelines() {}

    /** {@code GET /api/tasks/{id}/timeline}: the task's own events after a sequence, oldest first. */
    public static List<TimelineItemPayload> of(StoreTransaction tx, String taskId, Long afterSequence, Integer limit) {
        long after = afterSequence == null ? 0 : afterSequence;
        int max = limit == null ? 0 : limit;
        if (after < 0) {
            throw AghException.invalid("after_sequence must be 0 or more, got " + after);
        }
        if (max < 0) {
            throw AghException.invalid("limit must be 0 (no limit) or more, got " + max);
        }
        if (!tx.tasks().exists(taskId)) {
            throw AghException.taskNotFound(taskId);
        }
        return items(tx, tx.events().ofTask(taskId, after, max));
    }

    /** The items of {@code events} in their order; an event whose task is gone (deleted meanwhile) is left out. */
    public static List<TimelineItemPayload> items(StoreTransaction tx, List<Event> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        Set<String> taskIds = new LinkedHashSet<>();
        Set<String> runIds = new LinkedHashSet<>();
        for (Event e : events) {
            taskIds.add(e.taskId());
            if (e.runId() != null) {
                runIds.add(e.runId());
            }
        }
        Map<String, Task> tasks = new HashMap<>();
        tx.tasks().findAll(List.copyOf(taskIds)).forEach(t -> tasks.put(t.id(), t));
        Map<String, Run> runs = new HashMap<>();
        tx.trees().runs(runIds).forEach(r -> runs.put(r.id(), r));
        List<TimelineItemPayload> items = new ArrayList<>(events.size());
        for (Event e : events) {
            Task task = tasks.get(e.taskId());
            if (task == null) {
                continue;
            }
            Run run = e.runId() == null ? null : runs.get(e.runId());
            RunSummaryPayload summary = run != null && run.taskId().equals(task.id())
                    ? RunSummaryPayload.of(run, task.maxAttempts())
                    : null;
            items.add(TimelineItemPayload.of(e, TaskReference.of(task), summary));
        }
        return items;
    }
}
