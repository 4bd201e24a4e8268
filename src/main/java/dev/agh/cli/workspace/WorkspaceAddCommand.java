package dev.agh.cli.workspace;

import dev.agh.api.Requests.AddWorkspace;
import dev.agh.api.Responses.WorkspaceResponse;
import dev.agh.app.Backend;
import dev.agh.cli.ApiCommand;
import dev.agh.cli.Printer;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code agh workspace add PATH [--name N]}. */
@Command(
        name = "add",
        description = "Register a directory as a workspace.",
        footer = {"", "Examples:", "  agh workspace add ~/src/infra --name infra", "  agh workspace add . -o json"})
public final class WorkspaceAddCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "PATH", description = "Directory of the workspace.")
    String path;

    @Option(names = "--name", description = "Name (default: the directory's name).")
    String name;

    @Override
    protected int run(Backend backend, Printer out) {
        // Resolved here, against the caller's working directory, not the server's.
        String absolute = Path.of(path).toAbsolutePath().normalize().toString();
        WorkspaceResponse response = backend.service().addWorkspace(backend.caller(), new AddWorkspace(absolute, name));
        out.print(
                response,
                w -> w.println(
                        response.workspace().id() + "  " + response.workspace().name() + "  "
                                + response.workspace().path()));
        return 0;
    }
}
