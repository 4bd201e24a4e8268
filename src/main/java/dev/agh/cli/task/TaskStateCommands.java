package dev.agh.cli.task;

import dev.agh.api.Requests.Cancel;
import dev.agh.api.Requests.ListRuns;
import dev.agh.api.Requests.Pause;
import dev.agh.api.Responses.RunListResponse;
import dev.agh.api.Responses.RunResponse;
import dev.agh.api.Responses.TaskResponse;
import dev.agh.app.Backend;
import dev.agh.cli.ApiCommand;
import dev.agh.cli.JsonArgument;
import dev.agh.cli.Printer;
import dev.agh.cli.run.RunText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** reject, cancel, enqueue and runs: the other commands on one task's execution. */
final class TaskStateCommands {
    private TaskStateCommands() {}

    /** {@code agh task reject} = {@code POST /api/tasks/{id}/reject}. */
    @Command(name = "reject", description = "Reject a task awaiting approval (POST /api/tasks/{id}/reject).")
    static final class Reject extends ApiCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Task id.")
        String id;

        @Override
        protected int run(Backend b, Printer out) {
            TaskResponse response = b.service().rejectTask(b.caller(), id);
            out.print(response, w -> TaskText.task(w, response.task()));
            return 0;
        }
    }

    /** {@code agh task cancel} = {@code POST /api/tasks/{id}/cancel}. */
    @Command(
            name = "cancel",
            description = "Cancel a task, its open runs and its subtree (POST /api/tasks/{id}/cancel).")
    static final class CancelTask extends ApiCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Task id.")
        String id;

        @Option(names = "--reason", description = "Why it is canceled.")
        String reason;

        @Option(names = "--metadata", paramLabel = "JSON|@FILE", description = "Extra JSON recorded in the event.")
        String metadata;

        @Override
        protected int run(Backend b, Printer out) {
            TaskResponse response = b.service()
                    .cancelTask(b.caller(), id, new Cancel(reason, JsonArgument.parse("--metadata", metadata)));
            out.print(response, w -> TaskText.task(w, response.task()));
            return 0;
        }
    }

    /** pause and resume: one task id, an optional reason, the task afterwards. */
    abstract static class PauseOrResume extends ApiCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Task id.")
        String id;

        @Option(names = "--reason", description = "Why (on the task.paused or task.resumed event).")
        String reason;

        abstract TaskResponse call(Backend b, Pause request);

        @Override
        protected int run(Backend b, Printer out) {
            TaskResponse response = call(b, new Pause(reason));
            out.print(response, w -> TaskText.task(w, response.task()));
            return 0;
        }
    }

    /** {@code agh task pause} = {@code POST /api/tasks/{id}/pause} (agh extension). */
    @Command(
            name = "pause",
            description = "Pause a task and its subtree: their queued runs wait until resumed "
                    + "(POST /api/tasks/{id}/pause).",
            footer = {
                "",
                "Runs already claimed go on to their end. Children created under a paused task start paused.",
                "",
                "Example:",
                "  agh task pause task-1a2b --reason \"deploy freeze\""
            })
    static final class PauseTask extends PauseOrResume {
        @Override
        TaskResponse call(Backend b, Pause request) {
            return b.service().pauseTask(b.caller(), id, request);
        }
    }

    /** {@code agh task resume} = {@code POST /api/tasks/{id}/resume} (agh extension). */
    @Command(
            name = "resume",
            description = "Resume a paused task and its subtree (POST /api/tasks/{id}/resume).",
            footer = {"", "A paused ancestor stays paused: resume the task that was paused."})
    static final class ResumeTask extends PauseOrResume {
        @Override
        TaskResponse call(Backend b, Pause request) {
            return b.service().resumeTask(b.caller(), id, request);
        }
    }

    /** {@code agh task enqueue} = {@code POST /api/tasks/{id}/runs}. */
    @Command(name = "enqueue", description = "Enqueue a run of a task (POST /api/tasks/{id}/runs).")
    static final class Enqueue extends ApiCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Task id.")
        String id;

        @Mixin
        ExecutionOptions options;

        @Override
        protected int run(Backend b, Printer out) {
            RunResponse response = b.service().enqueueRun(b.caller(), id, options.request());
            out.print(response, w -> RunText.run(w, response.run()));
            return 0;
        }
    }

    /** {@code agh task runs} = {@code GET /api/tasks/{id}/runs}. */
    @Command(
            name = "runs",
            description = "List the runs of a task, newest first (GET /api/tasks/{id}/runs).",
            footer = {"", "The global --session SESSION filters the runs bound to that agent session."})
    static final class Runs extends ApiCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Task id.")
        String id;

        @Option(names = "--status", description = "Only runs in this status.")
        String status;

        @Option(names = "--limit", description = "At most this many runs.")
        Integer limit;

        @Override
        protected int run(Backend b, Printer out) {
            RunListResponse response = b.service()
                    .listRuns(
                            b.caller(), id, new ListRuns(status, root().config().sessionId(), limit));
            out.printList(response, response.runs(), w -> RunText.table(w, response.runs()));
            return 0;
        }
    }
}
