package dev.agh.cli.docs;

import dev.agh.cli.RootCommand;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agh completion bash|zsh|fish}: prints the completion script (the same text as {@code completions/}). */
@Command(
        name = "completion",
        description = "Print the shell completion script for bash, zsh or fish.",
        footer = {
            "",
            "Examples:",
            "  source <(agh completion bash)                                  # bash, this shell only",
            "  agh completion bash > ~/.local/share/bash-completion/completions/agh",
            "  agh completion zsh > \"${fpath[1]}/_agh\"                        # zsh, then restart it",
            "  agh completion fish > ~/.config/fish/completions/agh.fish"
        })
public final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "The shell: ${COMPLETION-CANDIDATES}.")
    Completions.Shell shell;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(Completions.script(shell, RootCommand.model()));
        out.flush();
        return 0;
    }
}
