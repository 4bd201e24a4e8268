package dev.agh.cli;

import static dev.agh.cli.CliRunner.agh;
import static dev.agh.cli.CliRunner.createTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agh agent complete|fail --next}: report a run and claim the next one in the same request. */
class AgentNextCliTest {
    @TempDir
    Path home;

    @Test
    void completeWithNextPrintsTheNextClaimAndExits8WhenNothingIsLeft() {
        String first = createTask(home, "--title", "first");
        agh(home, "task", "start", first).ok();
        String second = createTask(home, "--title", "second");
        agh(home, "task", "start", second).ok();
        String session = agh(home, "-o", "json", "session", "new", "--agent", "a")
                .ok()
                .json()
                .path("session")
                .path("session_id")
                .asText();
        String held = agh(home, "-o", "json", "agent", "next", "--session", session)
                .ok()
                .json()
                .path("claim")
                .path("run")
                .path("id")
                .asText();

        JsonNode answer = agh(
                        home,
                        "-o",
                        "json",
                        "agent",
                        "complete",
                        held,
                        "--session",
                        session,
                        "--next",
                        "--next-lease",
                        "120")
                .ok()
                .json();
        assertThat(answer.path("lease").path("status").asText()).isEqualTo("completed");
        JsonNode next = answer.path("next");
        assertThat(next.path("run").path("status").asText()).isEqualTo("claimed");
        String nextRun = next.path("run").path("id").asText();
        assertThat(nextRun).isNotEqualTo(held);

        CliRunner.Result last = agh(home, "agent", "fail", nextRun, "--session", session, "--error", "broke", "--next");
        assertThat(last.code()).as("%s", last).isEqualTo(ExitCodes.NO_WORK);
        assertThat(last.out()).contains("failed");
        assertThat(last.err()).contains("no claimable work");
        assertThat(agh(home, "-o", "json", "run", "show", nextRun)
                        .ok()
                        .json()
                        .path("run")
                        .path("run")
                        .path("status")
                        .asText())
                .isEqualTo("failed");
    }

    @Test
    void nextLeaseWithoutNextIsRefused() {
        CliRunner.Result refused = agh(home, "agent", "complete", "run-x", "--session", "sess-x", "--next-lease", "60");
        assertThat(refused.code()).isEqualTo(ExitCodes.INVALID);
        assertThat(refused.err()).contains("--next-lease needs --next");
    }
}
