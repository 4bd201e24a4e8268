package dev.agh.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agh.api.ClaimPayload;
import dev.agh.api.Json;
import dev.agh.api.Requests.ClaimNext;
import dev.agh.api.Requests.CompleteRun;
import dev.agh.api.Requests.FailRun;
import dev.agh.api.Requests.Release;
import dev.agh.api.Responses.ClaimResponse;
import dev.agh.api.Responses.LeaseResponse;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorKind;
import dev.agh.service.Caller;
import dev.agh.service.TaskService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The worker loop: claim a run (waiting for work), run the command on it under a renewed lease, report
 * the outcome, repeat. Failures of the command are the run's failures; failures to reach the service
 * are retried after a pause, so a server restart does not end the worker.
 */
public final class Worker {
    /** Metadata of a failure is at most 16 KiB: keep the end of the output, where the error usually is. */
    static final int MAX_FAILURE_OUTPUT = 8 * 1024;

    private static final long RETRY_PAUSE_MILLIS = 1_000;
    private static final long STOP_GRACE_MILLIS = 5_000;
    /** How long a command killed by a signal waits for this worker's own stop (the same Ctrl-C) to begin. */
    private static final long STOP_SIGNAL_WAIT_MILLIS = 1_000;
    /** The end of stderr in a failed run's error line; the metadata keeps more. */
    static final int MAX_ERROR_TAIL = 500;

    private final TaskService service;
    private final Caller agent;
    private final WorkerOptions options;
    private final Map<String, String> environment;
    private final Consumer<String> log;
    private final Consumer<Outcome> outcomes;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile CommandRun current;
    /** The run claimed by the last completion or failure ({@code next}), worked on before claiming again. */
    private ClaimPayload claimedNext;
    /** Whether the report of the run in hand asks for the next one: not when this is the last run. */
    private boolean wantNext;

    /**
     * @param agent the agent session the worker claims as
     * @param environment added to the command's environment besides the run's identity (e.g. how to reach
     *     the server as this session, so the command can call {@code agh} itself)
     * @param log progress lines for a human
     * @param outcomes each finished run
     */
    public Worker(
            TaskService service,
            Caller agent,
            WorkerOptions options,
            Map<String, String> environment,
            Consumer<String> log,
            Consumer<Outcome> outcomes) {
        this.service = service;
        this.agent = agent;
        this.options = options;
        this.environment = Map.copyOf(environment);
        this.log = log;
        this.outcomes = outcomes;
    }

    /** Why {@code command} cannot be started here (a typo, a missing file), or empty when it can. */
    public static Optional<String> whyNotStartable(List<String> command) {
        return CommandRun.whyNotStartable(command, System.getenv("PATH"));
    }

    /** Works until {@link #stop}, {@code max_runs} runs, or (with {@code exit_when_idle}) a wait without work. */
    public int run() throws InterruptedException {
        int handled = 0;
        try {
            while (!stopping && (options.maxRuns() == 0 || handled < options.maxRuns())) {
                Optional<ClaimPayload> claim = claimedNext != null ? Optional.of(claimedNext) : claim();
                claimedNext = null;
                wantNext = options.maxRuns() == 0 || handled + 1 < options.maxRuns();
                if (claim.isEmpty()) {
                    if (options.exitWhenIdle()) {
                        break;
                    }
                    continue;
                }
                outcomes.accept(work(claim.get()));
                handled++;
            }
            return handled;
        } finally {
            if (claimedNext != null) {
                // Claimed along with the last report, but the worker stops: give it back at once.
                release(claimedNext, -1, System.nanoTime());
                claimedNext = null;
            }
            finished.countDown();
        }
    }

