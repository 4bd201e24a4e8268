package dev.agh.cli.workspace;

import picocli.CommandLine.Command;

/** {@code agh workspace}: the group of workspace commands. */
@Command(name = "workspace", description = "Register, list and remove workspaces.",
    subcommands = {WorkspaceAddCommand.class, WorkspaceListCommand.class, WorkspaceRemoveCommand.class})
public final class WorkspaceCommand {}
