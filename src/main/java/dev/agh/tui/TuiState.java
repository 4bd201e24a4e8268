package dev.agh.tui;

/**
 * Everything the screen shows, as one immutable value: the view renders it, keys and loads replace it.
 *
 * @param selected index into the selectable rows of the tab ({@link Rows#of})
 * @param task the open task, or null for the lists
 * @param search the filter typed after {@code /}, or null
 * @param typingSearch whether keys go to the search text
 * @param unreadOnly the inbox shows unread items only
 * @param confirming a destructive action waiting for {@code y}, or null
 * @param status one line of feedback (result of an action, an error), or null
 * @param color whether to use colours (off with NO_COLOR: attributes only)
 * @param where what the UI talks to, for the header ("embedded h2", "server http://...")
 */
public record TuiState(
        Tab tab,
        int selected,
        Snapshot data,
        TaskView task,
        String search,
        boolean typingSearch,
        boolean unreadOnly,
        Confirmation confirming,
        String status,
        boolean help,
        boolean color,
        String where) {

    public static TuiState initial(boolean color, String where) {
        return new TuiState(
                Tab.DASHBOARD, 0, Snapshot.EMPTY, null, null, false, false, null, null, false, color, where);
    }

    public TuiState withTab(Tab value) {
        return new TuiState(value, 0, data, null, search, false, unreadOnly, null, status, false, color, where);
    }

    public TuiState withSelected(int value) {
        int count = Rows.of(this).size();
        int clamped = count == 0 ? 0 : Math.max(0, Math.min(count - 1, value));
        return new TuiState(
                tab, clamped, data, task, search, typingSearch, unreadOnly, confirming, status, help, color, where);
    }

    /** New data; the selection stays on the same task when it is still listed (lists reorder as tasks change). */
    public TuiState withData(Snapshot value) {
        TaskRow before = selectedRow();
        TuiState next = new TuiState(
                tab, selected, value, task, search, typingSearch, unreadOnly, confirming, status, help, color, where);
        if (before != null) {
            var rows = Rows.of(next);
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).taskId().equals(before.taskId())) {
                    return next.withSelected(i);
                }
            }
        }
        return next.withSelected(selected);
    }

    public TuiState withTask(TaskView value) {
        return new TuiState(
                tab, selected, data, value, search, typingSearch, unreadOnly, confirming, status, help, color, where);
    }

    public TuiState withSearch(String value, boolean typing) {
        return new TuiState(tab, 0, data, task, value, typing, unreadOnly, confirming, status, help, color, where);
    }

    public TuiState withUnreadOnly(boolean value) {
        return new TuiState(tab, 0, data, task, search, typingSearch, value, confirming, status, help, color, where);
    }

    public TuiState withConfirming(Confirmation value) {
        return new TuiState(
                tab, selected, data, task, search, typingSearch, unreadOnly, value, status, help, color, where);
    }

    public TuiState withStatus(String value) {
        return new TuiState(
                tab, selected, data, task, search, typingSearch, unreadOnly, confirming, value, help, color, where);
    }

    public TuiState withHelp(boolean value) {
        return new TuiState(
                tab, selected, data, task, search, typingSearch, unreadOnly, confirming, status, value, color, where);
    }

    /** The row under the cursor, or null when the list is empty. */
    public TaskRow selectedRow() {
        var rows = Rows.of(this);
        return rows.isEmpty() ? null : rows.get(Math.min(selected, rows.size() - 1));
    }
}
