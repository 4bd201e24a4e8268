package dev.agh.app;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live delivery across processes: a separate {@code agh} process writes straight to the database (embedded,
 * {@code --db}), and a subscriber of the server's SSE stream sees the event; the server noticed the commit
 * of another process by reading the event counter, not through its own writes.
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
      String token = Files.readString(home.resolve("operator.token"), StandardCharsets.UTF_8).trim();
      HttpTaskService client = new HttpTaskService(URI.create(server.url()), token);
      String taskId = client.createTask(IGNORED, new CreateTask(null, null, "global", null, null, "Watched", null, null, null,
          null, null, null, null, null)).task().id();
      List<StreamEventPayload> seen = new CopyOnWriteArrayList<>();
      TaskWatch watch = client.watch(IGNORED, taskId, 1, seen::add);
      try {
        Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), "dev.agh.Main", "--home", home.toString(),
            "--db", config.effectiveDbUrl(), "-o", "json", "task", "update", taskId, "--title", "Written by another process")
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("cli.log").toFile())
            .start();
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(cli.exitValue()).as("the CLI process: %s", Files.readString(home.resolve("cli.log"))).isZero();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seen.isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertThat(seen).as("events the SSE subscriber received").hasSize(1);
        StreamEventPayload event = seen.get(0);
        assertThat(event.type()).isEqualTo("task.updated");
        assertThat(event.sequence()).isEqualTo(2);
        assertThat(event.timeline().origin().kind()).as("written by the embedded CLI").isEqualTo(OriginKind.CLI);
        assertThat(event.timeline().task().title()).isEqualTo("Written by another process");
      } finally {
        watch.close();
      }
    }
  }
}
