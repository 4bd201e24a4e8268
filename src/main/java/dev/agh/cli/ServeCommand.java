package dev.agh.cli;

import dev.agh.app.Server;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agh serve}: the HTTP API on the same store and service as the CLI. */
@Command(
        name = "serve",
        description = "Serve the Tasks HTTP API (and SSE) until stopped, or idle for --idle-exit.",
        footer = {
            "",
            "Examples:",
            "  agh serve                       # 127.0.0.1:7433, embedded store, bearer token required",
            "  agh serve --idle-exit 30m       # stop after 30 minutes without a request, stream or waiting claim",
            "  agh serve --db jdbc:postgresql://127.0.0.1:5432/agh?user=agh --port 8080",
            "",
            "Other commands on this data directory start it by themselves when it is not running (see agh server)."
        })
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--bind",
            defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(
            names = "--port",
            defaultValue = "7433",
            description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(
            names = "--auth",
            defaultValue = "token",
            description = "token (default) or none (loopback only, no credentials).")
    String auth;

    @Option(
            names = "--idle-exit",
            defaultValue = "${env:AGH_IDLE_EXIT:-never}",
            paramLabel = "DURATION",
            description = "Stop after this long with no request, stream or waiting claim: 15m, 1h, or never (default: "
                    + "${DEFAULT-VALUE}; AGH_IDLE_EXIT). The server a command starts by itself uses 15m.")
    String idleExit;

    @Option(
            names = "--default-retry",
            defaultValue = "${env:AGH_DEFAULT_RETRY:-none}",
            paramLabel = "POLICY",
            description = "Retry policy of tasks without their own: none (default), fixed:DELAY or "
                    + "exponential:BASE[:MAX[:JITTER]], e.g. exponential:30s:1h ($AGH_DEFAULT_RETRY).")
    String defaultRetry;

    @Option(
            names = "--retain",
            defaultValue = "${env:AGH_RETAIN:-forever}",
            paramLabel = "AGE",
            description =
                    "Prune finished task trees older than this once a minute, e.g. 30d (default forever: keep all; "
                            + "$AGH_RETAIN).")
    String retain;

    /** Started by a command in the background: no terminal's Ctrl-C or hang-up may stop it, only its idle time. */
    @Option(names = "--background", hidden = true)
    boolean background;

    @Override
    public Integer call() throws InterruptedException {
        RootCommand root = spec.root().commandLine().getCommand();
        Server.AuthMode mode = switch (auth.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "token" -> Server.AuthMode.TOKEN;
            case "none" -> Server.AuthMode.NONE;
            default -> throw dev.agh.domain.AghException.invalid("--auth must be token or none, got \"" + auth + "\"");
        };
        var config = root.config();
        java.time.Duration idle =
                "never".equalsIgnoreCase(idleExit.trim()) ? null : DurationArgument.parse("--idle-exit", idleExit);
        if (idle != null && idle.isZero()) {
            idle = null;
        }
        dev.agh.domain.RetryPolicy retry = RetryPolicyArgument.parse("--default-retry", defaultRetry);
        java.time.Duration keep =
                "forever".equalsIgnoreCase(retain.trim()) ? null : DurationArgument.parse("--retain", retain);
        if (background) {
            dev.agh.app.LocalServer.ignoreTerminalSignals();
        }
        Server server = Server.start(config, bind, port, mode, idle, retry);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "agh-shutdown"));
        if (keep != null) {
            server.retain(keep);
        }
        var out = spec.commandLine().getOut();
        out.println("agh serving " + server.url() + " (store: "
                + (config.dbUrl() == null ? config.home() : "external database") + ")");
        // The process's start time, not the JVM's uptime: no management beans to load on the way to the first request.
        ProcessHandle.current()
                .info()
                .startInstant()
                .ifPresent(began -> out.printf(
                        java.util.Locale.ROOT,
                        "started in %.2f s, the store opened in %.2f s%n",
                        java.time.Duration.between(began, java.time.Instant.now())
                                        .toMillis()
                                / 1000.0,
                        server.storeOpenMillis() / 1000.0));
        if (mode == Server.AuthMode.NONE) {
            spec.commandLine()
                    .getErr()
                    .println("agh: WARNING: --auth none: every local process can act as the operator");
        } else {
            out.println("operator token: " + config.home().resolve("operator.token"));
        }
        if (idle != null) {
            out.println("stops after " + idleExit.trim() + " idle");
        }
        if (keep != null) {
            out.println("prunes finished task trees older than " + retain.trim());
        }
        if (retry.retries()) {
            out.println("failed runs of tasks without a retry policy: " + defaultRetry.trim());
        }
        out.flush();
        server.awaitStop();
        return 0;
    }
}
