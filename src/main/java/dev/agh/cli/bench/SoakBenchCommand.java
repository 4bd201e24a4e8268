package dev.agh.cli.bench;

import dev.agh.api.Json;
import dev.agh.app.bench.SoakBenchmark;
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

/** {@code agh bench soak}. */
@Command(
        name = "soak",
        description = "Steady agent cycles through agh serve for minutes: file size, live data and "
                + "latency every minute, then the restart time after kill -9.",
        footer = {
            "",
            "It starts its own server on a new data directory (printed first) and leaves the directory for a",
            "look afterwards. AGH_RETAIN=30d (for example) makes that server prune as it goes.",
            "",
            "Examples:",
            "  agh bench soak --minutes 30 --rate 20 -o json",
            "  AGH_RETAIN=0s agh bench soak --minutes 5 --rate 20"
        })
final class SoakBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--minutes", defaultValue = "30", description = "How long (default ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--rate", defaultValue = "20", description = "Agent cycles per second (default ${DEFAULT-VALUE}).")
    double rate;

    @Override
    public Integer call() throws InterruptedException, IOException {
        if (!(minutes > 0) || !(rate > 0) || rate > 10_000) {
            throw AghException.invalid("--minutes must be above 0 and --rate between 0 and 10000");
        }
        RootCommand root = spec.root().commandLine().getCommand();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path home = Files.createTempDirectory("agh-soak");
        err.println("soak store: " + home);
        err.flush();
        Map<String, Object> result = SoakBenchmark.run(home, minutes, rate, System.getenv("AGH_RETAIN"), line -> {
            err.println(line);
            err.flush();
        });
        result.put("home", home.toString());
        out.println(root.output() == OutputFormat.human ? Json.writePretty(result) : Json.write(result));
        out.flush();
        return 0;
    }
}
