package dev.agh.tui;

import dev.agh.api.InboxGroupPayload;
import dev.agh.api.InboxItemPayload;
import dev.agh.domain.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * The Inbox tab: each lane that has items shows a heading with its counts and the items (unread ones
 * bold, marked ●); lanes without items share one summary line at the end.
 */
final class InboxView {
    private InboxView() {}

    static List<AttributedString> render(TuiState state, Palette palette, int width, int height) {
        if (state.data().inbox() == null) {
            return List.of(new Line().text(" loading the inbox…", palette.dim()).build(width));
        }
        Instant now = state.data().loadedAt();
        List<AttributedString> lines = new ArrayList<>();
        int selectedLine = 0;
        int index = 0;
        List<String> quiet = new ArrayList<>();
        int idWidth = Labels.columnWidth(Rows.lanes(state).stream()
                .flatMap(group -> Rows.visible(state, group).stream())
                .map(item -> Labels.task(item.task().identifier(), item.task().id())));
        for (InboxGroupPayload group : Rows.lanes(state)) {
            List<InboxItemPayload> items = Rows.visible(state, group);
            if (items.isEmpty()) {
                quiet.add(title(group.lane()) + " " + group.count());
                continue;
            }
            lines.add(new Line()
                    .text(" " + title(group.lane()) + " " + group.count(), palette.heading())
                    .text(" (" + group.unreadCount() + " unread)", palette.dim())
                    .build(width));
            for (InboxItemPayload item : items) {
                boolean selected = index == state.selected();
                if (selected) {
                    selectedLine = lines.size();
                }
                lines.add(item(item, selected, palette, width, idWidth, now));
                index++;
            }
        }
        if (index == 0) {
            lines.add(new Line().text(emptyText(state), palette.dim()).build(width));
        }
        if (!quiet.isEmpty()) {
            lines.add(new Line()
                    .text(" " + String.join(" · ", quiet), palette.dim())
                    .build(width));
        }
        int start = View.windowStart(lines.size(), selectedLine, height);
        return lines.subList(start, Math.min(lines.size(), start + height));
    }

    private static String emptyText(TuiState state) {
        if (state.search() != null) {
            return "   nothing in the inbox matches the search";
        }
        return state.unreadOnly() ? "   no unread items (u shows all)" : "   inbox zero: nothing wants attention";
    }

    private static AttributedString item(
            InboxItemPayload item, boolean selected, Palette palette, int width, int idWidth, Instant now) {
        boolean unread = Rows.unread(item);
        AttributedStyle base = selected ? palette.selected() : unread ? palette.bold() : palette.plain();
        boolean wide = width >= 100;
        int owner = wide ? 18 : 0;
        int fixed = 3 + idWidth + 12 + owner + 5;
        int flexible = Math.max(20, width - fixed);
        int titleWidth = flexible * 4 / 10;
        int reasonWidth = flexible - titleWidth;
        Line line = new Line()
                .text(" ▌", selected ? base : palette.dim())
                .text(unread ? "●" : " ", selected ? base : palette.active())
                .cell(" " + item.task().title(), titleWidth, base)
                .cell(Labels.task(item.task().identifier(), item.task().id()), idWidth, base)
                .cell(
                        item.task().status().wire(),
                        12,
                        selected ? base : palette.of(item.task().status()))
                .cell(reason(item), reasonWidth, selected ? base : palette.plain());
        if (wide) {
            var o = item.task().owner();
            line.cell(
                    o == null ? "" : "owner " + o.kind().wire() + ":" + o.ref(),
                    owner,
                    selected ? base : palette.dim());
        }
        line.right(Durations.age(item.latestActivityAt(), now), 5, selected ? base : palette.dim());
        return line.build(width, base);
    }

    /** Why the item waits: the failed run's error, or the blocking reason, in words. */
    static String reason(InboxItemPayload item) {
        if (item.run() != null && item.run().status() == RunStatus.FAILED) {
            String error = item.run().error();
            return "run failed" + (error == null || error.isBlank() ? "" : ": " + error) + " ("
                    + item.run().attempt() + "/" + item.run().maxAttempts() + ")";
        }
        if (item.blockingReason() != null && !item.blockingReason().isBlank()) {
            return item.blockingReason().replace('_', ' ');
        }
        return item.run() != null ? "run " + item.run().status().wire() : "";
    }

    static String title(String lane) {
        return lane == null ? "" : lane.replace('_', ' ').toUpperCase(Locale.ROOT);
    }
}
