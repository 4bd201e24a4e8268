package dev.agh.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agh.api.Json;
import dev.agh.api.Requests.CreateTask;
import dev.agh.api.Requests.UpdateTask;
import dev.agh.api.StreamEnd;
import dev.agh.api.StreamEventPayload;
import dev.agh.api.StreamSink;
import dev.agh.api.TaskStream;
import dev.agh.client.HttpTaskService;
import dev.agh.domain.OriginKind;
import dev.agh.http.HttpServer;
import dev.agh.store.jdbi.JdbiTaskStore;
import dev.agh.testing.ContractValidator;
import dev.agh.testing.Databases;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/tasks/{id}/stream} on the wire: headers, frames, keepalives, cursors and errors as a
 * plain SSE client sees them; many subscribers at once; and a client that resumes across a server restart.
 */
class HttpStreamTest {
    private static final String TOKEN = "stream-token-31d9";
    private static final Caller CALLER = Caller.human("alice", OriginKind.HTTP);
    private static final Duration KEEPALIVE = Duration.ofMillis(300);

    @TempDir
    Path dataDir;

    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private LocalTaskService backend;
    private HttpServer server;
    private HttpTaskService client;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void startServer() {
        backend = new LocalTaskService(JdbiTaskStore.open(Databases.h2Url(dataDir), 8), Clock.systemUTC());
        server = start(0);
        client = new HttpTaskService(base(), TOKEN, this::check);
    }

