package dev.agh.cli.workspace;

import dev.agh.app.Backend;
import dev.agh.cli.ApiCommand;
import dev.agh.cli.OutputFormat;
import dev.agh.cli.Printer;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code agh workspace remove REF}. */
@Command(
        name = "remove",
        description = "Remove a workspace that has no tasks.",
        footer = {"", "Examples:", "  agh workspace remove infra", "  agh workspace remove ~/src/infra"})
public final class WorkspaceRemoveCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "REF", description = "Workspace id, name or path.")
    String ref;

    @Override
    protected int run(Backend backend, Printer out) {
        // A relative path typed by the user means the directory here, as for `workspace add`.
        String effective = Files.isDirectory(Path.of(ref))
                ? Path.of(ref).toAbsolutePath().normalize().toString()
                : ref;
        try {
            backend.service().removeWorkspace(backend.caller(), ref);
        } catch (dev.agh.domain.AghException e) {
            if (effective.equals(ref) || e.code() != dev.agh.domain.ErrorCode.WORKSPACE_NOT_FOUND) {
                throw e;
            }
            backend.service().removeWorkspace(backend.caller(), effective);
        }
        if (out.format() == OutputFormat.human) {
            out.writer().println("removed " + ref);
            out.writer().flush();
        }
        return 0;
    }
}
