package dev.agh.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agh.api.Requests.CreateTask;
import dev.agh.api.StreamEventPayload;
import dev.agh.client.HttpTaskService;
import dev.agh.domain.OriginKind;
import dev.agh.service.Caller;
import dev.agh.service.TaskWatch;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another {@code agh} process while {@code agh serve} owns the embedded store: opening the file directly
 * ({@code --db}) is refused with exit 7 and writes nothing; without {@code --db} the process writes through the
 * server, and a subscriber of the server's SSE stream sees the event. (Several processes on one database,
 * with commits noticed through the event counter, is PostgreSQL's case: {@code TwoNodeStreamTest}.)
 */
class CrossProcessStreamTest {
    private static final Caller IGNORED = Caller.human("op", OriginKind.HTTP);

    @TempDir
    Path home;

    @Test
    @Timeout(120)
    void aServerStreamSeesWhatAnotherProcessWrites() throws Exception {
        AppConfig config = new AppConfig(home, null, null, null, null, "op");
        try (Server server = Server.start(config, "127.0.0.1", 0, Server.AuthMode.TOKEN)) {
            String token = Files.readString(home.resolve("operator.token"), StandardCharsets.UTF_8)
                    .trim();
            HttpTaskService client = new HttpTaskService(URI.create(server.url()), token);
            String taskId = client.createTask(IGNORED, CreateTask.titled("Watched"))
                    .task()
                    .id();
            List<StreamEventPayload> seen = new CopyOnWriteArrayList<>();
            TaskWatch watch = client.watch(IGNORED, taskId, 1, seen::add);
            try {
                // The server owns the file: another process opening it directly is refused, clearly, and writes
                // nothing.
                Process embedded = cli(
                        "--db", config.ownerDbUrl(), "-o", "json", "task", "update", taskId, "--title", "Not written");
                assertThat(embedded.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(embedded.exitValue())
                        .as("the embedded CLI process: %s", log())
                        .isEqualTo(7);
                assertThat(log()).contains("STORE_UNAVAILABLE").contains("in use by another process");

                // Without --db the CLI finds the server in server.url and writes through it.
                Process cli = cli("-o", "json", "task", "update", taskId, "--title", "Written by another process");
                assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(cli.exitValue()).as("the CLI process: %s", log()).isZero();

                await().atMost(Duration.ofSeconds(10))
                        .untilAsserted(() -> assertThat(seen)
                                .as("events the SSE subscriber received")
                                .hasSize(1));
                StreamEventPayload event = seen.get(0);
                assertThat(event.type()).isEqualTo("task.updated");
                assertThat(event.sequence()).isEqualTo(2);
                assertThat(event.timeline().origin().kind())
                        .as("written by the CLI through the server")
                        .isEqualTo(OriginKind.HTTP);
                assertThat(event.timeline().task().title()).isEqualTo("Written by another process");
            } finally {
                watch.close();
            }
        }
    }

    private Process cli(String... args) throws java.io.IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.agh.Main",
                "--home",
                home.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("cli.log").toFile())
                .start();
    }

    private String log() throws java.io.IOException {
        return Files.readString(home.resolve("cli.log"));
    }
}