    private HttpServer start(int port) {
        return HttpServer.start(
                backend,
                token -> TOKEN.equals(token) ? Optional.of(CALLER) : Optional.empty(),
                "127.0.0.1",
                port,
                KEEPALIVE);
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
        if (backend != null) {
            backend.closeStreams();
            backend.close();
        }
        assertThat(violations).as("responses that break the API contract").isEmpty();
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    private void check(String method, String path, int status, String body) {
        try {
            ContractValidator.load().assertResponse(method, path, status, body);
        } catch (AssertionError e) {
            violations.add(method + " " + path + " -> " + status + ": " + e.getMessage());
        }
    }

    private String createTask(String title) {
        return backend.createTask(CALLER, CreateTask.titled(title)).task().id();
    }

    private long rename(String taskId, String title) {
        return backend.updateTask(
                        CALLER, taskId, new UpdateTask(title, null, null, null, null, null, null, null, null, null))
                .task()
                .latestEventSeq();
    }

    /** A plain SSE connection: its status, headers and the lines it receives. */
    private final class RawStream implements AutoCloseable {
        final HttpResponse<InputStream> response;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        RawStream(String query, String lastEventId, String taskId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            base().resolve("/api/tasks/" + taskId + "/stream" + query))
                    .header("Authorization", "Bearer " + TOKEN);
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            Thread reader = new Thread(() -> {
                try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException closed) {
                    // the test closed it
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        String next() throws InterruptedException {
            String line = lines.poll(10, TimeUnit.SECONDS);
            assertThat(line).as("a line of the stream within 10 s").isNotNull();
            return line;
        }

        /** The next event frame (skipping keepalives), as its lines without the blank one. */
        List<String> nextEvent() throws InterruptedException {
            List<String> frame = new ArrayList<>();
            while (true) {
                String line = next();
                if (line.isEmpty()) {
                    if (!frame.isEmpty()) {
                        return frame;
                    }
                } else if (!line.startsWith(":")) {
                    frame.add(line);
                }
            }
        }

        String body() throws IOException {
            return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            response.body().close();
        }
    }

    @Test
    @Timeout(30)
    void framesCarryIdEventAndDataAndIdleStreamsGetKeepalives() throws Exception {
        String task = createTask("Streamed");
        try (RawStream stream = new RawStream("", null, task)) {
            assertThat(stream.response.statusCode()).isEqualTo(200);
            assertThat(stream.response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
            assertThat(stream.response.headers().firstValue("Cache-Control")).hasValue("no-cache");
            assertThat(stream.response.headers().firstValue("X-Accel-Buffering"))
                    .hasValue("no");

            List<String> created = new ArrayList<>(List.of(stream.next(), stream.next(), stream.next(), stream.next()));
            assertThat(created.get(0)).isEqualTo("id: 1");
            assertThat(created.get(1)).isEqualTo("event: task.created");
            assertThat(created.get(2)).startsWith("data: {\"sequence\":1,\"type\":\"task.created\",\"timeline\":{");
            assertThat(created.get(3)).as("a blank line ends the frame").isEmpty();
            check("GET", "/api/tasks/" + task + "/stream", 200, String.join("\n", created) + "\n");

            assertThat(stream.next()).as("nothing happens: a keepalive comment").isEqualTo(": keepalive");
            assertThat(stream.next()).isEmpty();

            long sequence = rename(task, "Streamed, renamed");
            List<String> updated = stream.nextEvent();
            assertThat(updated).containsExactly("id: " + sequence, "event: task.updated", updated.get(2));
            StreamEventPayload event = Json.read(updated.get(2).substring("data: ".length()), StreamEventPayload.class);
            assertThat(event.sequence()).isEqualTo(sequence);
            assertThat(event.timeline().task().title()).isEqualTo("Streamed, renamed");
        }
    }

    @Test
    @Timeout(30)
    void lastEventIdOverridesAfterSequence() throws Exception {
        String task = createTask("Resumable");
        long first = 1;
        long second = rename(task, "two");
        long third = rename(task, "three");
        try (RawStream stream = new RawStream("?after_sequence=" + first, null, task)) {
            assertThat(stream.nextEvent()).first().isEqualTo("id: " + second);
        }
        try (RawStream stream = new RawStream("?after_sequence=0", Long.toString(second), task)) {
            assertThat(stream.nextEvent())
                    .first()
                    .as("Last-Event-ID wins over after_sequence")
                    .isEqualTo("id: " + third);
        }
    }

    @Test
    void errorsBeforeStreamingAreJsonAnswers() throws Exception {
        String task = createTask("Task");
        assertError(
                new RawStream("", null, "task-0000000000000000"),
                404,
                "TASK_NOT_FOUND",
                "/api/tasks/task-0000000000000000/stream");
        assertError(
                new RawStream("?after_sequence=-1", null, task),
                422,
                "VALIDATION_FAILED",
                "/api/tasks/" + task + "/stream");
        assertError(
                new RawStream("?after_sequence=soon", null, task),
                422,
                "VALIDATION_FAILED",
                "/api/tasks/" + task + "/stream");
        assertError(new RawStream("", "abc", task), 422, "VALIDATION_FAILED", "/api/tasks/" + task + "/stream");
        assertError(new RawStream("", "-3", task), 422, "VALIDATION_FAILED", "/api/tasks/" + task + "/stream");
    }

    private void assertError(RawStream stream, int status, String code, String path) throws IOException {
        try (stream) {
            assertThat(stream.response.statusCode()).isEqualTo(status);
            assertThat(stream.response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        }
        HttpResponse<String> again = sendPlain(stream.response.request());
        assertThat(Json.mapper().readTree(again.body()).path("code").asText()).isEqualTo(code);
        check("GET", path, again.statusCode(), again.body());
    }

    private HttpResponse<String> sendPlain(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    @Timeout(120)
    void twoHundredSubscribersOfOneTaskAllReceiveANewEvent() throws Exception {
        String task = createTask("Popular");
        int subscribers = 200;
        CountDownLatch ready = new CountDownLatch(subscribers);
        List<CountDownLatch> received = new ArrayList<>();
        List<TaskStream> streams = new ArrayList<>();
        long sequence = 2;
        try {
            for (int i = 0; i < subscribers; i++) {
                CountDownLatch got = new CountDownLatch(1);
                received.add(got);
                streams.add(client.stream(CALLER, task, 0, new StreamSink() {
                    @Override
                    public void event(StreamEventPayload event, String json) {
                        if (event.sequence() == 1) {
                            ready.countDown();
                        } else if (event.sequence() == sequence) {
                            got.countDown();
                        }
                    }

                    @Override
                    public void ended(StreamEnd end) {}
                }));
            }
            assertThat(ready.await(60, TimeUnit.SECONDS))
                    .as("every subscriber replayed the creation")
                    .isTrue();
            long start = System.nanoTime();
            assertThat(rename(task, "Popular, renamed")).isEqualTo(sequence);
            for (CountDownLatch got : received) {
                assertThat(got.await(30, TimeUnit.SECONDS))
                        .as("every subscriber got the new event")
                        .isTrue();
            }
            System.out.println(
                    "200 subscribers got one event within " + (System.nanoTime() - start) / 1_000_000 + " ms");
        } finally {
            streams.forEach(TaskStream::close);
        }
    }

    @Test
    @Timeout(60)
    void aWatchResumesAfterTheServerRestartsWithoutLosingOrRepeatingEvents() throws Exception {
        String task = createTask("Survives restarts");
        List<Long> seen = new CopyOnWriteArrayList<>();
        TaskWatch watch = client.watch(CALLER, task, 0, event -> seen.add(event.sequence()));
        try {
            awaitSeen(seen, 1);
            int port = server.port();
            server.close();
            long second = rename(task, "written while the server is down");
            long third = rename(task, "and again");
            server = start(port);
            awaitSeen(seen, third);
            long fourth = rename(task, "after the restart");
            awaitSeen(seen, fourth);
            assertThat(seen).containsExactly(1L, second, third, fourth);
        } finally {
            watch.close();
        }
    }

    @Test
    @Timeout(120)
    void aSlowWatcherStillGetsEveryEventOnceInOrder() throws Exception {
        String task = createTask("Busy");
        List<Long> seen = new CopyOnWriteArrayList<>();
        TaskWatch watch = client.watch(CALLER, task, 0, event -> {
            seen.add(event.sequence());
            if (seen.size() % 100 == 0) {
                sleep(200);
            }
        });
        long last = 1;
        try {
            for (int i = 0; i < 600; i++) {
                last = rename(task, "edit " + i);
            }
            awaitSeen(seen, last);
            List<Long> expected = new ArrayList<>();
            for (long s = 1; s <= last; s++) {
                expected.add(s);
            }
            assertThat(seen).containsExactlyElementsOf(expected);
        } finally {
            watch.close();
        }
    }

    private static void awaitSeen(List<Long> seen, long sequence) {
        await().atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(seen)
                        .as("events seen, waiting for %s", sequence)
                        .contains(sequence));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
