package dev.agh.observe;

import dev.agh.api.RunSummaryPayload;
import dev.agh.api.TaskReference;
import dev.agh.api.TreeNodePayload;
import dev.agh.api.TreePayload;
import dev.agh.domain.AghException;
import dev.agh.domain.Run;
import dev.agh.domain.Task;
import dev.agh.domain.Triage;
import dev.agh.store.StoreTransaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/tasks/{id}/tree}: a task and its descendants in two queries, whatever the size. */
public final class Trees {
    private static final Comparator<TreeNodePayload> ORDER = Comparator.comparingInt(TreeNodePayload::depth)
            .thenComparing(TreeNodePayload::lastActivityAt, Comparator.reverseOrder())
            .thenComparing(n -> n.task().id());

    private Trees() {}

    public static TreePayload of(StoreTransaction tx, String rootId) {
        List<Task> tasks = tx.trees().subtree(rootId);
        if (tasks.isEmpty()) {
            throw AghException.taskNotFound(rootId);
        }
        Map<String, Task> byId = new HashMap<>();
        tasks.forEach(t -> byId.put(t.id(), t));
        Map<String, Run> open = tx.trees().openRuns(byId.keySet());
        List<TreeNodePayload> nodes = new ArrayList<>(tasks.size());
        TreeNodePayload root = null;
        for (Task task : tasks) {
            Run run = open.get(task.id());
            TreeNodePayload node = new TreeNodePayload(
                    TaskReference.of(task),
                    task.parentTaskId(),
                    depth(task, rootId, byId),
                    task.childCount() > 0 ? task.childCount() : null,
                    run == null ? null : RunSummaryPayload.of(run, task.maxAttempts()),
                    Triage.latestActivity(task),
                    task.paused() ? Boolean.TRUE : null);
            if (task.id().equals(rootId)) {
                root = node;
            } else {
                nodes.add(node);
            }
        }
        nodes.sort(ORDER);
        return new TreePayload(root, nodes.isEmpty() ? null : nodes);
    }

    /** Levels below the root of the view, following parent links inside the subtree. */
    private static int depth(Task task, String rootId, Map<String, Task> subtree) {
        int depth = 0;
        Task at = task;
        while (at != null && !at.id().equals(rootId)) {
            depth++;
            at = subtree.get(at.parentTaskId());
        }
        return depth;
    }
}
