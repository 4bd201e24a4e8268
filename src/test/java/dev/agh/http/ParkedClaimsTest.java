package dev.agh.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.api.Requests.NewSession;
import dev.agh.domain.OriginKind;
import dev.agh.service.Authenticator;
import dev.agh.service.Caller;
import dev.agh.service.LocalTaskService;
import dev.agh.store.jdbi.JdbiTaskStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Waiting claims are parked, not threads: more agents waiting on {@code claim-next} than Jetty has threads (250)
 * leave the server answering everyone else, one new run goes to exactly one waiter, and the rest answer 204 at
 * their timeout, not later.
 */
class ParkedClaimsTest {
    static final int WAITERS = 300;
    static final int WAIT_SECONDS = 4;

    @TempDir
    Path dataDir;

    final Caller operator = Caller.human("operator", OriginKind.HTTP);
    LocalTaskService service;
    HttpServer server;

    @BeforeEach
    void start() {
        String url = "jdbc:h2:file:" + dataDir.resolve("agh").toAbsolutePath() + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000";
        service = new LocalTaskService(JdbiTaskStore.open(url, 4), Clock.systemUTC());
        Authenticator auth = token ->
                "op".equals(token) ? Optional.of(operator) : service.authenticateSession(token, OriginKind.HTTP);
        server = HttpServer.start(service, auth, "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
        service.close();
    }

    @Test
    void moreWaitingClaimsThanServerThreadsDoNotHoldUpOtherRequests() throws Exception {
        URI base = URI.create("http://127.0.0.1:" + server.port());
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++) {
            agents.add(service.createSession(operator, new NewSession("waiter", null, null, null, List.of()))
                    .token());
        }
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> waits = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < WAITERS; i++) {
            waits.add(client.sendAsync(
                    post(
                            base,
                            "/api/agent/tasks/claim-next",
                            agents.get(i),
                            "{\"wait\":true,\"wait_timeout_seconds\":" + WAIT_SECONDS + "}"),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Thread.sleep(500);
        for (int i = 0; i < 10; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> list = client.send(
                    HttpRequest.newBuilder(base.resolve("/api/tasks"))
                            .header("Authorization", "Bearer op")
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - t0))
                    .as("a GET while %d claims wait", WAITERS)
                    .isLessThan(Duration.ofSeconds(2));
        }
        HttpResponse<String> created = client.send(
                post(base, "/api/tasks", "op", "{\"scope\":\"global\",\"title\":\"one job\"}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String task = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(created.body())
                .path("task")
                .path("id")
                .asText();
        HttpResponse<String> enqueued = client.send(
                post(base, "/api/tasks/" + task + "/runs", "op", "{}"), HttpResponse.BodyHandlers.ofString());
        assertThat(enqueued.statusCode()).as(enqueued.body()).isEqualTo(201);

        CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).get(WAIT_SECONDS + 20, TimeUnit.SECONDS);
        Duration all = Duration.ofNanos(System.nanoTime() - started);
        long claimed = waits.stream().filter(w -> w.join().statusCode() == 200).count();
        long empty = waits.stream().filter(w -> w.join().statusCode() == 204).count();
        assertThat(claimed).as("waiters handed the one run").isEqualTo(1);
        assertThat(empty)
                .as(waits.stream()
                        .map(w -> w.join().statusCode() + " " + w.join().body())
                        .distinct()
                        .limit(3)
                        .toList()
                        .toString())
                .isEqualTo(WAITERS - 1);
        assertThat(all)
                .as("the last waiter answered near its timeout")
                .isLessThan(Duration.ofSeconds(WAIT_SECONDS + 6));
    }

    @Test
    void aClaimForAWaitingClientThatWentAwayIsReleasedWithoutUsingAnAttempt() throws Exception {
        var gone = service.createSession(operator, new NewSession("gone", null, null, null, List.of()));
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            String body = "{\"wait\":true,\"wait_timeout_seconds\":30}";
            socket.getOutputStream()
                    .write(("POST /api/agent/tasks/claim-next HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                                    + gone.token() + "\r\nContent-Type: application/json\r\nContent-Length: "
                                    + body.length() + "\r\n\r\n" + body)
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            Thread.sleep(500); // parked now
        } // the client is gone (Ctrl-C)
        Thread.sleep(200);
        String task = service.createTask(
                        operator,
                        new dev.agh.api.Requests.CreateTask(
                                null, null, "global", null, null, "job", null, null, null, null, null, null, null,
                                null))
                .task()
                .id();
        String run = service.enqueueRun(operator, task, new dev.agh.api.Requests.ExecuteTask(null, null, null))
                .run()
                .id();

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        var current = service.getRun(operator, run).run().run();
        while (System.nanoTime() < deadline
                && !(current.status() == dev.agh.domain.RunStatus.QUEUED
                        && service.timeline(operator, task, null, null).timeline().stream()
                                .anyMatch(e -> e.eventType().equals("task.run_released")))) {
            Thread.sleep(50);
            current = service.getRun(operator, run).run().run();
        }
        assertThat(current.status()).as("the run is back in the queue").isEqualTo(dev.agh.domain.RunStatus.QUEUED);
        assertThat(current.attempt()).isEqualTo(1);
        var next = service.createSession(operator, new NewSession("next", null, null, null, List.of()));
        Caller agent =
                service.authenticateSession(next.token(), OriginKind.HTTP).orElseThrow();
        var claim = service.claimNext(agent, null).orElseThrow().claim();
        assertThat(claim.run().id()).isEqualTo(run);
        assertThat(claim.run().attempt()).as("the release used no attempt").isEqualTo(1);
    }

    private static HttpRequest post(URI base, String path, String token, String body) {
        return HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
