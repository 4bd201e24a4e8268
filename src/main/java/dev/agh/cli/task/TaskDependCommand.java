package dev.agh.cli.task;

import dev.agh.api.Requests.AddDependency;
import dev.agh.api.Responses.TaskDetailResponse;
import dev.agh.app.Backend;
import dev.agh.cli.ApiCommand;
import dev.agh.cli.Printer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code agh task depend} = {@code POST /api/tasks/{id}/dependencies}. */
@Command(name = "depend", description = "Make ID wait for OTHER (POST /api/tasks/{id}/dependencies).")
public final class TaskDependCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The task that waits.")
    String id;

    @Option(names = "--on", required = true, paramLabel = "OTHER", description = "The task it waits for.")
    String other;

    @Override
    protected int run(Backend backend, Printer out) {
        TaskDetailResponse response =
                backend.service().addDependency(backend.caller(), id, new AddDependency(other, null));
        out.print(response, w -> TaskText.detail(w, response.task()));
        return 0;
    }
}
