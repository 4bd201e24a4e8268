package dev.agh.cli;

import static dev.agh.cli.CliRunner.agh;
import static dev.agh.cli.CliRunner.createTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small things a new user trips over: priority names for {@code --priority-min}, a refused {@code --lease 0},
 * "did you mean" for a mistyped command, one JSON line per item of a tree, the inbox and the dashboard, and a
 * new data directory said so.
 */
class CliConveniencesTest {
    @TempDir
    Path home;

    private String session() {
        return agh(home, "-o", "json", "session", "new", "--agent", "a")
                .ok()
                .json()
                .path("session")
                .path("session_id")
                .asText();
    }

    @Test
    void priorityMinTakesThePriorityNamesOfTheRestOfTheCommandLine() {
        String low = createTask(home, "--title", "low", "--priority", "low");
        String high = createTask(home, "--title", "high", "--priority", "high");
        agh(home, "task", "start", low).ok();
        agh(home, "task", "start", high).ok();
        String session = session();
        assertThat(agh(home, "-o", "json", "agent", "next", "--session", session, "--priority-min", "urgent")
                        .code())
                .isEqualTo(ExitCodes.NO_WORK);
        JsonNode claim = agh(home, "-o", "json", "agent", "next", "--session", session, "--priority-min", "HIGH")
                .ok()
                .json();
        assertThat(claim.path("claim").path("task").path("id").asText()).isEqualTo(high);
        assertThat(agh(home, "-o", "json", "agent", "next", "--session", session(), "--priority-min", "10")
                        .ok()
                        .json()
                        .path("claim")
                        .path("task")
                        .path("id")
                        .asText())
                .isEqualTo(low);
        CliRunner.Result bogus = agh(home, "agent", "next", "--session", session, "--priority-min", "important");
        assertThat(bogus.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bogus.err()).contains("low, medium, high, urgent");
    }

    @Test
    void aLeaseOfZeroIsRefusedNotSilentlyTheDefault() {
        CliRunner.Result zero = agh(home, "agent", "next", "--session", "sess-x", "--lease", "0");
        assertThat(zero.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(zero.err()).contains("must be 1 second or more").contains("default of 300");
        assertThat(agh(home, "agent", "heartbeat", "run-x", "--session", "sess-x", "--lease", "0")
                        .code())
                .isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aMistypedCommandGetsASuggestion() {
        CliRunner.Result group = agh(home, "tsak", "list");
        assertThat(group.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(group.err()).contains("Did you mean").contains("task");
        CliRunner.Result leaf = agh(home, "task", "lsit");
        assertThat(leaf.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(leaf.err()).contains("Did you mean").contains("task list");
    }

    @Test
    void jsonlPrintsOneLinePerNodeItemAndActiveRun() {
        String parent = createTask(home, "--title", "parent");
        String child = agh(home, "-o", "json", "task", "child", parent, "--title", "child")
                .ok()
                .json()
                .path("task")
                .path("id")
                .asText();
        List<JsonNode> nodes =
                agh(home, "-o", "jsonl", "task", "tree", parent).ok().jsonLines();
        assertThat(nodes).extracting(n -> n.path("task").path("id").asText()).containsExactly(parent, child);
        assertThat(nodes.get(1).path("parent_task_id").asText()).isEqualTo(parent);

        String waiting = createTask(home, "--title", "waits for the parent");
        agh(home, "task", "depend", waiting, "--on", parent).ok(); // blocked: an inbox item
        List<JsonNode> inbox = agh(home, "-o", "jsonl", "inbox").ok().jsonLines();
        assertThat(inbox)
                .isNotEmpty()
                .allSatisfy(item -> assertThat(item.has("lane")).isTrue());
        assertThat(inbox.size())
                .isEqualTo(
                        agh(home, "-o", "json", "inbox")
                                .ok()
                                .json()
                                .path("inbox")
                                .path("groups")
                                .findValues("items")
                                .stream()
                                .mapToInt(JsonNode::size)
                                .sum());

        agh(home, "task", "start", child).ok();
        List<JsonNode> active = agh(home, "-o", "jsonl", "dashboard").ok().jsonLines();
        assertThat(active).hasSize(1);
        assertThat(active.get(0).path("task_id").asText()).isEqualTo(child);
    }

    @Test
    void aNewDataDirectoryIsSaidSo() {
        Path fresh = home.resolve("typo-home");
        CliRunner.Result first = CliRunner.run("--home", fresh.toString(), "-o", "json", "task", "list");
        assertThat(first.code()).isZero();
        assertThat(first.err()).isEqualTo("agh: new data directory " + fresh.toAbsolutePath() + System.lineSeparator());
        CliRunner.Result again = CliRunner.run("--home", fresh.toString(), "-o", "json", "task", "list");
        assertThat(again.err()).isEmpty();
    }

    @Test
    void runListShowsTheRunsOfEveryTaskWithFiltersAndJsonLines() {
        String a = createTask(home, "--title", "a");
        String b = createTask(home, "--title", "b");
        agh(home, "task", "start", a).ok();
        agh(home, "task", "start", b).ok();
        String session = session();
        String claimed = agh(home, "-o", "json", "agent", "next", "--session", session)
                .ok()
                .json()
                .path("claim")
                .path("run")
                .path("id")
                .asText();
        List<JsonNode> all = agh(home, "-o", "jsonl", "run", "list").ok().jsonLines();
        assertThat(all).hasSize(2).extracting(r -> r.path("task_id").asText()).containsExactlyInAnyOrder(a, b);
        assertThat(agh(home, "-o", "jsonl", "run", "list", "--status", "claimed")
                        .ok()
                        .jsonLines())
                .extracting(r -> r.path("id").asText())
                .containsExactly(claimed);
        assertThat(agh(home, "-o", "jsonl", "run", "list", "--session-id", session)
                        .ok()
                        .jsonLines())
                .hasSize(1);
        assertThat(agh(home, "-o", "json", "run", "list", "--limit", "1")
                        .ok()
                        .json()
                        .path("runs"))
                .hasSize(1);
        String table = agh(home, "run", "list", "--task", a).ok().out();
        assertThat(table).contains("RUN", "TASK", "SESSION").contains(a).doesNotContain(b);
        agh(home, "-o", "json", "run", "list", "--status", "busy")
                .failsWithJson(ExitCodes.INVALID, "VALIDATION_FAILED");
    }

    @Test
    void dashboardLimitListsMoreActiveRuns() {
        for (int i = 0; i < 5; i++) {
            agh(home, "task", "start", createTask(home, "--title", "job " + i)).ok();
        }
        assertThat(agh(home, "-o", "jsonl", "dashboard").ok().jsonLines())
                .as("the default four")
                .hasSize(4);
        assertThat(agh(home, "-o", "jsonl", "dashboard", "--limit", "10").ok().jsonLines())
                .hasSize(5);
        assertThat(agh(home, "dashboard", "--limit", "10").ok().out()).contains("job 0", "job 4");
        agh(home, "-o", "json", "dashboard", "--limit", "5000").failsWithJson(ExitCodes.INVALID, "VALIDATION_FAILED");
    }
}
