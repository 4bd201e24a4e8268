package dev.agh.cli.task;

import dev.agh.api.Responses.TaskResponse;
import dev.agh.app.Backend;
import dev.agh.cli.ApiCommand;
import dev.agh.cli.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code agh task child} = {@code POST /api/tasks/{id}/children}. */
@Command(name = "child", description = "Create a child task under PARENT (POST /api/tasks/{id}/children).")
public final class TaskChildCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "PARENT", description = "Parent task id.")
    String parent;

    @Mixin
    TaskFields fields;

    @Override
    protected int run(Backend backend, Printer out) {
        TaskResponse response = backend.service().createChild(backend.caller(), parent, fields.request());
        out.print(response, w -> TaskText.task(w, response.task()));
        return 0;
    }
}
