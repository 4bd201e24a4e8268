package dev.agh.cli.bench;

import dev.agh.api.Json;
import dev.agh.app.bench.DashboardBenchmark;
import dev.agh.cli.OutputFormat;
import dev.agh.cli.RootCommand;
import dev.agh.domain.AghException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agh bench dashboard}. */
@Command(
        name = "dashboard",
        description = "Seeds a fresh store with a large history, then times the dashboard and the inbox.",
        footer = {
            "",
            "Embedded, the store is H2 in a temporary directory; with --db jdbc:postgresql:... the benchmark works in",
            "a fresh schema that it drops afterwards.",
            "",
            "Examples:",
            "  agh bench dashboard -o json",
            "  agh bench dashboard --tasks 100000 --runs 300000 --db jdbc:postgresql://127.0.0.1:5432/agh?user=agh -o json"
        })
final class DashboardBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--tasks", defaultValue = "100000", description = "Tasks to seed (default ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--runs", defaultValue = "300000", description = "Runs to seed (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(
            names = "--iterations",
            defaultValue = "50",
            description = "Timed rounds of every query (default ${DEFAULT-VALUE}).")
    int iterations;

    @Override
    public Integer call() {
        if (tasks < 1 || runs < 0 || iterations < 1) {
            throw AghException.invalid("--tasks and --iterations must be 1 or more, --runs 0 or more");
        }
        RootCommand root = spec.root().commandLine().getCommand();
        if (root.config().serverUrl() != null) {
            throw AghException.invalid("agh bench dashboard seeds its own store: use --db, not --server");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Object> result = DashboardBenchmark.run(root.config(), tasks, runs, iterations, line -> {
            err.println(line);
            err.flush();
        });
        out.println(root.output() == OutputFormat.human ? Json.writePretty(result) : Json.write(result));
        out.flush();
        return 0;
    }
}
