package dev.agh.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agh worker} stopped the way a user stops it, through the built launcher: Ctrl-C in its terminal
 * reaches the worker and the command it runs at once (the terminal signals the whole process group). The run
 * it held goes back to the queue without using an attempt, and its session is stopped. A mistyped command
 * is refused before anything is claimed.
 */
class WorkerIT {
    @TempDir
    Path home;

    private Launcher agh;

    @AfterEach
    void stopServer() throws Exception {
        agh.stopServer();
    }

    @Test
    @Timeout(300)
    void ctrlCReleasesTheHeldRunWithoutUsingAnAttemptAndStopsTheSession() throws Exception {
        agh = new Launcher(home, Map.of());
        String task = agh.run("-o", "json", "task", "create", "--title", "long job")
                .ok()
                .json()
                .path("task")
                .path("id")
                .asText();
        agh.run("task", "start", task).ok();
        // setsid: a process group of its own, as a shell gives a foreground job, so the "terminal" can signal it all.
        Process worker = agh.startInOwnGroup("worker", "--", "sh", "-c", "sleep 120");
        Launcher.waitFor(() -> "claimed".equals(runStatus(task)) || "running".equals(runStatus(task)), 60);

        signalGroup(worker.pid(), "INT");
        if (!worker.waitFor(15, TimeUnit.SECONDS)) {
            signalGroup(worker.pid(), "TERM"); // SIGINT is ignored where the build itself runs in the background
        }
        assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();

        JsonNode run = runs(task).get(0);
        assertThat(run.path("status").asText())
                .as("released, not failed: %s", run)
                .isEqualTo("queued");
        assertThat(runs(task)).as("no new run: the same one waits again").hasSize(1);
        JsonNode sessions = agh.run("-o", "json", "session", "list").ok().json().path("sessions");
        assertThat(sessions)
                .allSatisfy(s -> assertThat(s.path("state").asText()).isEqualTo("stopped"));

        String other = agh.run("-o", "json", "session", "new", "--agent", "next")
                .ok()
                .json()
                .path("session")
                .path("session_id")
                .asText();
        JsonNode claim = agh.run("-o", "json", "agent", "next", "--session", other)
                .ok()
                .json()
                .path("claim");
        assertThat(claim.path("run").path("attempt").asInt())
                .as("the attempt was not used")
                .isEqualTo(1);
    }

    /** The typo, as a user types it: refused with exit 2 before anything is claimed. */
    @Test
    @Timeout(300)
    void aMistypedCommandIsRefusedBeforeTheQueueIsTouched() throws Exception {
        agh = new Launcher(home, Map.of());
        String task = agh.run("-o", "json", "task", "create", "--title", "summarise")
                .ok()
                .json()
                .path("task")
                .path("id")
                .asText();
        agh.run("task", "start", task).ok();
        Launcher.Result typo = agh.run("worker", "--exit-when-idle", "--", "./sumarize.sh");
        assertThat(typo.code()).as("%s", typo).isEqualTo(2);
        assertThat(typo.err()).contains("cannot run the command: no such file: ./sumarize.sh");
        JsonNode run = runs(task).get(0);
        assertThat(run.path("status").asText()).isEqualTo("queued");
        assertThat(run.path("attempt").asInt()).isEqualTo(1);
    }

    /**
     * Retry end to end: the server a command starts takes its default policy from {@code AGH_DEFAULT_RETRY}, and
     * the worker's waiting claim wakes by itself when the retry comes due, with no commit to signal it.
     */
    @Test
    @Timeout(300)
    void aFailingCommandIsRetriedByTheServersDefaultPolicyAndTheWaitingWorkerTakesTheRetry() throws Exception {
        agh = new Launcher(home, Map.of("AGH_DEFAULT_RETRY", "fixed:2s:2s:0"));
        String task = agh.run("-o", "json", "task", "create", "--title", "flaky", "--max-attempts", "3")
                .ok()
                .json()
                .path("task")
                .path("id")
                .asText();
        agh.run("task", "start", task).ok();
        Launcher.Result worker =
                agh.run("worker", "--max-runs", "2", "--", "sh", "-c", "echo 'upstream 503' >&2; exit 3");
        assertThat(worker.code()).as("%s", worker).isZero();

        JsonNode runs = runs(task);
        assertThat(runs)
                .as("two failed attempts and the third scheduled: %s", runs)
                .hasSize(3);
        assertThat(runs.get(0).path("status").asText()).isEqualTo("queued");
        assertThat(runs.get(0).path("attempt").asInt()).isEqualTo(3);
        assertThat(runs.get(1).path("error").asText()).isEqualTo("command exited with status 3: upstream 503");
        java.time.Duration gap = java.time.Duration.between(
                java.time.Instant.parse(runs.get(2).path("ended_at").asText()),
                java.time.Instant.parse(runs.get(1).path("claimed_at").asText()));
        assertThat(gap)
                .as("the retry waited for its delay")
                .isGreaterThanOrEqualTo(java.time.Duration.ofSeconds(2))
                .isLessThan(java.time.Duration.ofSeconds(10));
    }

    private JsonNode runs(String task) throws Exception {
        return agh.run("-o", "json", "task", "runs", task).ok().json().path("runs");
    }

    private String runStatus(String task) {
        try {
            return runs(task).get(0).path("status").asText();
        } catch (Exception e) {
            return "";
        }
    }

    /** Signals the process group led by {@code pid} (the launcher started with setsid). */
    private static void signalGroup(long pid, String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, "--", "-" + pid)
                .inheritIO()
                .start()
                .waitFor();
    }
}
