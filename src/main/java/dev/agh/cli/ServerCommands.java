package dev.agh.cli;

import dev.agh.app.DataDirectory;
import dev.agh.app.LocalServer;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agh server status|stop}: the {@code agh serve} of this data directory. */
@Command(
        name = "server",
        description = "The agh serve of this data directory: is it running, and stop it.",
        subcommands = {ServerCommands.Status.class, ServerCommands.Stop.class},
        footer = {
            "",
            "Examples:",
            "  agh server status            # exit 0 and its address when running, 7 when not",
            "  agh server stop --timeout 30s"
        })
public final class ServerCommands {
    private ServerCommands() {}

    /** {@code agh server status}. */
    @Command(name = "status", description = "Whether agh serve runs on this data directory, at which address and pid.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            RootCommand root = spec.root().commandLine().getCommand();
            DataDirectory dir = new DataDirectory(root.config().home());
            Optional<String> url = live(dir);
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("running", url.isPresent());
            url.ifPresent(u -> status.put("url", u));
            dir.publishedPid().ifPresent(pid -> url.ifPresent(u -> status.put("pid", pid)));
            status.put("home", root.config().home().toString());
            PrintWriter out = spec.commandLine().getOut();
            if (root.output() == OutputFormat.human) {
                out.println(url.map(u -> "running at " + u
                                        + dir.publishedPid().stream()
                                                .mapToObj(p -> " (pid " + p + ")")
                                                .findFirst()
                                                .orElse(""))
                                .orElse("not running")
                        + " for " + root.config().home());
            } else {
                out.println(dev.agh.api.Json.write(status));
            }
            out.flush();
            return url.isPresent() ? ExitCodes.OK : ExitCodes.UNAVAILABLE;
        }
    }

    /** {@code agh server stop}. */
    @Command(
            name = "stop",
            description = "Stop the agh serve of this data directory (it finishes open requests first).")
    static final class Stop implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(
                names = "--timeout",
                defaultValue = "30s",
                description = "How long to wait for it to exit (default ${DEFAULT-VALUE}).")
        String timeout;

        @Override
        public Integer call() throws InterruptedException {
            RootCommand root = spec.root().commandLine().getCommand();
            PrintWriter out = spec.commandLine().getOut();
            Optional<String> stopped = stopRunning(root, DurationArgument.parse("--timeout", timeout));
            out.println(stopped.orElse("not running for " + root.config().home()));
            out.flush();
            return ExitCodes.OK;
        }
    }

    /**
     * Stops the live server of the data directory, if one runs, and waits up to {@code limit} for it to exit; says
     * what it stopped ("stopped URL (pid N)"), or empty when nothing ran.
     */
    public static Optional<String> stopRunning(RootCommand root, Duration limit) throws InterruptedException {
        DataDirectory dir = new DataDirectory(root.config().home());
        Optional<String> url = live(dir);
        OptionalLong pid = dir.publishedPid();
        if (url.isEmpty()) {
            return Optional.empty();
        }
        Optional<ProcessHandle> process = pid.isPresent() ? ProcessHandle.of(pid.getAsLong()) : Optional.empty();
        if (process.isEmpty()) {
            throw new AghException(
                    ErrorCode.SERVER_UNAVAILABLE,
                    "the server at " + url.get()
                            + " recorded no process id this user can signal; stop it where it runs");
        }
        process.get().destroy(); // SIGTERM: the server's shutdown hook stops listening, ends streams, closes the store
        try {
            process.get().onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AghException(
                    ErrorCode.SERVER_UNAVAILABLE,
                    "the server (pid " + pid.getAsLong() + ") did not exit within " + limit.toSeconds() + " s");
        }
        return Optional.of("stopped " + url.get() + " (pid " + pid.getAsLong() + ")");
    }

    private static Optional<String> live(DataDirectory dir) {
        return Optional.ofNullable(LocalServer.live(dir));
    }
}
