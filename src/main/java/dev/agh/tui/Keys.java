package dev.agh.tui;

import dev.agh.tui.Key.Kind;

/**
 * What each key does, as a pure function from state and key to the next state and its effects. Modes
 * come first: the help screen, a pending confirmation and the search line each take every key.
 */
public final class Keys {
    private static final int PAGE = 10;

    private Keys() {}

    public static Transition handle(TuiState state, Key key) {
        if (key.kind() == Kind.INTERRUPT) {
            return Transition.of(state, new Effect.Quit());
        }
        if (state.help()) {
            return Transition.of(state.withHelp(false));
        }
        if (state.confirming() != null) {
            return confirm(state, key);
        }
        if (state.typingSearch()) {
            return search(state, key);
        }
        // Any other key replaces the last message.
        TuiState s = state.withStatus(null);
        if (key.kind() == Kind.CHAR) {
            return character(s, key.ch());
        }
        return switch (key.kind()) {
            case UP -> move(s, -1);
            case DOWN -> move(s, 1);
            case PAGE_UP -> move(s, -PAGE);
            case PAGE_DOWN -> move(s, PAGE);
            // In a task: the oldest event, or back to following the newest.
            case HOME ->
                Transition.of(s.task() != null ? s.withTask(s.task().scrolled(Integer.MAX_VALUE)) : s.withSelected(0));
            case END ->
                Transition.of(s.task() != null ? s.withTask(s.task().followed()) : s.withSelected(Integer.MAX_VALUE));
            case ENTER -> open(s);
            case TAB -> Transition.of(s.withTab(s.tab().next()), closeIfOpen(s));
            case BACK_TAB -> Transition.of(s.withTab(s.tab().previous()), closeIfOpen(s));
            case ESCAPE, BACKSPACE, LEFT -> back(s);
            default -> Transition.of(s);
        };
    }

    private static Transition character(TuiState s, char c) {
        switch (c) {
            case 'q':
                return Transition.of(s, new Effect.Quit());
            case '?':
                return Transition.of(s.withHelp(true));
            case '/':
                return Transition.of(s.withSearch("", true));
            case 'r':
                return Transition.of(s.withStatus("refreshing…"), new Effect.Reload());
            case 'k':
                return move(s, -1);
            case 'j':
                return move(s, 1);
            case 'g':
                return handle(s, Key.of(Kind.HOME));
            case 'G':
                return handle(s, Key.of(Kind.END));
            case '1':
                return Transition.of(s.withTab(Tab.DASHBOARD), closeIfOpen(s));
            case '2':
                return Transition.of(s.withTab(Tab.INBOX), closeIfOpen(s));
            case '3':
                return Transition.of(s.withTab(Tab.TASKS), closeIfOpen(s));
            case 'u':
                return Transition.of(s.withUnreadOnly(!s.unreadOnly())
                        .withStatus(s.unreadOnly() ? "showing all inbox items" : "showing unread inbox items only"));
            case 'f':
                if (s.task() != null) {
                    TaskView toggled = s.task().toggledFollow();
                    return Transition.of(
                            s.withTask(toggled).withStatus(toggled.follow() ? "following new events" : "follow off"));
                }
                return Transition.of(s);
            default:
                Action action = Action.forKey(c);
                return action == null ? Transition.of(s) : act(s, action);
        }
    }

    private static Transition move(TuiState s, int delta) {
        if (s.task() != null) {
            // In a task the arrows scroll the timeline (up = older).
            return Transition.of(s.withTask(s.task().scrolled(-delta)));
        }
        return Transition.of(s.withSelected(s.selected() + delta));
    }

    private static Transition open(TuiState s) {
        if (s.task() != null) {
            return Transition.of(s);
        }
        TaskRow row = s.selectedRow();
        if (row == null) {
            return Transition.of(s.withStatus("nothing to open"));
        }
        return Transition.of(s.withTask(TaskView.loading(row.taskId())), new Effect.Open(row.taskId()));
    }

    private static Transition back(TuiState s) {
        if (s.task() != null) {
            return Transition.of(s.withTask(null), new Effect.Close());
        }
        if (s.search() != null) {
            return Transition.of(s.withSearch(null, false));
        }
        return Transition.of(s);
    }

    private static Effect[] closeIfOpen(TuiState s) {
        return s.task() != null ? new Effect[] {new Effect.Close()} : new Effect[0];
    }

    private static Transition act(TuiState s, Action action) {
        String taskId;
        String label;
        if (s.task() != null) {
            taskId = s.task().taskId();
            label = s.task().label();
        } else {
            TaskRow row = s.selectedRow();
            if (row == null) {
                return Transition.of(s.withStatus("no task selected to " + action.verb()));
            }
            taskId = row.taskId();
            label = Labels.task(row.identifier(), row.taskId());
        }
        if (action.destructive()) {
            return Transition.of(s.withConfirming(new Confirmation(action, taskId, label)));
        }
        return Transition.of(s.withStatus(action.verb() + " " + label + "…"), new Effect.Act(action, taskId, label));
    }

    private static Transition confirm(TuiState state, Key key) {
        Confirmation pending = state.confirming();
        TuiState cleared = state.withConfirming(null);
        if (key.is('y') || key.is('Y')) {
            return Transition.of(
                    cleared.withStatus(pending.action().verb() + " " + pending.label() + "…"),
                    new Effect.Act(pending.action(), pending.taskId(), pending.label()));
        }
        return Transition.of(cleared.withStatus(pending.action().verb() + " " + pending.label() + ": not done"));
    }

    private static Transition search(TuiState state, Key key) {
        String text = state.search() == null ? "" : state.search();
        return switch (key.kind()) {
            case CHAR -> Transition.of(state.withSearch(text + key.ch(), true));
            case BACKSPACE ->
                Transition.of(state.withSearch(text.isEmpty() ? "" : text.substring(0, text.length() - 1), true));
            case ENTER -> Transition.of(state.withSearch(text.isBlank() ? null : text, false));
            case ESCAPE -> Transition.of(state.withSearch(null, false));
            default -> Transition.of(state);
        };
    }
}
