package dev.agh.cli.store;

import dev.agh.api.StoreResponses.CompactResponse;
import dev.agh.app.Backend;
import dev.agh.cli.ApiCommand;
import dev.agh.cli.Printer;
import picocli.CommandLine.Command;

/** {@code agh store compact} = {@code POST /api/store/compact}. */
@Command(
        name = "compact",
        description = "Shrink the embedded store file to about its live data now " + "(POST /api/store/compact).",
        footer = {
            "",
            "Writes wait while it runs (at most 10 s). The server also compacts a little at a time by itself;",
            "this is for after a large prune.",
            "",
            "Example:",
            "  agh store prune --older-than 30d && agh store compact"
        })
public final class StoreCompactCommand extends ApiCommand {
    @Override
    protected int run(Backend backend, Printer out) {
        CompactResponse response = backend.service().compactStore(backend.caller());
        out.print(
                response,
                w -> w.println(
                        "compacted the store file from " + response.compact().bytesBefore() + " to "
                                + response.compact().bytesAfter() + " bytes"));
        return 0;
    }
}
