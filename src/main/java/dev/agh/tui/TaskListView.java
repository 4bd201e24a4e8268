package dev.agh.tui;

import dev.agh.api.TaskSummaryPayload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/** The Tasks tab: every task (drafts too), newest activity first as the service lists them. */
final class TaskListView {
    private TaskListView() {}

    static List<AttributedString> render(TuiState state, Palette palette, int width, int height) {
        List<TaskSummaryPayload> tasks = Rows.tasks(state);
        Instant now = state.data().loadedAt();
        boolean wide = width >= 100;
        int owner = wide ? 20 : 0;
        int idWidth = Labels.columnWidth(tasks.stream().map(t -> Labels.task(t.identifier(), t.id())));
        int fixed = 1 + idWidth + 12 + 9 + owner + 10 + 5;
        int titleWidth = Math.max(10, width - fixed);
        List<AttributedString> lines = new ArrayList<>();
        Line head = new Line()
                .text(" ")
                .cell("ID", idWidth, palette.dim())
                .cell("TITLE", titleWidth, palette.dim())
                .cell("STATUS", 12, palette.dim())
                .cell("PRIORITY", 9, palette.dim());
        if (wide) {
            head.cell("OWNER", owner, palette.dim());
        }
        lines.add(head.cell("RUN", 10, palette.dim())
                .right("AGE", 5, palette.dim())
                .build(width));
        if (tasks.isEmpty()) {
            lines.add(new Line()
                    .text(
                            state.search() == null
                                    ? "   no tasks yet: agh task create --title …"
                                    : "   no task matches the search",
                            palette.dim())
                    .build(width));
            return lines;
        }
        int rows = Math.max(1, height - 1);
        int start = View.windowStart(tasks.size(), state.selected(), rows);
        for (int i = start; i < Math.min(tasks.size(), start + rows); i++) {
            TaskSummaryPayload t = tasks.get(i);
            boolean selected = i == state.selected();
            AttributedStyle base = selected ? palette.selected() : palette.plain();
            Line line = new Line()
                    .text(" ", base)
                    .cell(Labels.task(t.identifier(), t.id()), idWidth, base)
                    .cell(t.title(), titleWidth, base)
                    .cell(t.status().wire(), 12, selected ? base : palette.of(t.status()))
                    .cell(t.priority() == null ? "" : t.priority().wire(), 9, base);
            if (wide) {
                line.cell(
                        t.owner() == null
                                ? ""
                                : t.owner().kind().wire() + ":" + t.owner().ref(),
                        owner,
                        selected ? base : palette.dim());
            }
            String run = Boolean.TRUE.equals(t.paused())
                    ? "paused"
                    : t.activeRun() == null ? "" : t.activeRun().status().wire();
            line.cell(
                            run,
                            10,
                            selected || t.activeRun() == null
                                    ? base
                                    : palette.of(t.activeRun().status()))
                    .right(
                            Durations.age(t.lastActivityAt() != null ? t.lastActivityAt() : t.updatedAt(), now),
                            5,
                            selected ? base : palette.dim());
            lines.add(line.build(width, base));
        }
        return lines;
    }
}
