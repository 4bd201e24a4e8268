package dev.agh.cli.run;

import dev.agh.api.Requests.ListAllRuns;
import dev.agh.api.Responses.RunPageResponse;
import dev.agh.api.RunPayload;
import dev.agh.app.Backend;
import dev.agh.cli.ApiCommand;
import dev.agh.cli.Printer;
import dev.agh.domain.Limits;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agh run list} = {@code GET /api/task-runs}: runs of every task, newest queued first. */
@Command(
        name = "list",
        description = "List the runs of every task, newest first (GET /api/task-runs).",
        footer = {
            "",
            "Examples:",
            "  agh run list --status running",
            "  agh run list --session-id sess-4be1… -o jsonl",
            "  agh run list --workspace infra --status failed --limit 20"
        })
public final class RunListCommand extends ApiCommand {
    @Option(names = "--status", description = "queued, claimed, starting, running, completed, failed or canceled.")
    String status;

    @Option(names = "--task", paramLabel = "ID", description = "Only runs of this task.")
    String task;

    @Option(names = "--session-id", paramLabel = "ID", description = "Only runs of this agent session.")
    String session;

    @Option(names = "--channel", description = "Only runs on this network channel.")
    String channel;

    @Option(names = "--workspace", description = "Only runs of tasks in this workspace (id, name or path).")
    String workspace;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "At most N runs (default and 0: all of them, read page by page).")
    Integer limit;

    /** Pages on with {@code next_cursor} until every run, or the first {@code --limit}, was read. */
    @Override
    protected int run(Backend backend, Printer out) {
        int wanted = limit == null ? 0 : limit;
        List<RunPayload> runs = new ArrayList<>();
        String cursor = null;
        RunPageResponse page;
        do {
            int size = wanted < 0
                    ? wanted
                    : wanted == 0
                            ? Limits.MAX_LIST_LIMIT
                            : Math.min(Limits.MAX_LIST_LIMIT, Math.max(1, wanted - runs.size()));
            page = backend.service()
                    .listAllRuns(
                            backend.caller(), new ListAllRuns(status, task, session, channel, workspace, size, cursor));
            runs.addAll(page.runs());
            cursor = page.nextCursor();
        } while (cursor != null && (wanted == 0 || runs.size() < wanted));
        RunPageResponse response = new RunPageResponse(runs, cursor);
        out.printList(response, response.runs(), w -> RunText.tableWithTasks(w, response.runs()));
        return 0;
    }
}
