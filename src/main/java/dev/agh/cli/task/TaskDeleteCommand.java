package dev.agh.cli.task;

import dev.agh.app.Backend;
import dev.agh.cli.ApiCommand;
import dev.agh.cli.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code agh task delete} = {@code DELETE /api/tasks/{id}}. */
@Command(name = "delete", description = "Delete a task without children or open runs (DELETE /api/tasks/{id}).")
public final class TaskDeleteCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Task id.")
    String id;

    @Override
    protected int run(Backend backend, Printer out) {
        backend.service().deleteTask(backend.caller(), id);
        // The API answers 204 with no body; -o json prints nothing, like the endpoint.
        if (out.format() == dev.agh.cli.OutputFormat.human) {
            out.writer().println("deleted " + id);
            out.writer().flush();
        }
        return 0;
    }
}
