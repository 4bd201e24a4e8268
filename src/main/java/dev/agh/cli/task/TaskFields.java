package dev.agh.cli.task;

import dev.agh.api.Requests.CreateTask;
import dev.agh.api.Requests.OwnerInput;
import dev.agh.cli.JsonArgument;
import dev.agh.domain.Owner;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of a new task, shared by {@code task create} and {@code task child}. */
public final class TaskFields {
    @Option(names = "--title", required = true, description = "Title (required).")
    String title;

    @Option(
            names = "--scope",
            description = "global or workspace (default: workspace when --workspace is given, else global).")
    String scope;

    @Option(names = "--workspace", description = "Workspace id, name or path.")
    String workspace;

    @Option(names = "--description", description = "Longer description.")
    String description;

    @Option(names = "--priority", description = "low, medium (default), high or urgent.")
    String priority;

    @Option(names = "--max-attempts", description = "Attempts allowed, 1-10 (default 3).")
    Integer maxAttempts;

    @Option(names = "--draft", description = "Create as a draft (publish it later).")
    boolean draft;

    @Option(names = "--approval", description = "Approval policy: none (default) or manual.")
    String approval;

    @Option(names = "--owner", paramLabel = "KIND:REF", description = "Owner, e.g. human:ana or pool:reviewers.")
    String owner;

    @Option(names = "--identifier", description = "Free-text display identifier, e.g. TASK-12.")
    String identifier;

    @Option(names = "--channel", description = "Network channel ([a-z0-9][a-z0-9_-]{0,63}).")
    String channel;

    @Option(
            names = "--metadata",
            paramLabel = "JSON|@FILE",
            description = "Metadata JSON, inline or @file (max 16 KiB).")
    String metadata;

    @Option(names = "--auto-enqueue", description = "Enqueue a run automatically when the task becomes ready.")
    boolean autoEnqueue;

    @Option(names = "--id", description = "Choose the task id instead of a generated one.")
    String id;

    @Mixin
    RetryOptions retry = new RetryOptions();

    CreateTask request() {
        String effectiveScope = scope != null ? scope : workspace != null ? "workspace" : "global";
        OwnerInput ownerInput = null;
        if (owner != null) {
            Owner parsed = Owner.parse(owner);
            ownerInput = new OwnerInput(parsed.kind().wire(), parsed.ref());
        }
        return new CreateTask(
                id,
                identifier,
                effectiveScope,
                workspace,
                channel,
                title,
                description,
                priority,
                maxAttempts,
                autoEnqueue ? Boolean.TRUE : null,
                draft ? Boolean.TRUE : null,
                approval,
                ownerInput,
                JsonArgument.parse("--metadata", metadata),
                retry.input());
    }
}
