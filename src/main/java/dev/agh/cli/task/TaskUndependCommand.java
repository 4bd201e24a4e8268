package dev.agh.cli.task;

import dev.agh.api.Responses.TaskDetailResponse;
import dev.agh.app.Backend;
import dev.agh.cli.ApiCommand;
import dev.agh.cli.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code agh task undepend} = {@code DELETE /api/tasks/{id}/dependencies/{depends_on_id}}. */
@Command(
        name = "undepend",
        description = "Remove the dependency of ID on OTHER (DELETE /api/tasks/{id}/dependencies/{depends_on_id}).")
public final class TaskUndependCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The task that waits.")
    String id;

    @Option(names = "--on", required = true, paramLabel = "OTHER", description = "The task it no longer waits for.")
    String other;

    @Override
    protected int run(Backend backend, Printer out) {
        TaskDetailResponse response = backend.service().removeDependency(backend.caller(), id, other);
        out.print(response, w -> TaskText.detail(w, response.task()));
        return 0;
    }
}
