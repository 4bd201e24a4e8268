package dev.agh.cli.task;

import picocli.CommandLine.Command;

/** {@code agh task}: the group of commands on {@code /api/tasks}. */
@Command(
        name = "task",
        description = "Create, list, inspect and change tasks.",
        subcommands = {
            TaskCreateCommand.class,
            TaskListCommand.class,
            TaskShowCommand.class,
            TaskUpdateCommand.class,
            TaskDeleteCommand.class,
            TaskChildCommand.class,
            TaskDependCommand.class,
            TaskUndependCommand.class,
            TaskExecutionCommands.Publish.class,
            TaskExecutionCommands.Start.class,
            TaskExecutionCommands.Approve.class,
            TaskStateCommands.Reject.class,
            TaskStateCommands.PauseTask.class,
            TaskStateCommands.ResumeTask.class,
            TaskStateCommands.CancelTask.class,
            TaskStateCommands.Enqueue.class,
            TaskStateCommands.Runs.class,
            TaskTimelineCommand.class,
            TaskTreeCommand.class,
            TaskWatchCommand.class,
            TaskTriageCommands.Read.class,
            TaskTriageCommands.Dismiss.class,
            TaskTriageCommands.Archive.class,
            dev.agh.cli.agent.AgentCommands.Next.class
        })
public final class TaskCommand {}
