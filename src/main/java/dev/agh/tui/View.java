package dev.agh.tui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.Size;
import org.jline.utils.AttributedString;

/**
 * The whole screen as a pure function of the state and the terminal size: exactly {@code rows} lines
 * of exactly {@code columns} columns. Header and tab bar, a rule, the body of the tab (or the open
 * task, or help), a rule, a status line and the key hints.
 */
public final class View {
    /** Lines around the body: header, two rules, status line and hints. */
    static final int CHROME = 5;

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private View() {}

    public static List<AttributedString> render(TuiState state, Size size) {
        int width = Math.max(1, size.getColumns());
        int height = Math.max(1, size.getRows());
        Palette palette = new Palette(state.color());
        List<AttributedString> lines = new ArrayList<>(height);
        if (width < 40 || height < 10) {
            lines.add(new Line()
                    .text("agh: the window is too small (" + width + "x" + height + "); q quits")
                    .build(width));
        } else {
            int bodyHeight = height - CHROME;
            lines.add(header(state, palette, width));
            lines.add(rule(width, palette));
            lines.addAll(pad(body(state, palette, width, bodyHeight), width, bodyHeight));
            lines.add(rule(width, palette));
            lines.add(statusLine(state, palette, width));
            lines.add(Hints.line(state, palette, width));
        }
        return pad(lines, width, height);
    }

    private static List<AttributedString> body(TuiState state, Palette palette, int width, int height) {
        if (state.help()) {
            return Hints.help(palette, width, height);
        }
        if (state.task() != null) {
            return TaskDetailView.render(state, palette, width, height);
        }
        return switch (state.tab()) {
            case DASHBOARD -> DashboardView.render(state, palette, width, height);
            case INBOX -> InboxView.render(state, palette, width, height);
            case TASKS -> TaskListView.render(state, palette, width, height);
        };
    }

    private static AttributedString header(TuiState state, Palette palette, int width) {
        Line line = new Line().text(" agh ", palette.bold()).text("━ ", palette.dim());
        Tab[] tabs = Tab.values();
        for (int i = 0; i < tabs.length; i++) {
            Tab tab = tabs[i];
            String title = tab.title();
            if (tab == Tab.INBOX && state.data().inbox() != null) {
                title += " (" + state.data().inbox().unreadTotal() + ")";
            }
            boolean current = tab == state.tab() && state.task() == null;
            line.text(" " + title + " ", current ? palette.selected().bold() : palette.plain());
            if (i < tabs.length - 1) {
                line.text("┃", palette.dim());
            }
        }
        if (state.task() != null) {
            line.text(" › " + state.task().label(), palette.bold());
        }
        String where = state.where() == null ? "" : state.where() + "  ";
        Snapshot data = state.data();
        String freshness = data.loadedAt() == null
                ? "loading…"
                : (data.stale() ? "○ stale since " : "● live  ")
                        + CLOCK.format(data.loadedAt().atZone(ZoneId.systemDefault()));
        int gap = width - line.length() - where.length() - freshness.length() - 1;
        if (gap <= 0) {
            // Narrow: whether the data is live matters more than where it comes from.
            where = "";
            gap = width - line.length() - freshness.length() - 1;
        }
        if (gap > 0) {
            line.text(" ".repeat(gap))
                    .text(where, palette.dim())
                    .text(freshness, data.stale() ? palette.warn() : palette.dim())
                    .text(" ");
        }
        return line.build(width);
    }

    private static AttributedString statusLine(TuiState state, Palette palette, int width) {
        if (state.confirming() != null) {
            return new Line()
                    .text(" " + state.confirming().prompt(), palette.warn())
                    .build(width);
        }
        if (state.typingSearch()) {
            return new Line()
                    .text(" /", palette.bold())
                    .text(state.search() == null ? "" : state.search())
                    .text("▏", palette.bold())
                    .text("   ⏎ apply  esc clear", palette.dim())
                    .build(width);
        }
        if (state.status() != null) {
            return new Line().text(" " + state.status()).build(width);
        }
        if (state.search() != null) {
            return new Line()
                    .text(" search: ", palette.dim())
                    .text(state.search(), palette.bold())
                    .text("   / change  esc clear", palette.dim())
                    .build(width);
        }
        return Line.blank(width);
    }

    /**
     * A heavy line: JLine turns the light box-drawing characters (─ │ └ …) into the terminal's alternate
     * character set or, with that off, into ASCII; the heavy ones pass through as UTF-8.
     */
    static AttributedString rule(int width, Palette palette) {
        return new AttributedString("━".repeat(width), palette.dim());
    }

    /** Cuts or fills a block to exactly {@code height} lines. */
    static List<AttributedString> pad(List<AttributedString> lines, int width, int height) {
        List<AttributedString> out = new ArrayList<>(lines.subList(0, Math.min(height, lines.size())));
        while (out.size() < height) {
            out.add(Line.blank(width));
        }
        return out;
    }

    /** The first index of a window of {@code height} rows that shows row {@code selected}. */
    static int windowStart(int count, int selected, int height) {
        if (height <= 0 || count <= height) {
            return 0;
        }
        return Math.max(0, Math.min(selected - height / 2, count - height));
    }
}
