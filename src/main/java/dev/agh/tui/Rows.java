package dev.agh.tui;

import dev.agh.api.DashboardActiveRunsPayload;
import dev.agh.api.InboxGroupPayload;
import dev.agh.api.InboxItemPayload;
import dev.agh.api.TaskSummaryPayload;
import java.util.ArrayList;
import java.util.List;

/**
 * The selectable rows of each tab after the search and unread filters. The views draw the same lists,
 * so the selection index means the same thing to the keys and to the screen.
 */
public final class Rows {
    private Rows() {}

    public static List<TaskRow> of(TuiState state) {
        return switch (state.tab()) {
            case DASHBOARD ->
                activeRuns(state).stream()
                        .map(r -> new TaskRow(r.taskId(), r.taskIdentifier(), r.taskTitle()))
                        .toList();
            case INBOX -> inboxItems(state).stream().map(Rows::row).toList();
            case TASKS ->
                tasks(state).stream()
                        .map(t -> new TaskRow(t.id(), t.identifier(), t.title()))
                        .toList();
        };
    }

    public static List<DashboardActiveRunsPayload.Item> activeRuns(TuiState state) {
        var dashboard = state.data().dashboard();
        if (dashboard == null
                || dashboard.activeRuns() == null
                || dashboard.activeRuns().items() == null) {
            return List.of();
        }
        return dashboard.activeRuns().items().stream()
                .filter(r -> new TaskRow(r.taskId(), r.taskIdentifier(), r.taskTitle()).matches(state.search()))
                .toList();
    }

    /** Inbox items in lane order, flattened. */
    public static List<InboxItemPayload> inboxItems(TuiState state) {
        List<InboxItemPayload> items = new ArrayList<>();
        for (InboxGroupPayload group : lanes(state)) {
            items.addAll(visible(state, group));
        }
        return items;
    }

    public static List<InboxGroupPayload> lanes(TuiState state) {
        var inbox = state.data().inbox();
        return inbox == null || inbox.groups() == null ? List.of() : inbox.groups();
    }

    /** The items of one lane that pass the filters. */
    public static List<InboxItemPayload> visible(TuiState state, InboxGroupPayload group) {
        if (group.items() == null) {
            return List.of();
        }
        return group.items().stream()
                .filter(i -> !state.unreadOnly() || unread(i))
                .filter(i -> row(i).matches(state.search()))
                .toList();
    }

    public static boolean unread(InboxItemPayload item) {
        return item.triage() == null || !item.triage().read();
    }

    public static List<TaskSummaryPayload> tasks(TuiState state) {
        return state.data().tasks().stream()
                .filter(t -> new TaskRow(t.id(), t.identifier(), t.title()).matches(state.search()))
                .toList();
    }

    private static TaskRow row(InboxItemPayload item) {
        return new TaskRow(
                item.task().id(), item.task().identifier(), item.task().title());
    }
}
