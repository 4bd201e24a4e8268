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
      TaskUndependCommand.class
    })
public final class TaskCommand {}
