package dev.agh.cli.bench;

import dev.agh.api.Json;
import dev.agh.app.bench.CliBenchmark;
import dev.agh.cli.OutputFormat;
import dev.agh.cli.RootCommand;
import dev.agh.domain.AghException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agh bench cli}. */
@Command(
        name = "cli",
        description = "Time agh commands as a user runs them: the first one on a new data directory, "
                + "everyday ones against its server, parallel loops.",
        footer = {
            "",
            "Runs this launcher in separate processes on fresh temporary data directories; agh --version and curl",
            "are timed alongside, in alternating rounds.",
            "",
            "Examples:",
            "  agh bench cli -o json",
            "  agh bench cli --rounds 10 --tasks 1000 --loops 8 --per-loop 50 -o json"
        })
final class CliBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--rounds",
            defaultValue = "10",
            description = "Rounds of the everyday commands (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(
            names = "--warmup",
            defaultValue = "2",
            description = "Rounds run first and not counted (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--tasks",
            defaultValue = "1000",
            description = "Tasks in the store they run on (default ${DEFAULT-VALUE}).")
    int tasks;

    @Option(
            names = "--first",
            defaultValue = "3",
            description = "New data directories to time the first command on (default ${DEFAULT-VALUE}).")
    int first;

    @Option(
            names = "--loops",
            defaultValue = "8",
            description = "Parallel shell loops of task create (default ${DEFAULT-VALUE}).")
    int loops;

    @Option(names = "--per-loop", defaultValue = "50", description = "Commands per loop (default ${DEFAULT-VALUE}).")
    int perLoop;

    @Override
    public Integer call() throws InterruptedException, IOException {
        if (warmup < 0 || rounds < 1 || tasks < 1 || first < 1 || loops < 1 || perLoop < 1) {
            throw AghException.invalid("--rounds, --tasks, --first, --loops and --per-loop must be 1 or more");
        }
        String launcher = System.getenv("AGH_LAUNCHER");
        if (launcher == null || !Files.isExecutable(Path.of(launcher))) {
            throw AghException.invalid("agh bench cli times the launcher; run it as target/agh bench cli");
        }
        RootCommand root = spec.root().commandLine().getCommand();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Object> result = CliBenchmark.run(
                Path.of(launcher), new CliBenchmark.Plan(warmup, rounds, tasks, first, loops, perLoop), line -> {
                    err.println(line);
                    err.flush();
                });
        out.println(root.output() == OutputFormat.human ? Json.writePretty(result) : Json.write(result));
        out.flush();
        return 0;
    }
}
