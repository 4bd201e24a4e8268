package dev.agh.cli.task;

import dev.agh.api.Responses.TaskResponse;
import dev.agh.app.Backend;
import dev.agh.cli.ApiCommand;
import dev.agh.cli.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code agh task create} = {@code POST /api/tasks}. */
@Command(
        name = "create",
        description = "Create a task (POST /api/tasks).",
        footer = {
            "",
            "Examples:",
            "  agh task create --title 'Summarise incident 2231' --priority high",
            "  agh task create --title 'Deploy v7' --workspace ./infra --approval manual --owner human:ana"
        })
public final class TaskCreateCommand extends ApiCommand {
    @Mixin
    TaskFields fields;

    @Override
    protected int run(Backend backend, Printer out) {
        TaskResponse response = backend.service().createTask(backend.caller(), fields.request());
        out.print(response, w -> TaskText.task(w, response.task()));
        return 0;
    }
}
