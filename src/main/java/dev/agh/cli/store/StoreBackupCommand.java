package dev.agh.cli.store;

import dev.agh.api.Requests.BackupStore;
import dev.agh.api.StoreResponses.BackupResponse;
import dev.agh.app.Backend;
import dev.agh.cli.ApiCommand;
import dev.agh.cli.Printer;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code agh store backup} = {@code POST /api/store/backup}. */
@Command(
        name = "backup",
        description =
                "Write a consistent copy of the store to a new zip file while it serves " + "(POST /api/store/backup).",
        footer = {
            "",
            "The server writes the file, so the path is on its machine (for the server a command starts: here).",
            "Back up PostgreSQL with pg_dump. Restore with agh store restore FILE.",
            "",
            "Example:",
            "  agh store backup ~/backups/agh-$(date +%F).zip"
        })
public final class StoreBackupCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "The zip file to write; it must not exist yet.")
    Path file;

    @Override
    protected int run(Backend backend, Printer out) {
        BackupResponse response = backend.service()
                .backupStore(
                        backend.caller(),
                        new BackupStore(file.toAbsolutePath().normalize().toString()));
        out.print(
                response,
                w -> w.println("wrote " + response.backup().path() + " ("
                        + response.backup().bytes() + " bytes)"));
        return 0;
    }
}
