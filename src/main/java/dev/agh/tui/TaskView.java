package dev.agh.tui;

import dev.agh.api.RunPayload;
import dev.agh.api.TaskDetailPayload;
import dev.agh.api.TimelineItemPayload;
import dev.agh.api.TreePayload;
import java.util.ArrayList;
import java.util.List;

/**
 * The open task: its detail, runs, tree and timeline (oldest first). {@code detail} is null while it
 * loads. The timeline follows new events unless {@code follow} is off; {@code back} is how many lines
 * the view is scrolled up from the newest one.
 */
public record TaskView(
        String taskId,
        TaskDetailPayload detail,
        List<RunPayload> runs,
        TreePayload tree,
        List<TimelineItemPayload> timeline,
        boolean follow,
        int back) {

    /** The most events kept in memory: the view shows the newest ones. */
    static final int TIMELINE_LIMIT = 500;

    public static TaskView loading(String taskId) {
        return new TaskView(taskId, null, List.of(), null, List.of(), true, 0);
    }

    public TaskView withData(TaskDetailPayload detail, List<RunPayload> runs, TreePayload tree) {
        return new TaskView(taskId, detail, runs, tree, timeline, follow, back);
    }

    /** Appends events newer than the last one held (the stream may repeat some after a reconnect). */
    public TaskView withEvents(List<TimelineItemPayload> events) {
        long last = lastSequence();
        List<TimelineItemPayload> merged = new ArrayList<>(timeline);
        int added = 0;
        for (TimelineItemPayload event : events) {
            if (event.sequence() > last) {
                merged.add(event);
                last = event.sequence();
                added++;
            }
        }
        if (added == 0) {
            return this;
        }
        if (merged.size() > TIMELINE_LIMIT) {
            merged = new ArrayList<>(merged.subList(merged.size() - TIMELINE_LIMIT, merged.size()));
        }
        // Not following: keep the lines in view where they are as new ones arrive below.
        int newBack = follow ? 0 : Math.min(back + added, Math.max(0, merged.size() - 1));
        return new TaskView(taskId, detail, runs, tree, List.copyOf(merged), follow, newBack);
    }

    public long lastSequence() {
        return timeline.isEmpty() ? 0 : timeline.get(timeline.size() - 1).sequence();
    }

    public TaskView scrolled(int delta) {
        int limit = Math.max(0, timeline.size() - 1);
        long wanted = (long) back + delta;
        return new TaskView(taskId, detail, runs, tree, timeline, false, (int) Math.max(0, Math.min(limit, wanted)));
    }

    /** Back at the newest event, following new ones. */
    public TaskView followed() {
        return new TaskView(taskId, detail, runs, tree, timeline, true, 0);
    }

    public TaskView toggledFollow() {
        return new TaskView(taskId, detail, runs, tree, timeline, !follow, 0);
    }

    /** The identifier to show for the task, its id until the detail is in. */
    public String label() {
        return detail == null ? taskId : Labels.task(detail.task().identifier(), taskId);
    }
}
