package dev.agh.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One owner per embedded store, through the built launcher as a user runs it: commands start the data
 * directory's server on demand and share it; parallel loops all succeed; a server killed with -9 is
 * replaced and loses nothing acknowledged; it exits when idle, but not while a stream is open; a stale
 * {@code server.url} is replaced; a second owner is refused; Ctrl-C of a waiting claim leaves nothing
 * claimed; a command that goes to the server loads none of the store's classes.
 */
class LocalServerIT {
    private static final String TASK_ID = "task-[0-9a-f]{16}";

    @TempDir
    Path home;

    private Launcher agh;

    @AfterEach
    void stopServer() throws Exception {
        if (agh != null) {
            agh.stopServer();
        }
    }

    private Launcher launcher(Map<String, String> env) {
        agh = new Launcher(home, env);
        return agh;
    }

    @Test
    @Timeout(600)
    void eightParallelLoopsOfFiftyCreatesAllSucceed() throws Exception {
        launcher(Map.of());
        List<String> lines = loops(8, 50, null);
        assertThat(lines).hasSize(400);
        assertThat(lines).allSatisfy(line -> assertThat(line).matches("ok " + TASK_ID));
        assertThat(listedIds()).containsExactlyInAnyOrderElementsOf(ids(lines));
        assertThat(Files.readString(home.resolve("serve.log")).split("agh serving", -1))
                .as("one server started for all of them")
                .hasSize(2);
    }

    @Test
    @Timeout(600)
    void aServerKilledMidRunIsReplacedAndLosesNothingAcknowledged() throws Exception {
        launcher(Map.of());
        agh.run("task", "create", "--title", "before").ok();
        long firstPid = serverPid();
        List<String> lines = loops(8, 25, () -> {
            ProcessHandle.of(firstPid).ifPresent(ProcessHandle::destroyForcibly); // kill -9
            return true;
        });
        assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        List<String> failed =
                lines.stream().filter(line -> !line.startsWith("ok ")).toList();
        assertThat(failed)
                .as("only commands in flight at the kill fail, with exit 7")
                .hasSizeLessThanOrEqualTo(8)
                .allSatisfy(line -> assertThat(line).isEqualTo("fail 7"));
        assertThat(lines.size() - failed.size())
                .as("commands after the kill succeed")
                .isGreaterThan(200 - 8 - 40);
        assertThat(serverPid()).as("a new server took over").isNotEqualTo(firstPid);
        assertThat(listedIds()).as("every acknowledged task is in the store").containsAll(ids(lines));
        assertThat(Files.readString(home.resolve("serve.log")))
                .as("each server says how long its start took, the store's recovery apart")
                .containsPattern("(?s)started in \\d+\\.\\d\\d s, the store opened in \\d+\\.\\d\\d s.*"
                        + "started in \\d+\\.\\d\\d s, the store opened in \\d+\\.\\d\\d s");
    }

