package dev.agh.app.bench;

import dev.agh.api.Requests.NewSession;
import dev.agh.domain.OriginKind;
import dev.agh.http.HttpServer;
import dev.agh.service.Caller;
import dev.agh.service.LocalTaskService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code agh bench waiters}: N agents wait on {@code claim-next} at once while one client times plain
 * {@code GET /api/tasks} calls. A server that held a thread per waiting claim answered such a GET in seconds; the
 * number to watch is the GET's p99 with a thousand waiters. Embedded, the benchmark serves a fresh store itself.
 */
public final class WaitersBenchmark {
    private static final String LOCAL_TOKEN = "bench-waiters";
    private static final Caller OPERATOR = Caller.human("bench", OriginKind.HTTP);

    private WaitersBenchmark() {}

    public static Map<String, Object> run(
            BenchTarget target, URI serverUrl, String operatorToken, int waiters, int gets, Consumer<String> progress)
            throws InterruptedException, IOException {
        HttpServer server = null;
        URI base = serverUrl;
        String token = operatorToken;
        Optional<LocalTaskService> local = target.local();
        if (local.isPresent()) {
            LocalTaskService service = local.get();
            server = HttpServer.start(
                    service,
                    t -> LOCAL_TOKEN.equals(t)
                            ? Optional.of(OPERATOR)
                            : t == null ? Optional.empty() : service.authenticateSession(t, OriginKind.HTTP),
                    "127.0.0.1",
                    0);
            base = URI.create("http://127.0.0.1:" + server.port());
            token = LOCAL_TOKEN;
        }
        try {
            return measure(target, base, token, waiters, gets, progress);
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private static Map<String, Object> measure(
            BenchTarget target, URI base, String operatorToken, int waiters, int gets, Consumer<String> progress)
            throws InterruptedException, IOException {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < waiters; i++) {
            tokens.add(target.operator()
                    .createSession(target.operatorCaller(), new NewSession("bench-waiter", null, null, null, List.of()))
                    .token());
        }
        progress.accept(waiters + " sessions created; parking their claims");
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int waitSeconds = 60;
        List<CompletableFuture<HttpResponse<Void>>> parked = new ArrayList<>();
        for (String token : tokens) {
            parked.add(client.sendAsync(
                    HttpRequest.newBuilder(base.resolve("/api/agent/tasks/claim-next"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(waitSeconds + 30))
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"wait\":true,\"wait_timeout_seconds\":" + waitSeconds + "}"))
                            .build(),
                    HttpResponse.BodyHandlers.discarding()));
        }
        Thread.sleep(2000);
        long openWaits = parked.stream().filter(f -> !f.isDone()).count();
        progress.accept(openWaits + " claims waiting; timing " + gets + " GET /api/tasks");
        HttpRequest get = HttpRequest.newBuilder(base.resolve("/api/tasks?limit=10"))
                .header("Authorization", "Bearer " + operatorToken)
                .timeout(Duration.ofSeconds(60))
                .build();
        long[] samples = new long[gets];
        for (int i = 0; i < gets; i++) {
            long start = System.nanoTime();
            HttpResponse<Void> answer = client.send(get, HttpResponse.BodyHandlers.discarding());
            samples[i] = System.nanoTime() - start;
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("GET /api/tasks answered " + answer.statusCode());
            }
        }
        long stillWaiting = parked.stream().filter(f -> !f.isDone()).count();
        parked.forEach(f -> f.cancel(true));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("target", target.describe());
        result.put("waiting_claims", waiters);
        result.put("waiting_during_gets", Math.min(openWaits, stillWaiting));
        result.put("get_ms", Percentiles.of(samples, "p50", "p90", "p99"));
        TimeUnit.MILLISECONDS.sleep(100);
        return result;
    }
}
