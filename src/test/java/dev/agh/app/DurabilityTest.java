package dev.agh.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agh.api.Requests.CreateTask;
import dev.agh.api.Requests.ListTasks;
import dev.agh.client.HttpTaskService;
import dev.agh.domain.OriginKind;
import dev.agh.service.Caller;
import dev.agh.service.LocalTaskService;
import dev.agh.store.jdbi.JdbiTaskStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every write the server acknowledged is still there after the server process is killed with SIGKILL. */
class DurabilityTest {
    private static final Caller OPERATOR = Caller.human("op", OriginKind.HTTP);

    @TempDir
    Path home;

    @Test
    void acknowledgedWritesSurviveKillNine() throws Exception {
        Process server = startServer();
        Set<String> acknowledged = java.util.Collections.synchronizedSet(new HashSet<>());
        try {
            String url = awaitPublishedUrl(server);
            HttpTaskService client = new HttpTaskService(
                    URI.create(url),
                    Files.readString(home.resolve("operator.token")).trim());
            ExecutorService writers = Executors.newFixedThreadPool(4);
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                running.add(writers.submit(() -> {
                    for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                        try {
                            acknowledged.add(client.createTask(OPERATOR, task("w" + writer + "-" + i))
                                    .task()
                                    .id());
                        } catch (RuntimeException serverGone) {
                            return;
                        }
                    }
                }));
            }
            // Let a few hundred writes be acknowledged, then kill the server in the middle of the stream.
            await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 300);
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
            writers.shutdown();
            assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            server.destroyForcibly();
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(300);

        String url = new AppConfig(home, null, null, null, null, "op").ownerDbUrl();
        try (LocalTaskService reopened = new LocalTaskService(JdbiTaskStore.open(url, 2), Clock.systemUTC())) {
            assertThat(storedIds(reopened)).containsAll(acknowledged);
        }
    }

    /**
     * {@code agh store compact} rewrites the file with H2's retention set to 0 while it runs: a kill -9 in the
     * middle of one must lose nothing acknowledged either. Three rounds on one store, each timing a compaction
     * under three writers, then killing the server a quarter, a half and three quarters into the next one.
     */
    @Test
    void acknowledgedWritesSurviveKillNineDuringCompaction() throws Exception {
        Set<String> acknowledged = java.util.Collections.synchronizedSet(new HashSet<>());
        int compactions = 0;
        for (int round = 0; round < 3; round++) {
            Files.deleteIfExists(home.resolve("server.url")); // the killed server's, so the new one's is read
            Process server = startServer();
            try {
                HttpTaskService client = new HttpTaskService(
                        URI.create(awaitPublishedUrl(server)),
                        Files.readString(home.resolve("operator.token")).trim());
                ExecutorService writers = Executors.newFixedThreadPool(4);
                int before = acknowledged.size();
                for (int w = 0; w < 3; w++) {
                    String prefix = "r" + round + "w" + w + "-";
                    writers.submit(() -> {
                        for (int i = 0; ; i++) {
                            try {
                                acknowledged.add(client.createTask(OPERATOR, task(prefix + i))
                                        .task()
                                        .id());
                            } catch (RuntimeException serverGone) {
                                return;
                            }
                        }
                    });
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= before + 500);
                long began = System.nanoTime();
                client.compactStore(OPERATOR); // one whole compaction under the writes, to time it
                long tookMillis = (System.nanoTime() - began) / 1_000_000;
                compactions++;
                Future<?> inFlight = writers.submit(() -> client.compactStore(OPERATOR));
                // A quarter, a half, three quarters into a second compaction that takes about as long.
                Thread.sleep(Math.max(1, tookMillis * (round + 1) / 4));
                server.destroyForcibly();
                server.waitFor(10, TimeUnit.SECONDS);
                writers.shutdown();
                assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
                assertThat(inFlight).isDone();
            } finally {
                server.destroyForcibly();
                server.waitFor(10, TimeUnit.SECONDS);
            }
        }
        assertThat(compactions).isEqualTo(3);
        try (JdbiTaskStore store =
                        JdbiTaskStore.open(new AppConfig(home, null, null, null, null, "op").ownerDbUrl(), 2);
                LocalTaskService reopened = new LocalTaskService(store, Clock.systemUTC())) {
            assertThat(storedIds(reopened)).containsAll(acknowledged);
            assertThat(store.check().problems())
                    .as("the store's own summaries agree with its rows")
                    .isEmpty();
        }
    }

    private Process startServer() throws java.io.IOException {
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.agh.Main",
                        "serve",
                        "--home",
                        home.toString(),
                        "--port",
                        "0")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        home.resolve("serve.log").toFile()))
                .start();
    }

    private static Set<String> storedIds(LocalTaskService service) {
        Set<String> stored = new HashSet<>();
        ListTasks page = new ListTasks(null, null, null, null, true, null, null, null, null, null, null, 1000, null);
        String next;
        do {
            var listed = service.listTasks(OPERATOR, page);
            listed.tasks().forEach(t -> stored.add(t.id()));
            next = listed.nextCursor();
            page = page.after(next);
        } while (next != null);
        return stored;
    }

    private String awaitPublishedUrl(Process server) throws Exception {
        Path file = home.resolve("server.url");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("server exited: " + Files.readString(home.resolve("serve.log")));
            }
            if (Files.exists(file) && !Files.readString(file).isBlank()) {
                return Files.readString(file).trim();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("server did not publish its URL: " + Files.readString(home.resolve("serve.log")));
    }

    private static CreateTask task(String title) {
        return CreateTask.titled(title);
    }
}
