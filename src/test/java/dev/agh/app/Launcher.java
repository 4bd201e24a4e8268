package dev.agh.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agh.api.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built launcher ({@code target/agh}, its path in the system property {@code agh.launcher}) run as a user
 * runs it: its own process, its own JVM flags and class-data-sharing archive, on one data directory.
 */
final class Launcher {
    private final Path home;
    private final Map<String, String> env;

    Launcher(Path home, Map<String, String> env) {
        this.home = home;
        this.env = env;
    }

    static Path path() {
        String launcher = System.getProperty("agh.launcher");
        assertThat(launcher)
                .as("system property agh.launcher (set by the build for integration tests)")
                .isNotBlank();
        Path path = Path.of(launcher);
        assertThat(Files.isExecutable(path)).as("the launcher %s", path).isTrue();
        return path;
    }

    /** What one command printed and returned. */
    record Result(List<String> args, int code, String out, String err) {
        Result ok() {
            assertThat(code).as("exit code of %s", this).isZero();
            return this;
        }

        JsonNode json() {
            return Json.read(out, JsonNode.class);
        }

        @Override
        public String toString() {
            return "agh " + String.join(" ", args) + " -> exit " + code + "\n--- stdout:\n" + out + "\n--- stderr:\n"
                    + err;
        }
    }

    Result run(String... args) throws IOException, InterruptedException {
        Process process = start(args);
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("agh %s exits", String.join(" ", args))
                .isTrue();
        return new Result(
                List.of(args),
                process.exitValue(),
                new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }

    Process start(String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(args))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        environment(builder);
        return builder.start();
    }

    /** Like {@link #start} as the leader of a new session and process group ({@code setsid}), as a shell's job. */
    Process startInOwnGroup(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("setsid"));
        command.addAll(command(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        environment(builder);
        return builder.start();
    }

    /** A {@code sh -c} script with {@code $AGH} the launcher and {@code AGH_HOME} this data directory. */
    Process shell(String script, Path output) throws IOException {
        ProcessBuilder builder =
                new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).redirectOutput(output.toFile());
        environment(builder);
        builder.environment().put("AGH", path().toString());
        return builder.start();
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(path().toString());
        command.addAll(List.of(args));
        return command;
    }

    private void environment(ProcessBuilder builder) {
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("AGH_"));
        environment.put("AGH_HOME", home.toString());
        environment.putAll(env);
    }

    /** Stops the data directory's server, if one runs, so no test leaves one behind. */
    void stopServer() throws IOException, InterruptedException {
        run("server", "stop", "--timeout", "60s");
    }

    /** Waits (polling every 100 ms) until {@code condition} holds; fails after {@code seconds}. */
    static void waitFor(java.util.function.BooleanSupplier condition, int seconds) {
        await().atMost(java.time.Duration.ofSeconds(seconds))
                .pollInterval(java.time.Duration.ofMillis(100))
                .until(condition::getAsBoolean);
    }
}
