package dev.agh.cli;

import dev.agh.api.Json;
import dev.agh.api.Requests.NewSession;
import dev.agh.api.Responses.SessionResponse;
import dev.agh.app.Backend;
import dev.agh.domain.AghException;
import dev.agh.worker.Worker;
import dev.agh.worker.WorkerOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code agh worker -- CMD}: any command-line program as a task consumer. */
@Command(
        name = "worker",
        description = "Run a command for each claimed run: a program becomes an agent.",
        footer = {
            "",
            "The command gets the claim (task, run, lease) as JSON on stdin and AGH_TASK_ID, AGH_TASK_TITLE, AGH_RUN_ID,",
            "AGH_ATTEMPT and AGH_SESSION_ID in its environment (plus AGH_SERVER/AGH_TOKEN or AGH_HOME, so it can call agh",
            "as the session). Exit 0 completes the run: one JSON object printed on stdout is its result, other output is",
            "kept as {\"exit_code\": 0, \"output\": ...}. Any other exit fails the run with the end of the output. The",
            "lease is renewed every third of its length; if it is lost (run canceled or expired) the command is stopped.",
            "Ctrl-C stops the command and releases its run. Without --session the worker opens a session of its own",
            "and stops it on exit.",
            "",
            "Examples:",
            "  agh worker --agent summarizer -- ./summarize.sh",
            "  agh worker --capability git --lease 600 -- claude -p \"$(cat prompt.md)\"",
            "  agh worker --max-runs 1 --exit-when-idle -o jsonl -- python3 job.py"
        })
public final class WorkerCommand extends ApiCommand {
    @Option(
            names = "--agent",
            defaultValue = "worker",
            description = "Agent name of the session it opens (default ${DEFAULT-VALUE}).")
    String agent;

    @Option(
            names = "--workspace",
            description = "Workspace of the session it opens (id, name or path); it claims only there.")
    String workspace;

    @Option(names = "--channel", description = "Network channel of the session it opens.")
    String channel;

    @Option(names = "--capability", description = "A capability of the session it opens (repeatable).")
    List<String> capabilities;

    @Option(
            names = "--priority-min",
            converter = dev.agh.cli.PriorityMinArgument.class,
            paramLabel = "PRIORITY",
            description = "Take only runs of this priority or higher: low, medium, high, urgent (or the rank 10-40).")
    Integer priorityMin;

    @Option(
            names = "--lease",
            defaultValue = "300",
            description = "Lease length in seconds (default ${DEFAULT-VALUE}).")
    long leaseSeconds;

    @Option(
            names = "--wait-timeout",
            defaultValue = "30",
            paramLabel = "SECONDS",
            description = "How long one claim waits for work before asking again (default ${DEFAULT-VALUE}, max 300).")
    int waitSeconds;

    @Option(names = "--max-runs", defaultValue = "0", description = "Stop after this many runs (default 0: never).")
    int maxRuns;

    @Option(
            names = "--exit-when-idle",
            description = "Stop when a wait ends without work (exit 8 if there was none at all).")
    boolean exitWhenIdle;

    @Option(
            names = "--no-retry-exit",
            split = ",",
            paramLabel = "CODE",
            description = "Exit statuses that mean a retry cannot help (comma list): the run fails as not retryable. "
                    + "126 and 127 (cannot execute, not found) always do.")
    java.util.Set<Integer> noRetryExit = new java.util.HashSet<>();

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "The command and its arguments (after --).")
    List<String> command;

    @Override
    protected void checkArguments() {
        if (root().config().embedded() && root().config().dbUrl() == null) {
            // Its commands call agh on the same data directory, and nothing else may open the file meanwhile.
            throw AghException.invalid("agh worker cannot run --embedded: the commands it runs reach the store through"
                    + " its server; run it without --embedded (it starts the server if none runs)");
        }
        // A typo must not claim and fail every queued run, one after the other.
        Worker.whyNotStartable(command).ifPresent(why -> {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "cannot run the command: " + why);
        });
    }

    @Override
    protected int run(Backend operator, Printer out) {
        WorkerOptions options;
        try {
            options = new WorkerOptions(
                    command,
                    null,
                    priorityMin,
                    leaseSeconds,
                    Duration.ofSeconds(waitSeconds),
                    maxRuns,
                    exitWhenIdle,
                    noRetryExit);
        } catch (IllegalArgumentException e) {
            throw AghException.invalid(e.getMessage());
        }
        boolean ownSession = operator.caller().sessionId() == null;
        String token = root().config().token();
        Backend agentBackend = operator;
        if (ownSession) {
            SessionResponse session = operator.service()
                    .createSession(operator.caller(), new NewSession(agent, workspace, null, channel, capabilities));
            token = session.token();
            agentBackend = operator.asSession(session.session().sessionId(), token);
        }
        PrintWriter err = err();
        Worker worker = new Worker(
                agentBackend.service(),
                agentBackend.caller(),
                options,
                agentBackend.agentEnvironment(root().config(), token),
                line -> {
                    err.println("agh worker: " + line);
                    err.flush();
                },
                outcome -> {
                    if (out.format() != OutputFormat.human) {
                        out.writer().println(Json.write(outcome));
                        out.writer().flush();
                    }
                });
        Backend agentSide = agentBackend;
        Thread onSignal = new Thread(
                () -> {
                    worker.stop();
                    stopSession(ownSession, operator, agentSide, err);
                },
                "agh-worker-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            err.println("agh worker: session " + agentSide.caller().sessionId() + " waiting for work ("
                    + agentSide.where() + ")");
            err.flush();
            int handled = worker.run();
            return exitWhenIdle && handled == 0 ? ExitCodes.NO_WORK : ExitCodes.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.UNEXPECTED;
        } finally {
            if (removeHook(onSignal)) {
                stopSession(ownSession, operator, agentSide, err);
            }
        }
    }

    /** A session the worker opened ends with it: its leases go back to the queue at once. */
    private static void stopSession(boolean ownSession, Backend operator, Backend agentSide, PrintWriter err) {
        if (!ownSession) {
            return;
        }
        try {
            operator.service().stopSession(operator.caller(), agentSide.caller().sessionId());
        } catch (RuntimeException e) {
            err.println(
                    "agh worker: could not stop session " + agentSide.caller().sessionId() + ": " + e.getMessage());
        }
        if (agentSide.service() != operator.service()) {
            agentSide.close();
        }
    }

    private static boolean removeHook(Thread hook) {
        try {
            return Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }
}
