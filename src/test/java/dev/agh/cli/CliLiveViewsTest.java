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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agh task timeline|tree|watch|read|dismiss|archive}: human output, {@code -o json} as the API body,
 * {@code -o jsonl} line by line, the same through a running server as embedded, and watch following writes of
 * other invocations.
 */
class CliLiveViewsTest {
    static final ContractValidator CONTRACT = ContractValidator.load();

    @TempDir
    Path home;

    private String child(String parent, String title) {
        return agh(home, "-o", "json", "task", "child", parent, "--title", title)
                .ok()
                .json()
                .get("task")
                .get("id")
                .asText();
    }

    @Test
    void treeIsDrawnWithBranchesAndPrintedAsTheApiBody() {
        String epic = createTask(home, "--title", "Epic");
        String a = child(epic, "Story A");
        String a1 = child(a, "Task A1");
        String b = child(epic, "Story B");
        agh(home, "task", "enqueue", b).ok();

        Result json = agh(home, "-o", "json", "task", "tree", epic).ok();
        CONTRACT.assertResponse("GET", "/api/tasks/" + epic + "/tree", 200, json.out());
        assertThat(json.json().get("tree").get("root").get("task").get("id").asText())
                .isEqualTo(epic);
        assertThat(json.json().get("tree").get("descendants")).hasSize(3);

        List<String> lines = agh(home, "task", "tree", epic).ok().out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith(epic + "  ready  Epic");
        assertThat(lines.get(1)).startsWith("├── " + b + "  ready  Story B  [queued run-");
        assertThat(lines.get(2)).startsWith("└── " + a + "  ready  Story A");
        assertThat(lines.get(3)).startsWith("    └── " + a1 + "  ready  Task A1");
    }

    @Test
    void timelinePrintsTheEventsOldestFirst() {
        String task = createTask(home, "--title", "Tracked");
        agh(home, "task", "update", task, "--priority", "high").ok();
        agh(home, "task", "enqueue", task).ok();

        Result json = agh(home, "-o", "json", "task", "timeline", task).ok();
        CONTRACT.assertResponse("GET", "/api/tasks/" + task + "/timeline", 200, json.out());
        List<String> types = new ArrayList<>();
        json.json()
                .get("timeline")
                .forEach(item -> types.add(item.get("event_type").asText()));
        assertThat(types).containsExactly("task.created", "task.updated", "task.run_enqueued");

        List<JsonNode> page = agh(home, "-o", "jsonl", "task", "timeline", task, "--after", "1", "--limit", "1")
                .ok()
                .jsonLines();
        assertThat(page).hasSize(1);
        assertThat(page.get(0).get("sequence").asLong()).isEqualTo(2);

        List<String> human =
                agh(home, "task", "timeline", task).ok().out().lines().toList();
        assertThat(human).hasSize(3);
        assertThat(human.get(0)).startsWith("#1 ").contains("task.created");
        assertThat(human.get(2)).contains("task.run_enqueued").contains(" #1 queued");

        agh(home, "-o", "json", "task", "timeline", task, "--after", "-1")
                .failsWithJson(ExitCodes.INVALID, "VALIDATION_FAILED");
        agh(home, "-o", "json", "task", "timeline", "task-0000000000000000")
                .failsWithJson(ExitCodes.NOT_FOUND, "TASK_NOT_FOUND");
        agh(home, "task", "tree", "task-0000000000000000").fails(ExitCodes.NOT_FOUND);
    }

    @Test
    void triageCommandsPrintTheCallersStoredState() {
        String task = createTask(home, "--title", "Inbox");
        Result read = agh(home, "-o", "json", "task", "read", task).ok();
        CONTRACT.assertResponse("POST", "/api/tasks/" + task + "/triage/read", 200, read.out());
        assertThat(read.json().get("triage").get("read").asBoolean()).isTrue();
        assertThat(read.json().get("triage").get("actor").get("kind").asText()).isEqualTo("human");

        Result dismissed = agh(home, "-o", "json", "task", "dismiss", task).ok();
        CONTRACT.assertResponse("POST", "/api/tasks/" + task + "/triage/dismiss", 200, dismissed.out());
        assertThat(dismissed.json().get("triage").get("dismissed").asBoolean()).isTrue();
        assertThat(agh(home, "task", "archive", task).ok().out())
                .startsWith(task + "  for human:")
                .contains("read, archived");
        agh(home, "-o", "json", "task", "read", "task-0000000000000000")
                .failsWithJson(ExitCodes.NOT_FOUND, "TASK_NOT_FOUND");
    }