    /**
     * Stops working: the running command is stopped and the loop releases its run, so another agent can
     * take it at once. Waits (a little) for the loop to end; safe to call from a shutdown hook.
     */
    public void stop() {
        stopping = true;
        CommandRun command = current;
        if (command != null) {
            command.stop(STOP_GRACE_MILLIS);
        }
        try {
            finished.await(STOP_GRACE_MILLIS * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Outcome release(ClaimPayload claim, int exit, long started) {
        String runId = claim.run().id();
        try {
            service.releaseLease(agent, runId, new Release("worker stopped"));
        } catch (RuntimeException e) {
            log.accept("could not release " + runId + " (its lease will lapse): " + e.getMessage());
        }
        return finished(
                claim.task().id(), runId, claim.run().attempt(), Outcome.RELEASED, exit, started, "worker stopped");
    }

    private Optional<ClaimPayload> claim() throws InterruptedException {
        ClaimNext request = criteria((int) Math.max(1, options.waitTimeout().toSeconds()));
        try {
            return service.claimNext(agent, request).map(ClaimResponse::claim);
        } catch (AghException e) {
            if (e.kind() != ErrorKind.UNAVAILABLE && e.kind() != ErrorKind.INTERNAL) {
                throw e;
            }
            log.accept("cannot claim (" + e.getMessage() + "), retrying");
            Thread.sleep(RETRY_PAUSE_MILLIS);
            return Optional.empty();
        }
    }

    private Outcome work(ClaimPayload claim) throws InterruptedException {
        String runId = claim.run().id();
        String taskId = claim.task().id();
        int attempt = claim.run().attempt();
        log.accept(
                "claimed " + runId + " of " + taskId + " \"" + claim.task().title() + "\" (attempt " + attempt + ")");
        long started = System.nanoTime();
        if (stopping) {
            return release(claim, -1, started);
        }
        CommandRun command;
        try {
            command = CommandRun.start(
                    options.command(), environmentFor(claim), Json.write(claim).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            String error = "cannot start " + options.command().get(0) + ": " + e.getMessage();
            return report(claim, -1, started, () -> fail(runId, error, null, false), error);
        }
        current = command;
        if (stopping) {
            command.stop(STOP_GRACE_MILLIS);
        }
        markRunning(runId);
        int exit;
        try (LeaseKeeper lease = new LeaseKeeper(
                service,
                agent,
                runId,
                options.leaseSeconds(),
                options.heartbeatEvery(),
                reason -> {
                    log.accept("lease of " + runId + " lost (" + reason + "): stopping the command");
                    command.stop(STOP_GRACE_MILLIS);
                },
                log)) {
            exit = command.waitFor();
            if (exit > 128 && !stopping) {
                // Killed by a signal: with Ctrl-C the terminal sends SIGINT to the command and to this worker at
                // once, and the command may end first. Give this worker's own stop a moment to begin, so the run
                // is released rather than failed (which would use an attempt).
                awaitStop(STOP_SIGNAL_WAIT_MILLIS);
            }
            if (lease.lost()) {
                return finished(taskId, runId, attempt, Outcome.LEASE_LOST, exit, started, "lease lost");
            }
        } finally {
            current = null;
        }
        if (stopping) {
            return release(claim, exit, started);
        }
        int code = exit;
        if (code == 0) {
            return report(
                    claim,
                    code,
                    started,
                    () -> service.completeLease(agent, runId, new CompleteRun(result(command), nextRequest())),
                    null);
        }
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        metadata.put("exit_code", code);
        metadata.put("output", tail(command.output(), MAX_FAILURE_OUTPUT));
        String errors = command.errors().strip();
        if (!errors.isEmpty()) {
            metadata.put("stderr", tail(errors, MAX_FAILURE_OUTPUT));
        }
        String error = "command exited with status " + code + (errors.isEmpty() ? "" : ": " + lastLines(errors));
        boolean retryable = options.retryable(code);
        return report(claim, code, started, () -> fail(runId, error, metadata, retryable), error);
    }

    /** The command started: the run is running and its task in progress, as the dashboard should say. */
    private void markRunning(String runId) {
        try {
            service.startLease(agent, runId);
        } catch (AghException e) {
            // Lost meanwhile (the lease keeper will say so) or a server that is away: the command runs either way.
            log.accept("could not mark " + runId + " running: " + e.getMessage());
        }
    }

    private LeaseResponse fail(String runId, String error, JsonNode metadata, boolean retryable) {
        return service.failLease(
                agent, runId, new FailRun(error, metadata, retryable ? null : Boolean.FALSE, nextRequest()));
    }

    /**
     * The claim of the next run that goes with a report: the same criteria as {@link #claim}, without waiting (a report
     * never waits; with nothing claimable the loop's waiting claim follows). None when the worker stops or this is its
     * last run.
     */
    private ClaimNext nextRequest() {
        if (stopping || !wantNext) {
            return null;
        }
        return criteria(null);
    }

    /**
     * What this worker claims: its workspace, priority floor and lease; waiting up to {@code waitSeconds}, or not at
     * all when null (the claim that goes with a report).
     */
    private ClaimNext criteria(Integer waitSeconds) {
        return new ClaimNext(
                options.workspace(),
                null,
                options.priorityMin(),
                options.leaseSeconds(),
                waitSeconds == null ? null : Boolean.TRUE,
                null,
                waitSeconds);
    }

    /** Reports an outcome; a refusal means the lease was lost meanwhile (nothing else to do about it). */
    private Outcome report(ClaimPayload claim, int exit, long started, Supplier<LeaseResponse> call, String error) {
        String runId = claim.run().id();
        boolean completed = exit == 0;
        try {
            claimedNext = call.get().next();
        } catch (AghException e) {
            log.accept("could not report " + runId + ": " + e.getMessage());
            return finished(
                    claim.task().id(), runId, claim.run().attempt(), Outcome.LEASE_LOST, exit, started, e.getMessage());
        }
        String outcome = completed ? Outcome.COMPLETED : Outcome.FAILED;
        return finished(
                claim.task().id(), runId, claim.run().attempt(), outcome, exit, started, completed ? null : error);
    }

    private Outcome finished(
            String taskId, String runId, int attempt, String outcome, int exit, long started, String error) {
        long millis = (System.nanoTime() - started) / 1_000_000;
        log.accept(outcome.replace('_', ' ') + " " + runId + " after " + millis + " ms"
                + (error == null ? "" : ": " + error));
        return new Outcome(taskId, runId, attempt, outcome, exit, millis, error);
    }

    private Map<String, String> environmentFor(ClaimPayload claim) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("AGH_TASK_ID", claim.task().id());
        env.put("AGH_TASK_TITLE", claim.task().title());
        env.put("AGH_RUN_ID", claim.run().id());
        env.put("AGH_ATTEMPT", Integer.toString(claim.run().attempt()));
        if (agent.sessionId() != null) {
            env.put("AGH_SESSION_ID", agent.sessionId());
        }
        return env;
    }

    /** A command that prints one JSON object has that object as its result; anything else is kept as text. */
    static JsonNode result(CommandRun command) {
        String output = command.output();
        String trimmed = output.strip();
        if (!command.outputTruncated() && trimmed.startsWith("{")) {
            try {
                JsonNode parsed = Json.mapper().readTree(trimmed);
                if (parsed != null && parsed.isObject()) {
                    return parsed;
                }
            } catch (IOException notJson) {
                // Falls through: kept as text.
            }
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("exit_code", 0);
        result.put("output", output);
        if (command.outputTruncated()) {
            result.put("output_truncated", true);
        }
        return result;
    }

    /** The last lines of a command's stderr, for the run's error: at most {@link #MAX_ERROR_TAIL} characters. */
    static String lastLines(String errors) {
        String tail = tail(errors, MAX_ERROR_TAIL);
        int newline = tail.length() < errors.length() ? tail.indexOf('\n') : -1;
        return (newline >= 0 ? tail.substring(newline + 1) : tail)
                .strip()
                .replace('\n', ' ')
                .replace('\r', ' ');
    }

    private void awaitStop(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!stopping && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static String tail(String text, int maxChars) {
        return text.length() <= maxChars ? text : text.substring(text.length() - maxChars);
    }
}
