package dev.agh.cli.task;

import dev.agh.api.Responses.TaskRunResponse;
import dev.agh.app.Backend;
import dev.agh.cli.ApiCommand;
import dev.agh.cli.Printer;
import dev.agh.cli.run.RunText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** The commands that turn a task into queued work: publish, start, approve. */
final class TaskExecutionCommands {
    private TaskExecutionCommands() {}

    abstract static class Base extends ApiCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Task id.")
        String id;

        @Mixin
        ExecutionOptions options;

        abstract TaskRunResponse call(Backend backend);

        @Override
        protected int run(Backend backend, Printer out) {
            TaskRunResponse response = call(backend);
            out.print(response, w -> {
                w.println(response.task().id() + "  " + response.task().status().wire() + "  "
                        + response.task().title());
                RunText.run(w, response.run());
            });
            return 0;
        }
    }

    /** {@code agh task publish} = {@code POST /api/tasks/{id}/publish}. */
    @Command(
            name = "publish",
            description = "Publish a draft and enqueue its first run (POST /api/tasks/{id}/publish).")
    static final class Publish extends Base {
        @Override
        TaskRunResponse call(Backend b) {
            return b.service().publishTask(b.caller(), id, options.request());
        }
    }

    /** {@code agh task start} = {@code POST /api/tasks/{id}/start}. */
    @Command(
            name = "start",
            description = "Enqueue a run of a ready task (POST /api/tasks/{id}/start).",
            footer = {
                "",
                "Examples:",
                "  agh task start task-3f9a0c1d2e4b5a69",
                "  agh task start ID --idempotency-key deploy-42"
            })
    static final class Start extends Base {
        @Override
        TaskRunResponse call(Backend b) {
            return b.service().startTask(b.caller(), id, options.request());
        }
    }

    /** {@code agh task approve} = {@code POST /api/tasks/{id}/approve}. */
    @Command(
            name = "approve",
            description = "Approve a task awaiting approval and enqueue its run (POST /api/tasks/{id}/approve).")
    static final class Approve extends Base {
        @Override
        TaskRunResponse call(Backend b) {
            return b.service().approveTask(b.caller(), id, options.request());
        }
    }
}
