package dev.agh.cli.observe;

import static dev.agh.cli.Text.clip;
import static dev.agh.cli.Text.wire;

import dev.agh.api.InboxGroupPayload;
import dev.agh.api.InboxItemPayload;
import dev.agh.api.InboxPayload;
import dev.agh.tui.Durations;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The human form of the inbox: one block per lane, unread items marked with a dot. */
final class InboxText {
    private InboxText() {}

    static void print(PrintWriter out, InboxPayload inbox, Instant now) {
        out.printf(
                "Inbox  %d items, %d unread, %d archived%n", inbox.total(), inbox.unreadTotal(), inbox.archivedTotal());
        List<String> empty = new ArrayList<>();
        for (InboxGroupPayload group : inbox.groups()) {
            if (group.count() == 0) {
                empty.add(group.lane());
                continue;
            }
            out.println();
            out.printf(
                    "%s  %d (%d unread)%n",
                    group.lane().toUpperCase(Locale.ROOT).replace('_', ' '), group.count(), group.unreadCount());
            if (group.items() == null) {
                continue;
            }
            for (InboxItemPayload item : group.items()) {
                out.printf(
                        "  %s %-24s %-36s %-11s %-22s %s%n",
                        item.triage().read() ? " " : "●",
                        item.task().id(),
                        clip(item.task().title(), 36),
                        wire(item.task().status()),
                        reason(item),
                        Durations.elapsed(item.latestActivityAt(), now));
            }
            if (group.items().size() < group.count()) {
                out.printf(
                        "  … %d more (--lane %s --limit 0)%n",
                        group.count() - group.items().size(), group.lane());
            }
        }
        if (!empty.isEmpty()) {
            out.printf("%nNothing in %s%n", String.join(", ", empty));
        }
    }

    private static String reason(InboxItemPayload item) {
        return item.blockingReason() == null ? "" : item.blockingReason().replace('_', ' ');
    }
}
