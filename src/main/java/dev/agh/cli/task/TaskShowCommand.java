package dev.agh.cli.task;

import dev.agh.api.Responses.TaskDetailResponse;
import dev.agh.app.Backend;
import dev.agh.cli.ApiCommand;
import dev.agh.cli.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code agh task show} = {@code GET /api/tasks/{id}}. */
@Command(
        name = "show",
        description = "Show a task with its children, dependencies, runs and events (GET /api/tasks/{id}).")
public final class TaskShowCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Task id.")
    String id;

    @Override
    protected int run(Backend backend, Printer out) {
        TaskDetailResponse response = backend.service().getTask(backend.caller(), id);
        out.print(response, w -> TaskText.detail(w, response.task()));
        return 0;
    }
}
