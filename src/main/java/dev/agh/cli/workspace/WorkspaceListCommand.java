package dev.agh.cli.workspace;

import dev.agh.api.Responses.WorkspaceListResponse;
import dev.agh.app.Backend;
import dev.agh.cli.ApiCommand;
import dev.agh.cli.Printer;
import picocli.CommandLine.Command;

/** {@code agh workspace list}. */
@Command(
        name = "list",
        description = "List workspaces.",
        footer = {"", "Examples:", "  agh workspace list", "  agh workspace list -o json"})
public final class WorkspaceListCommand extends ApiCommand {
    @Override
    protected int run(Backend backend, Printer out) {
        WorkspaceListResponse response = backend.service().listWorkspaces(backend.caller());
        out.printList(response, response.workspaces(), w -> {
            if (response.workspaces().isEmpty()) {
                w.println("no workspaces");
            }
            response.workspaces().forEach(ws -> w.println(ws.id() + "  " + ws.name() + "  " + ws.path()));
        });
        return 0;
    }
}