    @Test
    @Timeout(60)
    void watchReplaysAndStopsAfterCount() {
        String epic = createTask(home, "--title", "Epic");
        child(epic, "Story");
        List<JsonNode> events = agh(home, "-o", "jsonl", "task", "watch", epic, "--after", "0", "--count", "3")
                .ok()
                .jsonLines();
        assertThat(events)
                .extracting(e -> e.get("type").asText())
                .containsExactly("task.created", "task.created", "task.child_created");
        assertThat(events).extracting(e -> e.get("sequence").asLong()).containsExactly(1L, 2L, 3L);
        for (JsonNode event : events) {
            CONTRACT.assertResponse("GET", "/api/tasks/" + epic + "/stream", 200, "data: " + event + "\n\n");
        }
        List<String> human = agh(home, "task", "watch", epic, "--after", "1", "--count", "1")
                .ok()
                .out()
                .lines()
                .toList();
        assertThat(human).hasSize(1);
        assertThat(human.get(0)).startsWith("#2 ").contains("task.created").contains("Story");

        agh(home, "task", "watch", "task-0000000000000000").fails(ExitCodes.NOT_FOUND);
        agh(home, "-o", "json", "task", "watch", epic, "--after", "-2")
                .failsWithJson(ExitCodes.INVALID, "VALIDATION_FAILED");
        agh(home, "task", "watch", epic, "--count", "0").fails(ExitCodes.INVALID);
    }

    @Test
    @Timeout(60)
    void watchFollowsWhatOtherInvocationsWrite() throws Exception {
        String task = createTask(home, "--title", "Followed");
        CompletableFuture<Result> watching = CompletableFuture.supplyAsync(
                () -> agh(home, "-o", "jsonl", "task", "watch", task, "--after", "1", "--count", "2"));
        Thread.sleep(300); // most likely subscribed by now; if not, --after 1 replays what it missed
        agh(home, "task", "update", task, "--title", "Followed, renamed").ok();
        agh(home, "task", "enqueue", task).ok();
        Result watched = watching.get(30, TimeUnit.SECONDS).ok();
        assertThat(watched.jsonLines())
                .extracting(e -> e.get("type").asText())
                .containsExactly("task.updated", "task.run_enqueued");
    }

    @Test
    @Timeout(120)
    void outputThroughTheServerEqualsOutputEmbedded() {
        List<List<String>> commands = new ArrayList<>();
        List<Result> viaServer = new ArrayList<>();
        try (Server server = Server.start(
                new AppConfig(home, null, null, null, null, "operator"), "127.0.0.1", 0, Server.AuthMode.TOKEN)) {
            String epic = createTask(home, "--title", "Epic");
            String story = child(epic, "Story");
            agh(home, "task", "update", story, "--priority", "urgent").ok();
            agh(home, "task", "enqueue", story).ok();
            commands.add(List.of("-o", "json", "task", "tree", epic));
            commands.add(List.of("task", "tree", epic));
            commands.add(List.of("-o", "json", "task", "timeline", story));
            commands.add(List.of("-o", "jsonl", "task", "timeline", epic, "--limit", "1"));
            commands.add(List.of("task", "timeline", story));
            commands.add(List.of("-o", "jsonl", "task", "watch", epic, "--after", "0", "--count", "5"));
            commands.add(List.of("task", "watch", epic, "--after", "2", "--count", "2"));
            commands.add(List.of("-o", "json", "task", "timeline", epic, "--after", "x1"));
            commands.add(List.of("-o", "json", "task", "watch", "task-0000000000000000"));
            for (List<String> command : commands) {
                viaServer.add(agh(home, command.toArray(String[]::new)));
            }
        }
        for (int i = 0; i < commands.size(); i++) {
            Result remote = viaServer.get(i);
            Result local = agh(home, commands.get(i).toArray(String[]::new));
            assertThat(local.code())
                    .as("exit code embedded %s vs through the server %s", local, remote)
                    .isEqualTo(remote.code());
            assertThat(local.out())
                    .as("stdout embedded %s vs through the server %s", local, remote)
                    .isEqualTo(remote.out());
            assertThat(local.err())
                    .as("stderr embedded %s vs through the server %s", local, remote)
                    .isEqualTo(remote.err());
        }
    }

    @Test
    @Timeout(120)
    void benchStreamPrintsDeliveryLatencyPercentiles() {
        Result bench = agh(home, "-o", "json", "bench", "stream", "--subscribers", "5", "--events", "3");
        assertThat(bench.code()).as("%s", bench).isZero();
        JsonNode latency = bench.json().get("delivery_latency_ms");
        assertThat(latency.get("p50").isNumber()).isTrue();
        assertThat(latency.get("p99").asDouble())
                .isGreaterThanOrEqualTo(latency.get("p50").asDouble());
        assertThat(latency.get("samples").asInt()).isEqualTo(15);
        assertThat(bench.json().get("dropped_subscribers").asInt()).isZero();
    }
}
