package dev.agh.cli.workspace;

import picocli.CommandLine.Command;

/** {@code agh workspace}: the group of workspace commands. */
@Command(
        name = "workspace",
        description = "Register, list and remove workspaces.",
        footer = {
            "",
            "Examples:",
            "  agh workspace add ~/src/infra --name infra",
            "  agh workspace list",
            "  agh workspace remove infra"
        },
        subcommands = {WorkspaceAddCommand.class, WorkspaceListCommand.class, WorkspaceRemoveCommand.class})
public final class WorkspaceCommand {}
