package dev.agh.cli.bench;

import dev.agh.api.Json;
import dev.agh.app.bench.BenchTarget;
import dev.agh.app.bench.WaitersBenchmark;
import dev.agh.cli.OutputFormat;
import dev.agh.cli.RootCommand;
import dev.agh.domain.AghException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agh bench waiters}. */
@Command(
        name = "waiters",
        description = "Many agents wait on claim-next at once; times plain GETs meanwhile.",
        footer = {
            "",
            "Embedded, the benchmark serves a fresh temporary store on a loopback port itself.",
            "",
            "Examples:",
            "  agh bench waiters -o json",
            "  agh bench waiters --waiters 1000 --gets 500 --server http://127.0.0.1:7433 -o json"
        })
final class WaitersBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--waiters",
            defaultValue = "1000",
            description = "Claims waiting at once (default ${DEFAULT-VALUE}).")
    int waiters;

    @Option(
            names = "--gets",
            defaultValue = "500",
            description = "GET /api/tasks calls timed meanwhile (default ${DEFAULT-VALUE}).")
    int gets;

    @Override
    public Integer call() throws InterruptedException, IOException {
        if (waiters < 1 || gets < 1) {
            throw AghException.invalid("--waiters and --gets must be 1 or more");
        }
        RootCommand root = spec.root().commandLine().getCommand();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (BenchTarget target = BenchTarget.open(root.config(), 8)) {
            Map<String, Object> result =
                    WaitersBenchmark.run(target, target.serverUrl(), target.operatorToken(), waiters, gets, line -> {
                        err.println(line);
                        err.flush();
                    });
            out.println(root.output() == OutputFormat.human ? Json.writePretty(result) : Json.write(result));
            out.flush();
        }
        return 0;
    }
}
