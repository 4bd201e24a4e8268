package dev.agh.cli;

import static dev.agh.cli.CliRunner.agh;
import static dev.agh.cli.CliRunner.createTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agh.app.AppConfig;
import dev.agh.app.Server;
import dev.agh.cli.CliRunner.Result;
import dev.agh.testing.ContractValidator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agh dashboard} and {@code agh inbox}: the human summary, {@code -o json} as the API body (checked
 * against the contract), filters passed through, bad filters refused with their exit codes, embedded and
 * through a running server.
 */
class CliObserveTest {
    static final ContractValidator CONTRACT = ContractValidator.load();

    @TempDir
    Path home;

    @Test
    void dashboardSummarisesTasksRunsAndActiveWork() {
        createTask(home, "--title", "Idle");
        String job = createTask(home, "--title", "Deploy the thing");
        agh(home, "task", "start", job).ok();

        Result json = agh(home, "-o", "json", "dashboard").ok();
        CONTRACT.assertResponse("GET", "/api/observe/tasks/dashboard", 200, json.out());
        JsonNode totals = json.json().get("dashboard").get("totals");
        assertThat(totals.get("tasks_total").asLong()).isEqualTo(2);
        assertThat(totals.get("queued_runs").asLong()).isEqualTo(1);

        List<String> human = agh(home, "dashboard").ok().out().lines().toList();
        assertThat(human.get(0)).startsWith("Tasks    2  (draft 0 · pending 0 · ready 2");
        assertThat(human.get(1)).startsWith("Runs     1  (queued 1");
        assertThat(human).anySatisfy(line -> assertThat(line).startsWith("Health       ok"));
        assertThat(human)
                .anySatisfy(line -> assertThat(line).startsWith("  ready        ████████████████████      2 100%"));
        assertThat(human)
                .anySatisfy(line -> assertThat(line)
                        .contains("Deploy the thing")
                        .contains("queued")
                        .contains("1/3"));

        agh(home, "-o", "json", "dashboard", "--workspace", "nowhere")
                .failsWithJson(ExitCodes.NOT_FOUND, "WORKSPACE_NOT_FOUND");
        agh(home, "-o", "json", "dashboard", "--channel", "No Such Channel")
                .failsWithJson(ExitCodes.INVALID, "VALIDATION_FAILED");
    }

    @Test
    void inboxShowsLanesWithUnreadItemsAndHonoursItsFilters() {
        String approval = createTask(home, "--title", "Approve the release", "--approval", "manual");
        createTask(home, "--title", "Approve the budget", "--approval", "manual");

        Result json = agh(home, "-o", "json", "inbox", "--lane", "approvals", "--limit", "1")
                .ok();
        CONTRACT.assertResponse("GET", "/api/observe/tasks/inbox", 200, json.out());
        JsonNode groups = json.json().get("inbox").get("groups");
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).get("count").asLong()).isEqualTo(2);
        assertThat(groups.get(0).get("items")).hasSize(1);

        agh(home, "task", "read", approval).ok();
        List<String> human = agh(home, "inbox").ok().out().lines().toList();
        assertThat(human.get(0)).isEqualTo("Inbox  2 items, 1 unread, 0 archived");
        assertThat(human).contains("APPROVALS  2 (1 unread)");
        assertThat(human)
                .anySatisfy(line -> assertThat(line)
                        .startsWith("  ● ")
                        .contains("Approve the budget")
                        .contains("awaiting approval"));
        assertThat(human).anySatisfy(line -> assertThat(line).startsWith("    " + approval));
        assertThat(human).last().isEqualTo("Nothing in my_work, failed_runs, blocked, archived");

        JsonNode unread =
                agh(home, "-o", "json", "inbox", "--unread").ok().json().get("inbox");
        assertThat(unread.get("total").asLong()).isEqualTo(1);
        assertThat(agh(home, "-o", "json", "inbox", "--query", "BUDGET")
                        .ok()
                        .json()
                        .get("inbox")
                        .get("total")
                        .asLong())
                .isEqualTo(1);

        agh(home, "-o", "json", "inbox", "--lane", "someday").failsWithJson(ExitCodes.INVALID, "VALIDATION_FAILED");
        agh(home, "-o", "json", "inbox", "--limit", "-1").failsWithJson(ExitCodes.INVALID, "VALIDATION_FAILED");
    }

    @Test
    @Timeout(120)
    void throughARunningServerTheBodiesAreTheSameOperations() {
        try (Server server = Server.start(
                new AppConfig(home, null, null, null, null, "operator"), "127.0.0.1", 0, Server.AuthMode.TOKEN)) {
            createTask(home, "--title", "Approve via server", "--approval", "manual");
            Result dashboard = agh(home, "-o", "json", "dashboard").ok();
            CONTRACT.assertResponse("GET", "/api/observe/tasks/dashboard", 200, dashboard.out());
            assertThat(dashboard
                            .json()
                            .get("dashboard")
                            .get("totals")
                            .get("blocked_tasks")
                            .asLong())
                    .isEqualTo(1);
            Result inbox = agh(home, "-o", "json", "inbox").ok();
            CONTRACT.assertResponse("GET", "/api/observe/tasks/inbox", 200, inbox.out());
            assertThat(inbox.json()
                            .get("inbox")
                            .get("groups")
                            .get(1)
                            .get("items")
                            .get(0)
                            .get("triage")
                            .get("actor")
                            .get("ref")
                            .asText())
                    .as("the server's operator")
                    .isEqualTo("operator");
            agh(home, "-o", "json", "inbox", "--lane", "x").failsWithJson(ExitCodes.INVALID, "VALIDATION_FAILED");
        }
    }
}
