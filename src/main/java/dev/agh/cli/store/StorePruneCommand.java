package dev.agh.cli.store;

import dev.agh.api.Requests.PruneStore;
import dev.agh.api.StoreResponses.PrunePayload;
import dev.agh.api.StoreResponses.PruneResponse;
import dev.agh.app.Backend;
import dev.agh.cli.ApiCommand;
import dev.agh.cli.DurationArgument;
import dev.agh.cli.OutputFormat;
import dev.agh.cli.Printer;
import dev.agh.domain.AghException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agh store prune} = {@code POST /api/store/prune}. */
@Command(
        name = "prune",
        description = "Remove finished task trees, with their runs and events (POST /api/store/prune).",
        footer = {
            "",
            "A tree goes once every task in it finished (completed, failed or canceled) more than --older-than",
            "ago and no open task outside it depends on it. It is removed in small batches while the store serves,",
            "in requests of at most --max-per-request tasks (progress on stderr), so no request runs for long.",
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

    @Option(
            names = "--max-per-request",
            paramLabel = "N",
            defaultValue = "10000",
            description = "Tasks removed per request, at most (default ${DEFAULT-VALUE}: some seconds each).")
    int maxPerRequest;

    @Override
    protected void checkArguments() {
        if (maxPerRequest < 1) {
            throw AghException.invalid("--max-per-request must be at least 1, got " + maxPerRequest);
        }
    }

    @Override
    protected int run(Backend backend, Printer out) {
        long seconds = DurationArgument.parse("--older-than", olderThan).toSeconds();
        PrunePayload p = dryRun
                ? prune(backend, new PruneStore(seconds, Boolean.TRUE, null))
                : pruneAll(
                        backend,
                        seconds,
                        out.format() == OutputFormat.human ? spec.commandLine().getErr() : null);
        PruneResponse response = new PruneResponse(p);
        out.print(
                response,
                w -> w.println((p.dryRun() ? "would remove " : "removed ") + p.tasks() + " tasks, " + p.runs()
                        + " runs and " + p.events() + " events finished before " + p.cutoff()));
        return 0;
    }

    /**
     * Request after request until the server says it is done; the totals of all of them, the last cutoff. Between
     * requests a line of progress goes to {@code progress} (human output only).
     */
    private PrunePayload pruneAll(Backend backend, long seconds, java.io.PrintWriter err) {
        long tasks = 0;
        long runs = 0;
        long events = 0;
        while (true) {
            PrunePayload step = prune(backend, new PruneStore(seconds, null, maxPerRequest));
            tasks += step.tasks();
            runs += step.runs();
            events += step.events();
            if (step.done()) {
                return new PrunePayload(false, step.cutoff(), tasks, runs, events, true);
            }
            if (err != null) {
                err.println("removed " + tasks + " tasks so far");
                err.flush();
            }
        }
    }

    private static PrunePayload prune(Backend backend, PruneStore request) {
        return backend.service().pruneStore(backend.caller(), request).prune();
    }
}
