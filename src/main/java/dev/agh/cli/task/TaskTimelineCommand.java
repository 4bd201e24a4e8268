package dev.agh.cli.task;

import dev.agh.api.LiveResponses.TimelineResponse;
import dev.agh.app.Backend;
import dev.agh.cli.ApiCommand;
import dev.agh.cli.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code agh task timeline} = {@code GET /api/tasks/{id}/timeline}. */
@Command(
        name = "timeline",
        description = "The events of a task, oldest first (GET /api/tasks/{id}/timeline).",
        footer = {
            "",
            "Page with --after: pass the sequence of the last event you saw.",
            "",
            "Examples:",
            "  agh task timeline task-1a2b --limit 50",
            "  agh task timeline task-1a2b --after 120 -o jsonl"
        })
public final class TaskTimelineCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Task id.")
    String id;

    @Option(names = "--after", paramLabel = "N", description = "Only events with a sequence above N.")
    Long after;

    @Option(names = "--limit", paramLabel = "N", description = "At most N events (0: all).")
    Integer limit;

    @Override
    protected int run(Backend backend, Printer out) {
        TimelineResponse response = backend.service().timeline(backend.caller(), id, after, limit);
        out.printList(response, response.timeline(), w -> LiveText.timeline(w, response.timeline()));
        return 0;
    }
}
