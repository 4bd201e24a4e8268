package dev.agh.cli;

import static dev.agh.cli.CliRunner.agh;
import static dev.agh.cli.CliRunner.createTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agh.app.AppConfig;
import dev.agh.app.Server;
import dev.agh.cli.CliRunner.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Output is identical either way": the same commands through a running {@code agh serve} (auto-detected from the data
 * directory) and, after it stopped, on the embedded store; and concurrent CLI invocations on one data directory.
 */
class CliParityTest {
    @TempDir
    Path home;

    private Server startServer() {
        return Server.start(
                new AppConfig(home, null, null, null, null, "operator"), "127.0.0.1", 0, Server.AuthMode.TOKEN);
    }

    @Test
    void outputThroughTheServerEqualsOutputEmbedded() {
        String parent;
        String kid;
        String blocker;
        List<Result> viaServer = new ArrayList<>();
        List<List<String>> commands = new ArrayList<>();
        try (Server server = startServer()) {
            assertThat(home.resolve("server.url")).exists();
            parent = createTask(
                    home,
                    "--title",
                    "epic",
                    "--priority",
                    "high",
                    "--owner",
                    "pool:team",
                    "--metadata",
                    "{\"n\":0.1000000000000000055511151231257827}");
            kid = agh(home, "-o", "json", "task", "child", parent, "--title", "story")
                    .ok()
                    .json()
                    .get("task")
                    .get("id")
                    .asText();
            blocker = createTask(home, "--title", "blocker", "--draft");
            agh(home, "task", "depend", parent, "--on", blocker).ok();
            agh(home, "task", "update", kid, "--description", "details", "--channel", "nightly")
                    .ok();

            JsonNode shown =
                    agh(home, "-o", "json", "task", "show", parent).ok().json();
            assertThat(shown.get("task").get("task").get("origin").get("kind").asText())
                    .as("the CLI talked HTTP to the server it found in --home")
                    .isEqualTo("http");

            commands.add(List.of("-o", "json", "task", "show", parent));
            commands.add(List.of("-o", "json", "task", "show", kid));
            commands.add(List.of("-o", "json", "task", "show", blocker));
            commands.add(List.of("task", "show", parent));
            commands.add(List.of("task", "show", kid));
            commands.add(List.of("-o", "json", "task", "list", "--drafts"));
            commands.add(List.of("-o", "jsonl", "task", "list", "--drafts"));
            commands.add(List.of("-o", "json", "task", "list", "--parent", parent));
            commands.add(List.of("-o", "json", "task", "show", "no-such-task"));
            commands.add(List.of("task", "show", "no-such-task"));
            commands.add(List.of("-o", "json", "task", "depend", blocker, "--on", parent));
            commands.add(List.of("-o", "json", "task", "create", "--title", "x", "--priority", "critical"));
            commands.add(List.of("-o", "json", "task", "delete", parent));
            commands.add(List.of("-o", "json", "task", "update", parent, "--title", "epic"));
            commands.add(List.of("-o", "json", "workspace", "list"));
            for (List<String> command : commands) {
                viaServer.add(agh(home, command.toArray(String[]::new)));
            }
        }
        assertThat(home.resolve("server.url")).as("unpublished on close").doesNotExist();

        for (int i = 0; i < commands.size(); i++) {
            Result remote = viaServer.get(i);
            Result local = agh(home, commands.get(i).toArray(String[]::new));
            assertThat(local.code())
                    .as("exit code embedded %s vs through the server %s", local, remote)
                    .isEqualTo(remote.code());
            if (commands.get(i).contains("json")) {
                assertThat(parse(local.out()))
                        .as("stdout embedded %s vs through the server %s", local, remote)
                        .isEqualTo(parse(remote.out()));
                assertThat(parse(local.err()))
                        .as("stderr embedded %s vs through the server %s", local, remote)
                        .isEqualTo(parse(remote.err()));
            } else {
                assertThat(local.out())
                        .as("stdout embedded %s vs through the server %s", local, remote)
                        .isEqualTo(remote.out());
                assertThat(local.err())
                        .as("stderr embedded %s vs through the server %s", local, remote)
                        .isEqualTo(remote.err());
            }
        }
        assertThat(agh(home, "-o", "jsonl", "task", "show", parent).ok().out())
                .as("metadata keeps every digit")
                .contains("{\"n\":0.1000000000000000055511151231257827}");
    }

    @Test
    void jsonlListsAreTheSameLinesEitherWay() {
        List<JsonNode> remote;
        try (Server server = startServer()) {
            createTask(home, "--title", "one");
            createTask(home, "--title", "two", "--priority", "urgent");
            remote = agh(home, "-o", "jsonl", "task", "list").ok().jsonLines();
        }
        List<JsonNode> local = agh(home, "-o", "jsonl", "task", "list").ok().jsonLines();
        assertThat(remote).hasSize(2);
        assertThat(local).isEqualTo(remote);
    }

    private static JsonNode parse(String text) {
        if (text.isBlank()) {
            return CliRunner.JSON.missingNode();
        }
        try {
            List<JsonNode> values = new ArrayList<>();
            try (var parser = CliRunner.JSON.createParser(text)) {
                var iterator = CliRunner.JSON.readValues(parser, JsonNode.class);
                iterator.forEachRemaining(values::add);
            }
            return values.size() == 1 ? values.get(0) : CliRunner.JSON.valueToTree(values);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    @Test
    void twoInvocationsInParallelOnAFreshDataDirectoryBothSucceed() throws Exception {
        // Both find no database yet: they race to create and migrate it.
        assertParallelCreatesSucceed(2, 1);
    }

    @Test
    void twoInvocationsInParallelOnOneDataDirectoryBothSucceed() throws Exception {
        agh(home, "task", "list").ok();
        assertParallelCreatesSucceed(2, 3);
    }

    private void assertParallelCreatesSucceed(int workers, int perWorker) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<List<Result>>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                Callable<List<Result>> job = () -> {
                    start.await();
                    List<Result> results = new ArrayList<>();
                    for (int i = 0; i < perWorker; i++) {
                        results.add(agh(
                                home, "-o", "json", "task", "create", "--title", "worker " + worker + " task " + i));
                    }
                    return results;
                };
                futures.add(pool.submit(job));
            }
            start.countDown();
            List<String> created = new ArrayList<>();
            for (Future<List<Result>> future : futures) {
                for (Result result : future.get(120, TimeUnit.SECONDS)) {
                    created.add(result.ok().json().get("task").get("id").asText());
                }
            }
            assertThat(created).doesNotHaveDuplicates().hasSize(workers * perWorker);
            List<String> listed = new ArrayList<>();
            agh(home, "-o", "json", "task", "list")
                    .ok()
                    .json()
                    .get("tasks")
                    .forEach(t -> listed.add(t.get("id").asText()));
            assertThat(listed).containsExactlyInAnyOrderElementsOf(created);
        } finally {
            pool.shutdownNow();
        }
    }
}
