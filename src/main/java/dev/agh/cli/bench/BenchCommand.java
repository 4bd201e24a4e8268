package dev.agh.cli.bench;

import dev.agh.api.Json;
import dev.agh.app.bench.BenchTarget;
import dev.agh.app.bench.CycleBenchmark;
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

/** {@code agh bench}: measure agh on this machine. */
@Command(
        name = "bench",
        description = "Measure agh on this machine (results as JSON with -o json).",
        subcommands = {
            BenchCommand.Cycle.class,
            StreamBenchCommand.class,
            DashboardBenchCommand.class,
            WaitersBenchCommand.class,
            SoakBenchCommand.class,
            CliBenchCommand.class
        })
public final class BenchCommand {
    /** {@code agh bench cycle}. */
    @Command(
            name = "cycle",
            description =
                    "Agents claim and complete runs as fast as they can; also times the wake-up of a waiting claimer.",
            footer = {
                "",
                "Examples:",
                "  agh bench cycle -o json",
                "  agh bench cycle --agents 8 --tasks 5000 --server http://127.0.0.1:7433 -o json"
            })
    static final class Cycle implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--agents", defaultValue = "8", description = "Concurrent agents (default ${DEFAULT-VALUE}).")
        int agents;

        @Option(
                names = "--tasks",
                defaultValue = "20000",
                description = "Queued runs to work through (default ${DEFAULT-VALUE}).")
        int tasks;

        @Option(
                names = "--rate",
                defaultValue = "0",
                description = "Cycles per second of all agents together; 0 (default): as fast as they can.")
        double rate;

        @Option(
                names = "--unbundled",
                description = "A claim-next and a completion per run (two calls), instead of a "
                        + "completion that claims the next run (one call, as agh worker does).")
        boolean unbundled;

        @Override
        public Integer call() throws InterruptedException {
            if (agents < 1 || tasks < 1 || !(rate >= 0) || Double.isInfinite(rate)) {
                throw AghException.invalid("--agents and --tasks must be 1 or more, --rate a number of 0 or more");
            }
            RootCommand root = spec.root().commandLine().getCommand();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (BenchTarget target = BenchTarget.open(root.config(), agents + 2)) {
                Map<String, Object> result = CycleBenchmark.run(target, agents, tasks, rate, unbundled, line -> {
                    err.println(line);
                    err.flush();
                });
                out.println(root.output() == OutputFormat.human ? Json.writePretty(result) : Json.write(result));
                out.flush();
            }
            return 0;
        }
    }
}
