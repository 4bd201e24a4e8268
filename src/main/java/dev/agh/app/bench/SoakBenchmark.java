package dev.agh.app.bench;

import dev.agh.api.Requests.CompleteRun;
import dev.agh.api.Requests.CreateTask;
import dev.agh.api.Requests.NewSession;
import dev.agh.api.Responses.ClaimResponse;
import dev.agh.api.StoreResponses.StoreCheckPayload;
import dev.agh.app.AppConfig;
import dev.agh.app.DataDirectory;
import dev.agh.app.LocalServer;
import dev.agh.client.HttpTaskService;
import dev.agh.domain.OriginKind;
import dev.agh.service.Caller;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code agh bench soak}: the embedded store over months, compressed. One agent runs agent cycles (create, start,
 * claim, complete: four writes) at a steady rate through an {@code agh serve} on a new data directory, as a user's
 * commands do. Every minute it samples the file size, the live data in it ({@code agh store check}) and the cycle
 * latencies of that minute. At the end it kills the server with SIGKILL and times how long the next request takes
 * to be answered by a new server on the same store (start, recovery, migrations).
 */
public final class SoakBenchmark {
    private static final Caller OPERATOR = Caller.human("bench", OriginKind.CLI);

    private SoakBenchmark() {}

    public static Map<String, Object> run(Path home, double minutes, double rate, String retain, Consumer<String> log)
            throws InterruptedException {
        AppConfig config = new AppConfig(home, null, null, null, null, "bench");
        DataDirectory dir = new DataDirectory(home);
        String url = LocalServer.ensure(config, dir);
        Path file = home.resolve("agh.mv.db");
        List<Map<String, Object>> samples = new ArrayList<>();
        long cycles = 0;
        String lastTask = null;
        try (HttpTaskService operator = new HttpTaskService(URI.create(url), dir.existingOperatorToken())) {
            var created = operator.createSession(OPERATOR, new NewSession("soak", null, null, null, null));
            Caller agentCaller = new Caller(
                    dev.agh.domain.Actor.agentSession(created.session().sessionId()),
                    OriginKind.HTTP,
                    created.session().sessionId());
            try (HttpTaskService agent = new HttpTaskService(URI.create(url), created.token())) {
                long periodNanos = (long) (1e9 / rate);
                long start = System.nanoTime();
                long end = start + (long) (minutes * 60e9);
                long nextSample = start + 60_000_000_000L;
                long next = start;
                List<Long> latencies = new ArrayList<>();
                long sampleStart = start;
                while (System.nanoTime() < end) {
                    long now = System.nanoTime();
                    if (now < next) {
                        Thread.sleep((next - now) / 1_000_000, (int) ((next - now) % 1_000_000));
                    }
                    next += periodNanos;
                    long began = System.nanoTime();
                    String task = operator.createTask(OPERATOR, CreateTask.titled("soak " + cycles))
                            .task()
                            .id();
                    operator.startTask(OPERATOR, task, null);
                    Optional<ClaimResponse> claim = agent.claimNext(agentCaller, null);
                    claim.ifPresent(c ->
                            agent.completeLease(agentCaller, c.claim().run().id(), new CompleteRun(null)));
                    latencies.add(System.nanoTime() - began);
                    cycles++;
                    lastTask = task;
                    if (System.nanoTime() >= nextSample) {
                        nextSample += 60_000_000_000L;
                        samples.add(sample(
                                operator,
                                file,
                                samples.size() + 1,
                                cycles,
                                latencies,
                                System.nanoTime() - sampleStart));
                        sampleStart = System.nanoTime();
                        log.accept(dev.agh.api.Json.write(samples.get(samples.size() - 1)));
                        latencies.clear();
                    }
                }
                if (!latencies.isEmpty()) {
                    samples.add(sample(
                            operator, file, samples.size() + 1, cycles, latencies, System.nanoTime() - sampleStart));
                }
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("minutes", minutes);
        result.put("rate", rate);
        result.put("retain", retain);
        result.put("cycles", cycles);
        result.put("samples", samples);
        result.put("restart_after_kill_ms", restartAfterKill(config, dir, lastTask));
        return result;
    }

    private static Map<String, Object> sample(
            HttpTaskService operator, Path file, int minute, long cycles, List<Long> nanos, long elapsedNanos) {
        StoreCheckPayload store = operator.checkStore(OPERATOR).store();
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("minute", minute);
        s.put("cycles", cycles);
        s.put("file_mb", mb(size(file)));
        s.put("live_mb", store.liveBytes() == null ? null : mb(store.liveBytes()));
        s.put("tasks", store.tasks());
        s.put("cycle_p50_ms", sorted.get(sorted.size() / 2) / 1e6);
        s.put("cycle_p99_ms", sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99))) / 1e6);
        s.put("cycles_per_second", Math.round(nanos.size() / (elapsedNanos / 1e9) * 10) / 10.0);
        return s;
    }

    /**
     * SIGKILL of the server, then the time until a new one (started on demand) answers on the same store with the
     * last task acknowledged before the kill (a read of one task: {@code agh store check}'s full scans would time
     * the check, not the restart).
     */
    private static double restartAfterKill(AppConfig config, DataDirectory dir, String lastTask) {
        Optional<ProcessHandle> server = dir.publishedPid().isPresent()
                ? ProcessHandle.of(dir.publishedPid().getAsLong())
                : Optional.empty();
        if (server.isEmpty()) {
            return -1;
        }
        server.get().destroyForcibly();
        server.get().onExit().join();
        long began = System.nanoTime();
        String url = LocalServer.ensure(config, dir);
        try (HttpTaskService client = new HttpTaskService(URI.create(url), dir.existingOperatorToken())) {
            if (lastTask != null) {
                client.getTask(OPERATOR, lastTask);
            }
        }
        double millis = (System.nanoTime() - began) / 1e6;
        dir.publishedPid().ifPresent(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
        return millis;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static double mb(long bytes) {
        return Math.round(bytes / 104857.6) / 10.0;
    }
}