    @Test
    @Timeout(300)
    void theServerExitsWhenIdleButNotWhileAStreamIsOpen() throws Exception {
        launcher(Map.of("AGH_IDLE_EXIT", "2s"));
        String task = agh.run("-o", "json", "task", "create", "--title", "watched")
                .ok()
                .json()
                .path("task")
                .path("id")
                .asText();
        long pid = serverPid();
        Process watch = agh.start("task", "watch", task, "--after", "0", "-o", "jsonl");
        try {
            // The replayed first event says the stream is open; it keeps the server up for well over its idle time.
            assertThat(new java.io.BufferedReader(
                                    new java.io.InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))
                            .readLine())
                    .contains("task.created");
            Thread.sleep(5_000); // an observation over time: two and a half idle periods
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("server with a stream")
                    .isTrue();
        } finally {
            watch.destroy();
            watch.waitFor(30, TimeUnit.SECONDS);
        }
        Launcher.waitFor(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), 30);
        assertThat(home.resolve("server.url")).doesNotExist();
        assertThat(agh.run("server", "status").code()).isEqualTo(7);
        assertThat(agh.run("-o", "json", "task", "show", task)
                        .ok()
                        .json()
                        .path("task")
                        .path("task")
                        .path("title")
                        .asText())
                .isEqualTo("watched");
        assertThat(serverPid()).isNotEqualTo(pid);
    }

    @Test
    @Timeout(300)
    void aStaleServerFileIsReplacedAndASecondOwnerIsRefused() throws Exception {
        launcher(Map.of());
        agh.run("task", "create", "--title", "kept").ok();
        long pid = serverPid();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        Launcher.waitFor(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), 30);
        assertThat(home.resolve("server.url"))
                .as("left behind by the killed server")
                .exists();

        JsonNode tasks = agh.run("-o", "json", "task", "list").ok().json().path("tasks");
        assertThat(tasks).hasSize(1);
        assertThat(serverPid()).isNotEqualTo(pid);
        assertThat(agh.run("server", "status").ok().out()).contains("running at http://127.0.0.1:");

        Launcher.Result second = agh.run("serve", "--port", "0");
        assertThat(second.code()).as("%s", second).isEqualTo(7);
        assertThat(second.err())
                .contains("already running")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    @Timeout(300)
    void ctrlCOfAWaitingClaimLeavesTheNextRunToOthers() throws Exception {
        launcher(Map.of());
        String task = agh.run("-o", "json", "task", "create", "--title", "wanted")
                .ok()
                .json()
                .path("task")
                .path("id")
                .asText();
        String gone = session();
        Process waiting = agh.start("agent", "next", "--session", gone, "--wait", "--timeout", "120s");
        Launcher.waitFor(() -> connected(waiting.pid()), 30); // its claim went out and waits at the server
        Thread.sleep(300);
        ProcessHandle.of(waiting.pid()).ifPresent(p -> signal(p.pid(), "INT"));
        if (!waiting.waitFor(10, TimeUnit.SECONDS)) {
            waiting.destroy(); // SIGINT is ignored where this test was started in the background; TERM ends it the
            // same way
        }
        assertThat(waiting.waitFor(30, TimeUnit.SECONDS)).isTrue();

        agh.run("task", "start", task).ok();
        String other = session();
        JsonNode claim = agh.run("-o", "json", "agent", "next", "--session", other, "--wait", "--timeout", "30s")
                .ok()
                .json()
                .path("claim");
        assertThat(claim.path("task").path("id").asText()).isEqualTo(task);
        assertThat(claim.path("run").path("attempt").asInt())
                .as("no attempt used by the client that went")
                .isEqualTo(1);
    }

    @Test
    @Timeout(300)
    void aCommandThroughTheServerLoadsNoStoreClasses() throws Exception {
        launcher(Map.of());
        agh.run("task", "create", "--title", "listed").ok(); // starts the server
        Launcher thin = new Launcher(
                home, Map.of("AGH_JAVA_OPTS", "-Xlog:class+load=info:file=" + home.resolve("classes.log")));
        thin.run("-o", "json", "task", "list").ok();
        String loaded = Files.readString(home.resolve("classes.log"));
        assertThat(loaded).contains("dev.agh.client.PlainHttp");
        assertThat(loaded)
                .doesNotContain("org.h2.")
                .doesNotContain("org.jdbi.")
                .doesNotContain("com.zaxxer.")
                .doesNotContain("dev.agh.store.")
                .doesNotContain("org.flywaydb.");
    }

    @Test
    @Timeout(300)
    void theQuickStartWorksWordForWordWithoutAServer() throws Exception {
        launcher(Map.of());
        quickStart();
    }

    @Test
    @Timeout(300)
    void theQuickStartWorksWordForWordWithAServerStartedFirst() throws Exception {
        launcher(Map.of());
        Process serve = agh.start("serve", "--port", "0");
        try {
            Launcher.waitFor(() -> status() == 0, 60);
            quickStart();
            assertThat(Files.exists(home.resolve("serve.log")))
                    .as("no server started in the background")
                    .isFalse();
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** The README's quick start, its ids taken from what the commands before printed. */
    private void quickStart() throws Exception {
        String created = agh.run("task", "create", "--title", "Rotate API keys", "--priority", "high")
                .ok()
                .out();
        String task = first(created, TASK_ID);
        agh.run("task", "start", task).ok();
        String session = first(
                agh.run("session", "new", "--agent", "ops", "--capability", "git")
                        .ok()
                        .out(),
                "sess-[0-9a-f]+");
        String run = first(
                agh.run("agent", "next", "--session", session, "--wait", "--timeout", "60s")
                        .ok()
                        .out(),
                "run-[0-9a-f]+");
        agh.run("agent", "complete", run, "--session", session, "--result", "{\"pr\": 42}")
                .ok();
        assertThat(agh.run("task", "show", task).ok().out())
                .contains("completed")
                .contains(run);
    }

    /**
     * Runs {@code count} shell loops of {@code each} {@code agh task create} at once; each prints {@code ok ID} or
     * {@code fail EXIT} per command. {@code midway}, when given, runs once a fifth of the commands succeeded.
     */
    private List<String> loops(int count, int each, BooleanSupplier midway) throws Exception {
        List<Process> processes = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int l = 0; l < count; l++) {
            Path output = home.resolve("loop-" + l + ".out");
            outputs.add(output);
            processes.add(agh.shell(
                    "i=0; while [ $i -lt " + each + " ]; do i=$((i+1)); "
                            + "if out=$(\"$AGH\" -o json task create --title \"loop " + l + " $i\" 2>>"
                            + home.resolve("loop-" + l + ".err")
                            + "); then echo \"ok $(printf '%s' \"$out\" | grep -o 'task-[0-9a-f]\\{16\\}' | head -n 1)\"; "
                            + "else echo \"fail $?\"; fi; done",
                    output));
        }
        if (midway != null) {
            Launcher.waitFor(() -> succeeded(outputs) >= count * each / 5, 300);
            midway.getAsBoolean();
        }
        for (Process process : processes) {
            assertThat(process.waitFor(500, TimeUnit.SECONDS)).isTrue();
        }
        List<String> lines = new ArrayList<>();
        for (Path output : outputs) {
            lines.addAll(Files.readAllLines(output, StandardCharsets.UTF_8));
        }
        return lines;
    }

    private static long succeeded(List<Path> outputs) {
        long ok = 0;
        for (Path output : outputs) {
            try {
                ok += Files.readAllLines(output).stream()
                        .filter(line -> line.startsWith("ok "))
                        .count();
            } catch (IOException notYet) {
                // the loop has not written yet
            }
        }
        return ok;
    }

    private static Set<String> ids(List<String> lines) {
        Set<String> ids = new HashSet<>();
        lines.stream().filter(line -> line.startsWith("ok ")).forEach(line -> ids.add(line.substring(3)));
        return ids;
    }

    private Set<String> listedIds() throws Exception {
        Set<String> ids = new HashSet<>();
        agh.run("-o", "json", "task", "list")
                .ok()
                .json()
                .path("tasks")
                .forEach(t -> ids.add(t.path("id").asText()));
        return ids;
    }

    private String session() throws Exception {
        return agh.run("-o", "json", "session", "new", "--agent", "it")
                .ok()
                .json()
                .path("session")
                .path("session_id")
                .asText();
    }

    private long serverPid() throws IOException {
        return Long.parseLong(Files.readString(home.resolve("server.pid")).trim());
    }

    private int status() {
        try {
            return agh.run("server", "status").code();
        } catch (Exception e) {
            return -1;
        }
    }

    /** Whether process {@code pid} holds a socket: a command's only one is its connection to the server. */
    private static boolean connected(long pid) {
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException gone) {
                    return false;
                }
            });
        } catch (IOException e) {
            return false;
        }
    }

    private static String first(String text, String regex) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("%s in %s", regex, text).isTrue();
        return matcher.group();
    }

    private static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
