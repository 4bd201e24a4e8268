package dev.agh.cli.store;

import dev.agh.api.StoreResponses.StoreCheckPayload;
import dev.agh.api.StoreResponses.StoreCheckResponse;
import dev.agh.app.Backend;
import dev.agh.cli.ApiCommand;
import dev.agh.cli.ExitCodes;
import dev.agh.cli.Printer;
import picocli.CommandLine.Command;

/** {@code agh store check} = {@code GET /api/store}. */
@Command(
        name = "check",
        description = "Sizes of the store and whether its summaries agree with its rows " + "(GET /api/store).",
        footer = {
            "",
            "Exits 1 when it finds a problem. The file is H2's; live is the part of it that holds data.",
            "",
            "Example:",
            "  agh store check -o json"
        })
public final class StoreCheckCommand extends ApiCommand {
    @Override
    protected int run(Backend backend, Printer out) {
        StoreCheckResponse response = backend.service().checkStore(backend.caller());
        StoreCheckPayload s = response.store();
        out.print(response, w -> {
            w.println("engine   " + s.engine());
            if (s.fileBytes() != null) {
                w.println("file     " + mib(s.fileBytes())
                        + (s.liveBytes() == null
                                ? ""
                                : "  (live " + mib(s.liveBytes()) + ", " + s.fillPercent() + " %)"));
            }
            w.println("rows     " + s.tasks() + " tasks, " + s.runs() + " runs, " + s.events() + " events");
            w.println(s.ok() ? "ok" : "problems:");
            s.problems().forEach(p -> w.println("  " + p));
        });
        return s.ok() ? 0 : ExitCodes.UNEXPECTED;
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
