package dev.agh.cli;

import static dev.agh.cli.CliRunner.agh;
import static dev.agh.cli.CliRunner.createTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agh.app.AppConfig;
import dev.agh.app.Server;
import dev.agh.cli.CliRunner.Result;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agh worker -- CMD} end to end: it opens a session, runs the command per claimed run (which can call
 * {@code agh} itself as that session), reports outcomes as JSON lines, stops its session, and exits 8 when
 * told to stop on idle without having found work. Embedded and through a running server.
 */
class CliWorkerTest {
    @TempDir
    Path home;

    /** A command that records, through agh itself, which session it runs as, then prints a JSON result. */
    static final String SCRIPT = "agh_session=$AGH_SESSION_ID; echo \"{\\\"session\\\": \\\"$agh_session\\\", "
            + "\\\"task\\\": \\\"$AGH_TASK_ID\\\"}\"";

    private String startedTask(String title) {
        String id = createTask(home, "--title", title);
        agh(home, "task", "start", id).ok();
        return id;
    }

    private void runsOneTaskAndStopsItsSession() {
        String task = startedTask("Summarise");
        Result worker =
                agh(home, "-o", "jsonl", "worker", "--exit-when-idle", "--wait-timeout", "1", "--", "sh", "-c", SCRIPT);
        assertThat(worker.code()).as("%s", worker).isZero();
        List<JsonNode> outcomes = worker.jsonLines();
        assertThat(outcomes).hasSize(1);
        assertThat(outcomes.get(0).get("outcome").asText()).isEqualTo("completed");
        assertThat(outcomes.get(0).get("task_id").asText()).isEqualTo(task);
        assertThat(worker.err())
                .contains("agh worker: claimed " + outcomes.get(0).get("run_id").asText());

        JsonNode run = agh(home, "-o", "json", "task", "runs", task)
                .ok()
                .json()
                .get("runs")
                .get(0);
        assertThat(run.get("status").asText()).isEqualTo("completed");
        String session = run.get("session_id").asText();
        assertThat(run.get("result").get("session").asText())
                .as("the command saw its session")
                .isEqualTo(session);
        JsonNode sessions =
                agh(home, "-o", "json", "session", "list").ok().json().get("sessions");
        assertThat(sessions).anySatisfy(s -> {
            assertThat(s.get("session_id").asText()).isEqualTo(session);
            assertThat(s.get("state").asText()).isEqualTo("stopped");
        });
    }

    @Test
    @Timeout(60)
    void embeddedItRunsTheCommandForEachClaimedRun() {
        runsOneTaskAndStopsItsSession();
    }

    @Test
    @Timeout(60)
    void throughAServerItWorksAsItsSessionsToken() {
        try (Server server = Server.start(
                new AppConfig(home, null, null, null, null, "operator"), "127.0.0.1", 0, Server.AuthMode.TOKEN)) {
            runsOneTaskAndStopsItsSession();
        }
    }

    @Test
    @Timeout(60)
    void exits8WhenThereWasNoWorkAtAll() {
        Result idle = agh(home, "worker", "--exit-when-idle", "--wait-timeout", "1", "--", "true");
        assertThat(idle.code()).as("%s", idle).isEqualTo(ExitCodes.NO_WORK);
        agh(home, "-o", "json", "worker", "--lease", "1", "--", "true")
                .failsWithJson(ExitCodes.INVALID, "VALIDATION_FAILED");
    }

    /** A typo in the command: refused before anything is claimed, so the queue keeps its runs and attempts. */
    @Test
    @Timeout(60)
    void aCommandThatCannotStartIsRefusedBeforeClaiming() {
        String task = startedTask("Summarise");
        Result typo = agh(home, "worker", "--exit-when-idle", "--wait-timeout", "1", "--", "./sumarize.sh");
        assertThat(typo.code()).as("%s", typo).isEqualTo(ExitCodes.USAGE);
        assertThat(typo.err()).contains("cannot run the command: no such file: ./sumarize.sh");
        Result notOnPath = agh(home, "worker", "--exit-when-idle", "--", "no-such-program-agh");
        assertThat(notOnPath.code()).as("%s", notOnPath).isEqualTo(ExitCodes.USAGE);
        assertThat(notOnPath.err()).contains("\"no-such-program-agh\" is not found on PATH");
        JsonNode run = agh(home, "-o", "json", "task", "runs", task)
                .ok()
                .json()
                .get("runs")
                .get(0);
        assertThat(run.get("status").asText()).as("nothing was claimed").isEqualTo("queued");
    }

    /** A failing command's stderr says why: its last lines are the run's error, more of it is in the metadata. */
    @Test
    @Timeout(60)
    void theEndOfAFailingCommandsStderrIsTheRunsError() {
        String task = startedTask("Call the API");
        Result worker = agh(
                home,
                "-o",
                "jsonl",
                "worker",
                "--exit-when-idle",
                "--wait-timeout",
                "1",
                "--",
                "sh",
                "-c",
                "echo working; echo 'first line' >&2; echo 'HTTP 429: rate limited' >&2; exit 3");
        assertThat(worker.code()).as("%s", worker).isZero();
        assertThat(worker.jsonLines().get(0).get("outcome").asText()).isEqualTo("failed");
        JsonNode run = agh(home, "-o", "json", "task", "runs", task)
                .ok()
                .json()
                .get("runs")
                .get(0);
        assertThat(run.get("status").asText()).isEqualTo("failed");
        assertThat(run.get("error").asText())
                .isEqualTo("command exited with status 3: first line HTTP 429: rate limited");
    }
}
