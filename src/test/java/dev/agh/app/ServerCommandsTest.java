package dev.agh.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agh server status|stop} against a real {@code agh serve} process on the data directory, and the orderly
 * stop on SIGTERM.
 */
class ServerCommandsTest {
    @TempDir
    Path home;

    @Test
    void statusSaysWhetherAServerRunsAndStopEndsIt() throws Exception {
        assertThat(agh("server", "status").exit()).as("no server yet").isEqualTo(7);
        Process server = new ProcessBuilder(
                        java(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.agh.Main",
                        "serve",
                        "--home",
                        home.toString(),
                        "--port",
                        "0")
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("serve.log").toFile())
                .start();
        try {
            Run status = await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> agh("-o", "json", "server", "status"), s -> s.exit() == 0);
            JsonNode json = new ObjectMapper().readTree(status.output());
            assertThat(json.path("running").asBoolean()).isTrue();
            assertThat(json.path("pid").asLong()).isEqualTo(server.pid());

            Run stop = agh("server", "stop", "--timeout", "30s");
            assertThat(stop.exit()).as(stop.output()).isZero();
            assertThat(server.waitFor(10, TimeUnit.SECONDS))
                    .as("the server process exited")
                    .isTrue();
            assertThat(home.resolve("server.url")).doesNotExist();
            // The server closed the store itself: H2's own hook did not close it under the writer (which it logs
            // there).
            assertThat(home.resolve("agh.trace.db")).doesNotExist();
            assertThat(agh("server", "status").exit()).isEqualTo(7);
            assertThat(agh("server", "stop").exit())
                    .as("stopping what is not running is not an error")
                    .isZero();
        } finally {
            server.destroyForcibly();
        }
    }

    private record Run(int exit, String output) {}

    private Run agh(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                java(), "-cp", System.getProperty("java.class.path"), "dev.agh.Main", "--home", home.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output.trim());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
