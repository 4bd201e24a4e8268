package dev.agh;

import dev.agh.cli.RootCommand;

/** Entry point: runs the command line and exits with its code. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(RootCommand.commandLine().execute(args));
    }
}
