package dev.agh.cli.observe;

import dev.agh.api.ObserveResponses.DashboardResponse;
import dev.agh.api.Requests.DashboardQuery;
import dev.agh.app.Backend;
import dev.agh.cli.ApiCommand;
import dev.agh.cli.Printer;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agh dashboard} = {@code GET /api/observe/tasks/dashboard}. */
@Command(
        name = "dashboard",
        description = "Counters, health, queue and active runs (GET /api/observe/tasks/dashboard).",
        footer = {
            "",
            "Examples:",
            "  agh dashboard",
            "  agh dashboard --workspace api --channel review -o json",
            "  agh dashboard --limit 50 -o jsonl    # every active run, one per line (up to 50)"
        })
public final class DashboardCommand extends ApiCommand {
    @Option(names = "--limit", paramLabel = "N", description = "Active runs to list (default 4, at most 1000).")
    Integer limit;

    @Option(names = "--scope", description = "global or workspace.")
    String scope;

    @Option(names = "--workspace", description = "Workspace id, name or path.")
    String workspace;

    @Option(names = "--owner-kind", description = "Owner kind, e.g. human or pool.")
    String ownerKind;

    @Option(names = "--owner-ref", description = "Owner reference.")
    String ownerRef;

    @Option(names = "--channel", description = "Network channel (of the tasks and of their runs).")
    String channel;

    @Option(
            names = "--origin-kind",
            description = "Where the tasks (and runs) came from, e.g. cli, http or automation.")
    String originKind;

    @Override
    protected int run(Backend backend, Printer out) {
        DashboardQuery query = new DashboardQuery(scope, workspace, ownerKind, ownerRef, channel, originKind, limit);
        DashboardResponse response = backend.service().dashboard(backend.caller(), query);
        // -o jsonl: one active run per line, the dashboard's list; -o json has the whole dashboard.
        out.printList(
                response,
                response.dashboard().activeRuns().items(),
                w -> DashboardText.print(w, response.dashboard(), Instant.now()));
        return 0;
    }
}
