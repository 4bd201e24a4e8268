package dev.agh.cli;

import static dev.agh.cli.CliRunner.agh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agh.app.AppConfig;
import dev.agh.app.Server;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start, command for command: embedded, and with {@code agh serve} running on the data
 * directory (where {@code --session} goes over HTTP as the operator acting as that session); and
 * {@code --embedded}, which never goes through a server.
 */
class CliQuickStartTest {
    @TempDir
    Path home;

    @Test
    void theQuickStartWorksEmbedded() {
        quickStart();
    }

    @Test
    void theQuickStartWorksWithAServerRunning() {
        try (Server server = Server.start(
                new AppConfig(home, null, null, null, null, "tester"), "127.0.0.1", 0, Server.AuthMode.TOKEN)) {
            assertThat(server.url()).startsWith("http://127.0.0.1:");
            quickStart();
        }
    }

    /** The server in another process: within one JVM, H2 shares an open database instead of refusing it. */
    @Test
    void embeddedRunsInProcessAndIsRefusedWhileAServerOwnsTheStore() throws Exception {
        agh(home, "--embedded", "task", "create", "--title", "in process").ok();
        Process server = new ProcessBuilder(
                        java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                                .toString(),
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
            await().atMost(java.time.Duration.ofSeconds(30))
                    .pollInterval(java.time.Duration.ofMillis(200))
                    .until(() -> agh(home, "server", "status").code() == 0);
            CliRunner.Result refused =
                    agh(home, "-o", "json", "--embedded", "task", "list").failsWithJson(7, "STORE_UNAVAILABLE");
            assertThat(refused.err()).contains("in use by another process");
            assertThat(agh(home, "-o", "json", "task", "list").ok().json().path("tasks"))
                    .hasSize(1);
            agh(home, "server", "stop").ok();
        } finally {
            server.destroyForcibly();
            server.waitFor();
        }
        assertThat(agh(home, "-o", "json", "--embedded", "task", "list")
                        .ok()
                        .json()
                        .path("tasks"))
                .hasSize(1);
    }

    private void quickStart() {
        String task = agh(home, "-o", "json", "task", "create", "--title", "Rotate API keys", "--priority", "high")
                .ok()
                .json()
                .path("task")
                .path("id")
                .asText();
        agh(home, "task", "start", task).ok();
        String session = agh(home, "-o", "json", "session", "new", "--agent", "ops", "--capability", "git")
                .ok()
                .json()
                .path("session")
                .path("session_id")
                .asText();
        String run = agh(home, "-o", "json", "agent", "next", "--session", session, "--wait", "--timeout", "10s")
                .ok()
                .json()
                .path("claim")
                .path("run")
                .path("id")
                .asText();
        assertThat(run).startsWith("run-");
        agh(home, "agent", "complete", run, "--session", session, "--result", "{\"pr\": 42}")
                .ok();
        assertThat(agh(home, "-o", "json", "task", "show", task)
                        .ok()
                        .json()
                        .path("task")
                        .path("task")
                        .path("status")
                        .asText())
                .isEqualTo("completed");
    }
}
