package dev.agh.cli;

import static dev.agh.cli.CliRunner.agh;
import static dev.agh.cli.CliRunner.createTask;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agh store check|prune|backup|restore} as an operator types them. */
class StoreCliTest {
    @TempDir
    Path home;

    @TempDir
    Path elsewhere;

    private void finish(String task) {
        String session = agh(home, "-o", "json", "session", "new", "--agent", "a")
                .ok()
                .json()
                .path("session")
                .path("session_id")
                .asText();
        agh(home, "task", "start", task).ok();
        String run = agh(home, "-o", "json", "agent", "next", "--session", session)
                .ok()
                .json()
                .path("claim")
                .path("run")
                .path("id")
                .asText();
        agh(home, "agent", "complete", run, "--session", session).ok();
    }

    @Test
    void checkSaysOkWithTheSizesAndRows() {
        createTask(home, "--title", "one");
        CliRunner.Result check = agh(home, "store", "check").ok();
        assertThat(check.out())
                .contains("engine   h2")
                .contains("file     ")
                .contains("1 tasks")
                .endsWith("ok\n");
        assertThat(agh(home, "-o", "json", "store", "check")
                        .ok()
                        .json()
                        .path("store")
                        .path("ok")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void aLargePruneGoesInRequestsOfMaxPerRequestWithProgressAndOneTotal() {
        for (int i = 0; i < 60; i++) {
            agh(home, "task", "cancel", createTask(home, "--title", "old " + i)).ok();
        }
        CliRunner.Result human = agh(home, "store", "prune", "--older-than", "0s", "--max-per-request", "25");
        assertThat(human.code()).as("%s", human).isZero();
        assertThat(human.out()).startsWith("removed 60 tasks, 0 runs and ");
        assertThat(human.err().lines())
                .as("a line of progress between requests")
                .containsExactly("removed 25 tasks so far", "removed 50 tasks so far");

        for (int i = 0; i < 30; i++) {
            agh(home, "task", "cancel", createTask(home, "--title", "later " + i))
                    .ok();
        }
        CliRunner.Result json = agh(
                        home, "-o", "json", "store", "prune", "--older-than", "0s", "--max-per-request", "25")
                .ok();
        assertThat(json.json().path("prune").path("tasks").asLong()).isEqualTo(30);
        assertThat(json.json().path("prune").path("done").asBoolean()).isTrue();
        agh(home, "store", "prune", "--older-than", "0s", "--max-per-request", "0")
                .fails(ExitCodes.INVALID);
    }

    @Test
    void pruneCountsFirstThenRemovesFinishedWork() {
        String done = createTask(home, "--title", "done");
        finish(done);
        String open = createTask(home, "--title", "open");
        assertThat(agh(home, "store", "prune", "--older-than", "0s", "--dry-run")
                        .ok()
                        .out())
                .startsWith("would remove 1 tasks, 1 runs and ");
        assertThat(agh(home, "task", "show", done).code()).isZero();
        assertThat(agh(home, "-o", "json", "store", "prune", "--older-than", "30d")
                        .ok()
                        .json()
                        .path("prune")
                        .path("tasks")
                        .asLong())
                .as("nothing finished 30 days ago")
                .isZero();
        assertThat(agh(home, "store", "prune", "--older-than", "0s").ok().out()).startsWith("removed 1 tasks");
        assertThat(agh(home, "task", "show", done).code()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(agh(home, "task", "show", open).code()).isZero();
        assertThat(agh(home, "store", "compact").ok().out()).startsWith("compacted the store file from ");
        assertThat(agh(home, "store", "prune").code())
                .as("--older-than is required")
                .isEqualTo(ExitCodes.USAGE);
        assertThat(agh(home, "store", "prune", "--older-than", "soon").code()).isEqualTo(ExitCodes.INVALID);
    }

    @Test
    void aBackupRestoresTheStoreAsItWasAndKeepsTheOneItReplaced() throws Exception {
        String kept = createTask(home, "--title", "before the backup");
        Path zip = elsewhere.resolve("agh.zip");
        assertThat(agh(home, "store", "backup", zip.toString()).ok().out()).startsWith("wrote " + zip);
        String later = createTask(home, "--title", "after the backup");
        assertThat(agh(home, "store", "backup", zip.toString()).code())
                .as("never overwrites")
                .isEqualTo(ExitCodes.INVALID);

        CliRunner.Result restore = agh(home, "store", "restore", zip.toString()).ok();
        assertThat(restore.out()).contains("restored " + zip).contains("agh.mv.db.before-restore-");
        assertThat(agh(home, "task", "show", kept).code()).isZero();
        assertThat(agh(home, "task", "show", later).code()).isEqualTo(ExitCodes.NOT_FOUND);
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("agh.mv.db.before-restore-"));
        }

        assertThat(agh(
                                home,
                                "store",
                                "restore",
                                elsewhere.resolve("missing.zip").toString())
                        .code())
                .isEqualTo(ExitCodes.INVALID);
        Path notZip = Files.writeString(elsewhere.resolve("notes.txt"), "not a backup");
        CliRunner.Result wrong = agh(home, "store", "restore", notZip.toString());
        assertThat(wrong.code()).isEqualTo(ExitCodes.INVALID);
        assertThat(wrong.err()).contains("not a zip written by agh store backup");
        assertThat(agh(home, "task", "show", kept).code())
                .as("a refused restore changes nothing")
                .isZero();
    }
}
