package dev.agh.api;

import java.time.Instant;

/**
 * One task of a tree view ({@code TaskTreeNodePayload}).
 *
 * @param depth 0 for the root of the view, then one more per level
 * @param childCount direct children, or null (left out) when there are none
 * @param activeRun the task's open run, if any
 * @param paused true (agh extension) when the task is paused, else null (left out)
 */
public record TreeNodePayload(
        TaskReference task,
        String parentTaskId,
        int depth,
        Integer childCount,
        RunSummaryPayload activeRun,
        Instant lastActivityAt,
        Boolean paused) {

    public TreeNodePayload(
            TaskReference task,
            String parentTaskId,
            int depth,
            Integer childCount,
            RunSummaryPayload activeRun,
            Instant lastActivityAt) {
        this(task, parentTaskId, depth, childCount, activeRun, lastActivityAt, null);
    }
}
