package dev.agh.cli.bench;

import dev.agh.api.Json;
import dev.agh.app.bench.BenchTarget;
import dev.agh.app.bench.StreamBenchmark;
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

/** {@code agh bench stream}. */
@Command(
        name = "stream",
        description =
                "SSE subscribers follow one task while it changes; times each event's delivery to each subscriber.",
        footer = {
            "",
            "Embedded, the benchmark serves a fresh temporary store on a loopback port itself.",
            "",
            "Examples:",
            "  agh bench stream -o json",
            "  agh bench stream --subscribers 200 --server http://127.0.0.1:7433 -o json"
        })
final class StreamBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--subscribers",
            defaultValue = "200",
            description = "Concurrent SSE subscribers (default ${DEFAULT-VALUE}).")
    int subscribers;

    @Option(
            names = "--events",
            defaultValue = "50",
            description = "Events written, one at a time (default ${DEFAULT-VALUE}).")
    int events;

    @Override
    public Integer call() throws InterruptedException {
        if (subscribers < 1 || events < 1) {
            throw AghException.invalid("--subscribers and --events must be 1 or more");
        }
        RootCommand root = spec.root().commandLine().getCommand();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (BenchTarget target = BenchTarget.open(root.config(), 8)) {
            Map<String, Object> result = StreamBenchmark.run(target, subscribers, events, line -> {
                err.println(line);
                err.flush();
            });
            out.println(root.output() == OutputFormat.human ? Json.writePretty(result) : Json.write(result));
            out.flush();
        }
        return 0;
    }
}
