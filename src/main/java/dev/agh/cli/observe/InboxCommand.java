package dev.agh.cli.observe;

import dev.agh.api.InboxItemPayload;
import dev.agh.api.ObserveResponses.InboxResponse;
import dev.agh.api.Requests.InboxQuery;
import dev.agh.app.Backend;
import dev.agh.cli.ApiCommand;
import dev.agh.cli.Printer;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agh inbox} = {@code GET /api/observe/tasks/inbox}, for the calling actor. */
@Command(
        name = "inbox",
        description = "Tasks that want your attention, by lane (GET /api/observe/tasks/inbox).",
        footer = {
            "",
            "Lanes: my_work, approvals, failed_runs, blocked, archived. The inbox is per caller: "
                    + "an agent session (--session) has its own.",
            "",
            "Examples:",
            "  agh inbox --unread",
            "  agh inbox --lane approvals --limit 10 -o json",
            "  agh task read task-1a2b    # mark read; see also agh task dismiss|archive"
        })
public final class InboxCommand extends ApiCommand {
    @Option(names = "--scope", description = "global or workspace.")
    String scope;

    @Option(names = "--workspace", description = "Workspace id, name or path.")
    String workspace;

    @Option(names = "--owner-kind", description = "Owner kind, e.g. human or pool.")
    String ownerKind;

    @Option(names = "--owner-ref", description = "Owner reference.")
    String ownerRef;

    @Option(names = "--lane", description = "Only this lane: my_work, approvals, failed_runs, blocked or archived.")
    String lane;

    @Option(names = "--unread", description = "Only unread items.")
    boolean unread;

    @Option(names = "--query", description = "Case-insensitive text in the title or identifier.")
    String query;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "At most N items per lane (0: all; default: the server's, 100).")
    Integer limit;

    @Override
    protected int run(Backend backend, Printer out) {
        InboxQuery q =
                new InboxQuery(scope, workspace, ownerKind, ownerRef, lane, unread ? Boolean.TRUE : null, query, limit);
        InboxResponse response = backend.service().inbox(backend.caller(), q);
        // -o jsonl: one item per line, lane after lane.
        List<InboxItemPayload> items = response.inbox().groups().stream()
                .flatMap(g -> g.items() == null ? java.util.stream.Stream.empty() : g.items().stream())
                .toList();
        out.printList(response, items, w -> InboxText.print(w, response.inbox(), Instant.now()));
        return 0;
    }
}
