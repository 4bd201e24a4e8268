package dev.agh.tui;

import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedString;

/** The key hints of the bottom line and the help screen ({@code ?}). */
final class Hints {
    private static final String[][] HELP = {
        {"↑ ↓  j k", "move the selection (in a task: scroll the timeline)"},
        {"PgUp PgDn g G", "page, first, last (in a task: G follows again)"},
        {"⏎", "open the selected task"},
        {"esc ← backspace", "back to the list; clear the search"},
        {"tab  1 2 3", "switch between Dashboard, Inbox and Tasks"},
        {"/", "search titles, identifiers and ids (⏎ apply, esc clear)"},
        {"a", "approve (and start) a task awaiting approval"},
        {"x", "reject the approval (asks y)"},
        {"s", "start the task, or retry it"},
        {"p", "publish a draft"},
        {"c", "cancel the task (asks y)"},
        {"m  d  A", "mark read, dismiss, archive (asks y) in your inbox"},
        {"u", "inbox: unread items only, or all"},
        {"f", "task: follow new timeline events on or off"},
        {"r", "read everything again now"},
        {"?", "this help; any key closes it"},
        {"q  Ctrl-C", "quit"},
    };

    private Hints() {}

    static AttributedString line(TuiState state, Palette palette, int width) {
        List<String> hints;
        if (state.task() != null) {
            hints = List.of(
                    "esc back",
                    "↑↓ scroll",
                    "f follow",
                    "a approve",
                    "x reject",
                    "s start",
                    "c cancel",
                    "p publish",
                    "m read");
        } else if (state.tab() == Tab.INBOX) {
            hints = List.of(
                    "a approve",
                    "x reject",
                    "m read",
                    "d dismiss",
                    "A archive",
                    "u unread",
                    "⏎ open",
                    "/ search",
                    "s start");
        } else {
            hints = List.of(
                    "↑↓ move", "⏎ open", "tab switch", "/ search", "r refresh", "a approve", "s start", "c cancel");
        }
        // Help and quit always show; the others in order while they fit.
        String tail = "? help  q quit";
        StringBuilder text = new StringBuilder(" ");
        for (String hint : hints) {
            if (text.length() + hint.length() + 2 + tail.length() > width - 1) {
                break;
            }
            text.append(hint).append("  ");
        }
        return new Line().text(text + tail, palette.dim()).build(width);
    }

    static List<AttributedString> help(Palette palette, int width, int height) {
        List<AttributedString> lines = new ArrayList<>();
        lines.add(new Line().text(" KEYS", palette.heading()).build(width));
        for (String[] entry : HELP) {
            lines.add(new Line()
                    .text(" ")
                    .cell(entry[0], 18, palette.bold())
                    .text(entry[1])
                    .build(width));
        }
        lines.add(Line.blank(width));
        lines.add(new Line()
                .text(" The screen follows changes as they happen; any key closes this help.", palette.dim())
                .build(width));
        return lines;
    }
}
