package dev.agh.cli.store;

import dev.agh.api.Requests.PruneStore;
import dev.agh.api.StoreResponses.PrunePayload;
import dev.agh.api.StoreResponses.PruneResponse;
import dev.agh.app.Backend;
import dev.agh.cli.ApiCommand;
import dev.agh.cli.DurationArgument;
import dev.agh.cli.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agh store prune} = {@code POST /api/store/prune}. */
@Command(
        name = "prune",
        description = "Remove finished task trees, with their runs and events (POST /api/store/prune).",
        footer = {
            "",
            "A tree goes once every task in it finished (completed, failed or canceled) more than --older-than",
            "ago and no open task outside it depends on it. It is removed in small batches while the store serves.",
            "agh serve --retain 30d does the same continuously.",
            "",
            "Examples:",
            "  agh store prune --older-than 30d --dry-run",
            "  agh store prune --older-than 90d -o json"
        })
public final class StorePruneCommand extends ApiCommand {
    @Option(
            names = "--older-than",
            required = true,
            paramLabel = "DURATION",
            description = "Finished longer ago than this, e.g. 30d or 12h.")
    String olderThan;

    @Option(names = "--dry-run", description = "Count what would go; remove nothing.")
    boolean dryRun;

    @Override
    protected int run(Backend backend, Printer out) {
        long seconds = DurationArgument.parse("--older-than", olderThan).toSeconds();
        PruneResponse response =
                backend.service().pruneStore(backend.caller(), new PruneStore(seconds, dryRun ? Boolean.TRUE : null));
        PrunePayload p = response.prune();
        out.print(
                response,
                w -> w.println((p.dryRun() ? "would remove " : "removed ") + p.tasks() + " tasks, " + p.runs()
                        + " runs and " + p.events() + " events finished before " + p.cutoff()));
        return 0;
    }
}
