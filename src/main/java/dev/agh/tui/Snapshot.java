package dev.agh.tui;

import dev.agh.api.DashboardPayload;
import dev.agh.api.InboxPayload;
import dev.agh.api.TaskSummaryPayload;
import java.time.Instant;
import java.util.List;

/**
 * The read models behind the three tabs, as last loaded; null until the first load.
 *
 * @param loadedAt when they were read: shown in the header, and the "now" that ages are measured from, so
 *     the view stays a pure function of the state
 * @param stale the last attempt to read again failed (the server went away): the data is as of
 *     {@code loadedAt}
 */
public record Snapshot(
        DashboardPayload dashboard,
        InboxPayload inbox,
        List<TaskSummaryPayload> tasks,
        Instant loadedAt,
        boolean stale) {
    public static final Snapshot EMPTY = new Snapshot(null, null, List.of(), null, false);

    public Snapshot(DashboardPayload dashboard, InboxPayload inbox, List<TaskSummaryPayload> tasks, Instant loadedAt) {
        this(dashboard, inbox, tasks, loadedAt, false);
    }

    public Snapshot asStale() {
        return new Snapshot(dashboard, inbox, tasks, loadedAt, true);
    }
}
