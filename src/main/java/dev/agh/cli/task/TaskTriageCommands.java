package dev.agh.cli.task;

import dev.agh.api.LiveResponses.TriageResponse;
import dev.agh.app.Backend;
import dev.agh.cli.ApiCommand;
import dev.agh.cli.Printer;
import dev.agh.service.Caller;
import dev.agh.service.TaskService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** read, dismiss, archive: the caller's own triage of a task in their inbox. */
final class TaskTriageCommands {
    private TaskTriageCommands() {}

    /** The shared shape: one task id in, the caller's triage state out. */
    abstract static class Triage extends ApiCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Task id.")
        String id;

        abstract TriageResponse apply(TaskService service, Caller caller, String taskId);

        @Override
        protected int run(Backend b, Printer out) {
            TriageResponse response = apply(b.service(), b.caller(), id);
            out.print(response, w -> LiveText.triage(w, response.triage()));
            return 0;
        }
    }

    /** {@code agh task read} = {@code POST /api/tasks/{id}/triage/read}. */
    @Command(
            name = "read",
            description = "Mark a task read for you; new activity makes it unread again "
                    + "(POST /api/tasks/{id}/triage/read).")
    static final class Read extends Triage {
        @Override
        TriageResponse apply(TaskService service, Caller caller, String taskId) {
            return service.triageRead(caller, taskId);
        }
    }

    /** {@code agh task dismiss} = {@code POST /api/tasks/{id}/triage/dismiss}. */
    @Command(
            name = "dismiss",
            description = "Hide a task from your inbox until something new happens on it "
                    + "(POST /api/tasks/{id}/triage/dismiss).")
    static final class Dismiss extends Triage {
        @Override
        TriageResponse apply(TaskService service, Caller caller, String taskId) {
            return service.triageDismiss(caller, taskId);
        }
    }

    /** {@code agh task archive} = {@code POST /api/tasks/{id}/triage/archive}. */
    @Command(
            name = "archive",
            description = "Archive a task in your inbox, for good (POST /api/tasks/{id}/triage/archive).")
    static final class Archive extends Triage {
        @Override
        TriageResponse apply(TaskService service, Caller caller, String taskId) {
            return service.triageArchive(caller, taskId);
        }
    }
}
