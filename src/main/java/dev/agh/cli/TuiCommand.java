package dev.agh.cli;

import dev.agh.app.Backend;
import dev.agh.tui.SystemTerminal;
import dev.agh.tui.TuiOptions;
import java.io.Console;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code agh tui}: the full-screen terminal UI, embedded or against {@code --server}. */
@Command(
        name = "tui",
        description = "Full-screen terminal UI: dashboard, inbox and tasks, updated live.",
        footer = {
            "",
            "Keys: ↑↓ move, ⏎ open, tab switch, / search, a approve, x reject, s start, p publish, c cancel,",
            "m mark read, d dismiss, A archive, ? help, q quit. Needs an interactive terminal; NO_COLOR or --no-color",
            "keep it to bold, underline and inverse.",
            "",
            "Examples:",
            "  agh tui",
            "  agh tui --server http://127.0.0.1:7433"
        })
public final class TuiCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (!interactive()) {
            err.println("agh: tui needs an interactive terminal, and stdout is not one;"
                    + " for scripts use 'agh task list -o json' or the HTTP API");
            err.flush();
            return ExitCodes.USAGE;
        }
        RootCommand root = spec.root().commandLine().getCommand();
        boolean color = !root.noColor && System.getenv("NO_COLOR") == null;
        try (Backend backend = root.openBackend()) {
            TuiOptions options = backend.latestEventSequence()
                    .map(latest -> TuiOptions.embedded(color, backend.where(), latest))
                    .orElseGet(() -> TuiOptions.remote(color, backend.where()));
            return SystemTerminal.run(backend.service(), backend.caller(), options);
        } catch (SystemTerminal.Unsupported e) {
            err.println("agh: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
    }

    /** Both ends at a terminal: on Java 17 the console exists only then (later JDKs say so in isTerminal). */
    private static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
