package dev.agh.cli.task;

import dev.agh.api.Requests.OwnerInput;
import dev.agh.api.Requests.UpdateTask;
import dev.agh.api.Responses.TaskResponse;
import dev.agh.app.Backend;
import dev.agh.cli.ApiCommand;
import dev.agh.cli.JsonArgument;
import dev.agh.cli.Printer;
import dev.agh.domain.Owner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code agh task update} = {@code PATCH /api/tasks/{id}}. */
@Command(name = "update", description = "Change fields of a task (PATCH /api/tasks/{id}).")
public final class TaskUpdateCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Task id.")
    String id;

    @Option(names = "--title", description = "New title.")
    String title;

    @Option(names = "--description", description = "New description.")
    String description;

    @Option(names = "--priority", description = "low, medium, high or urgent.")
    String priority;

    @Option(names = "--max-attempts", description = "Attempts allowed, 1-10.")
    Integer maxAttempts;

    @Option(names = "--approval", description = "Approval policy: none or manual (a change restarts approval).")
    String approval;

    @Option(names = "--owner", paramLabel = "KIND:REF", description = "New owner, e.g. pool:reviewers.")
    String owner;

    @Option(names = "--clear-owner", description = "Remove the owner.")
    boolean clearOwner;

    @Option(names = "--channel", description = "Network channel (\"\" clears it).")
    String channel;

    @Option(names = "--metadata", paramLabel = "JSON|@FILE", description = "Replace the metadata.")
    String metadata;

    @Option(
            names = "--auto-enqueue",
            arity = "1",
            paramLabel = "true|false",
            description = "Enqueue automatically when ready.")
    Boolean autoEnqueue;

    @Mixin
    RetryOptions retry = new RetryOptions();

    @Option(
            names = "--clear-retry",
            description = "Drop the task's own retry policy: the server's default applies again.")
    boolean clearRetry;

    @Override
    protected int run(Backend backend, Printer out) {
        OwnerInput ownerInput = null;
        if (owner != null) {
            Owner parsed = Owner.parse(owner);
            ownerInput = new OwnerInput(parsed.kind().wire(), parsed.ref());
        }
        UpdateTask request = new UpdateTask(
                title,
                description,
                priority,
                maxAttempts,
                autoEnqueue,
                approval,
                JsonArgument.parse("--metadata", metadata),
                channel,
                ownerInput,
                clearOwner ? Boolean.TRUE : null,
                retry.input(),
                clearRetry ? Boolean.TRUE : null);
        TaskResponse response = backend.service().updateTask(backend.caller(), id, request);
        out.print(response, w -> TaskText.task(w, response.task()));
        return 0;
    }
}
