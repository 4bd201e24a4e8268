package dev.agh.cli;

import static dev.agh.cli.CliRunner.agh;
import static dev.agh.cli.CliRunner.createTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agh.cli.CliRunner.Result;
import dev.agh.testing.ContractValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code agh task} and {@code agh workspace} commands on the embedded store: human output, and {@code -o json}
 * printing exactly an API response body (checked against the contract) and {@code -o jsonl} one object per line.
 */
class CliTaskCommandsTest {
    static final ContractValidator CONTRACT = ContractValidator.load();

    @TempDir
    Path home;

    @TempDir
    Path scratch;

    static List<String> ids(JsonNode tasks) {
        List<String> ids = new ArrayList<>();
        tasks.forEach(t -> ids.add(t.get("id").asText()));
        return ids;
    }

    @Test
    void createPrintsTheTaskForPeople() {
        Result result = agh(home, "task", "create", "--title", "Write the report", "--priority", "high")
                .ok();
        assertThat(result.out())
                .contains("Write the report")
                .contains("high")
                .contains("ready")
                .contains("global");
        String id = result.out().lines().findFirst().orElseThrow().split("\\s+")[0];
        assertThat(agh(home, "task", "show", id).ok().out()).contains("Write the report");
    }

    @Test
    void createWithJsonOutputPrintsExactlyTheApiBody() {
        String metadata =
                "{\"source\":\"inline\",\"n\":[1,0.1000000000000000055511151231257827,12345678901234567890123]}";
        Result result = agh(
                        home,
                        "-o",
                        "json",
                        "task",
                        "create",
                        "--title",
                        "Deploy v7 — 🚀",
                        "--priority",
                        "urgent",
                        "--max-attempts",
                        "4",
                        "--owner",
                        "human:ana",
                        "--identifier",
                        "OPS-7",
                        "--channel",
                        "ops",
                        "--description",
                        "all regions",
                        "--approval",
                        "manual",
                        "--metadata",
                        metadata)
                .ok();
        CONTRACT.assertResponse("POST", "/api/tasks", 201, result.out());
        JsonNode body = result.json();
        assertThat(body.size()).as("only the task envelope").isEqualTo(1);
        JsonNode task = body.get("task");
        assertThat(task.get("title").asText()).isEqualTo("Deploy v7 — 🚀");
        assertThat(task.get("priority").asText()).isEqualTo("urgent");
        assertThat(task.get("max_attempts").asInt()).isEqualTo(4);
        assertThat(task.get("owner").get("kind").asText()).isEqualTo("human");
        assertThat(task.get("owner").get("ref").asText()).isEqualTo("ana");
        assertThat(task.get("identifier").asText()).isEqualTo("OPS-7");
        assertThat(task.get("network_channel").asText()).isEqualTo("ops");
        assertThat(task.get("description").asText()).isEqualTo("all regions");
        assertThat(task.get("approval_policy").asText()).isEqualTo("manual");
        assertThat(task.get("status").asText()).isEqualTo("blocked");
        assertThat(task.get("scope").asText()).isEqualTo("global");
        assertThat(task.get("origin").get("kind").asText()).isEqualTo("cli");
        assertThat(task.get("created_by").get("kind").asText()).isEqualTo("human");
        assertThat(task.get("metadata").get("source").asText()).isEqualTo("inline");
        assertThat(result.out())
                .as("numbers in metadata keep every digit")
                .contains("0.1000000000000000055511151231257827")
                .contains("12345678901234567890123");
    }

    @Test
    void metadataFromAFileIsReadFromThatFile() throws IOException {
        Path file = scratch.resolve("meta.json");
        Files.writeString(file, "{\"source\": \"file\", \"words\": [\"two words\", \"a:b\"]}\n");
        JsonNode task = agh(home, "-o", "json", "task", "create", "--title", "from file", "--metadata", "@" + file)
                .ok()
                .json()
                .get("task");
        assertThat(task.get("metadata").get("source").asText()).isEqualTo("file");
        assertThat(task.get("metadata").get("words").get(0).asText()).isEqualTo("two words");
        String id = task.get("id").asText();
        Files.writeString(file, "{\"source\":\"updated\"}");
        JsonNode updated = agh(home, "-o", "json", "task", "update", id, "--metadata", "@" + file)
                .ok()
                .json()
                .get("task");
        assertThat(updated.get("metadata").get("source").asText()).isEqualTo("updated");
    }

    @Test
    void outputOptionWorksAfterTheSubcommandToo() {
        String id = createTask(home, "--title", "placement");
        Result result = agh(home, "task", "show", id, "-o", "json").ok();
        assertThat(result.json().get("task").get("task").get("id").asText()).isEqualTo(id);
    }

    @Test
    void createDraftAndInlineMetadata() {
        JsonNode task = agh(
                        home,
                        "-o",
                        "json",
                        "task",
                        "create",
                        "--title",
                        "later",
                        "--draft",
                        "--metadata",
                        "{\"a\":{\"b\":[true,null]}}")
                .ok()
                .json()
                .get("task");
        assertThat(task.get("status").asText()).isEqualTo("draft");
        assertThat(task.get("draft").asBoolean()).isTrue();
        assertThat(task.get("metadata").get("a").get("b").get(0).asBoolean()).isTrue();
    }

    @Test
    void listFiltersAndFormats() {
        String alpha = createTask(
                home, "--title", "alpha report", "--priority", "high", "--owner", "pool:reviewers", "--channel", "c1");
        String beta = createTask(home, "--title", "beta", "--priority", "low");
        String draft = createTask(home, "--title", "gamma report", "--draft");
        String kid = agh(home, "-o", "json", "task", "child", alpha, "--title", "kid")
                .ok()
                .json()
                .get("task")
                .get("id")
                .asText();

        Result human = agh(home, "task", "list").ok();
        assertThat(human.out())
                .contains("ID")
                .contains("STATUS")
                .contains(alpha)
                .contains(beta)
                .contains(kid)
                .doesNotContain(draft);

        Result json = agh(home, "-o", "json", "task", "list").ok();
        CONTRACT.assertResponse("GET", "/api/tasks", 200, json.out());
        assertThat(json.json().size()).isEqualTo(1);
        assertThat(ids(json.json().get("tasks"))).containsExactlyInAnyOrder(alpha, beta, kid);

        List<JsonNode> lines =
                agh(home, "-o", "jsonl", "task", "list", "--drafts").ok().jsonLines();
        assertThat(agh(home, "-o", "jsonl", "task", "list", "--drafts")
                        .out()
                        .lines()
                        .count())
                .isEqualTo(4);
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.isObject()).isTrue();
            assertThat(line.has("tasks")).isFalse();
            assertThat(line.get("id").asText()).isNotBlank();
        });
        assertThat(lines.stream().map(l -> l.get("id").asText())).containsExactlyInAnyOrder(alpha, beta, draft, kid);

        assertThat(ids(listJson("--priority", "high"))).containsExactly(alpha);
        assertThat(ids(listJson("--status", "draft"))).containsExactly(draft);
        assertThat(ids(listJson("--query", "REPORT"))).containsExactly(alpha);
        assertThat(ids(listJson("--query", "report", "--drafts"))).containsExactlyInAnyOrder(alpha, draft);
        assertThat(ids(listJson("--owner-kind", "pool", "--owner-ref", "reviewers")))
                .containsExactly(alpha);
        assertThat(ids(listJson("--channel", "c1"))).containsExactly(alpha);
        assertThat(ids(listJson("--parent", alpha))).containsExactly(kid);
        assertThat(ids(listJson("--scope", "global", "--limit", "2"))).hasSize(2);
    }

    private JsonNode listJson(String... filters) {
        List<String> args = new ArrayList<>(List.of("-o", "json", "task", "list"));
        args.addAll(List.of(filters));
        Result result = agh(home, args.toArray(String[]::new)).ok();
        CONTRACT.assertResponse("GET", "/api/tasks", 200, result.out());
        return result.json().get("tasks");
    }

    @Test
    void emptyListsSayNothingToPrograms() {
        assertThat(agh(home, "task", "list").ok().out()).contains("no tasks");
        assertThat(agh(home, "-o", "jsonl", "task", "list").ok().out()).isEmpty();
        assertThat(agh(home, "-o", "json", "task", "list")
                        .ok()
                        .json()
                        .get("tasks")
                        .size())
                .isZero();
    }

    @Test
    void showPrintsTheDetail() {
        String parent = createTask(home, "--title", "parent task");
        agh(home, "task", "child", parent, "--title", "child task").ok();
        Result human = agh(home, "task", "show", parent).ok();
        assertThat(human.out()).contains("parent task").contains("children").contains("child task");
        Result json = agh(home, "-o", "json", "task", "show", parent).ok();
        CONTRACT.assertResponse("GET", "/api/tasks/" + parent, 200, json.out());
        assertThat(json.json().get("task").get("children").size()).isEqualTo(1);
    }

    @Test
    void updateChangesFields() {
        String id = createTask(home, "--title", "old", "--owner", "human:ana");
        Result result = agh(
                        home,
                        "-o",
                        "json",
                        "task",
                        "update",
                        id,
                        "--title",
                        "new",
                        "--priority",
                        "low",
                        "--max-attempts",
                        "9",
                        "--auto-enqueue",
                        "true",
                        "--channel",
                        "night",
                        "--metadata",
                        "{\"v\":2}")
                .ok();
        CONTRACT.assertResponse("PATCH", "/api/tasks/" + id, 200, result.out());
        JsonNode task = result.json().get("task");
        assertThat(task.get("title").asText()).isEqualTo("new");
        assertThat(task.get("priority").asText()).isEqualTo("low");
        assertThat(task.get("max_attempts").asInt()).isEqualTo(9);
        assertThat(task.get("auto_enqueue_on_ready").asBoolean()).isTrue();
        assertThat(task.get("network_channel").asText()).isEqualTo("night");
        assertThat(task.get("metadata").get("v").asInt()).isEqualTo(2);

        JsonNode cleared = agh(home, "-o", "json", "task", "update", id, "--clear-owner")
                .ok()
                .json()
                .get("task");
        assertThat(cleared.path("owner").isMissingNode() || cleared.get("owner").isNull())
                .isTrue();
        JsonNode owned = agh(home, "-o", "json", "task", "update", id, "--owner", "pool:night-shift")
                .ok()
                .json()
                .get("task");
        assertThat(owned.get("owner").get("ref").asText()).isEqualTo("night-shift");
        assertThat(agh(home, "task", "update", id, "--title", "newer").ok().out())
                .contains("newer");
    }

    @Test
    void deleteRemovesTheTask() {
        String id = createTask(home, "--title", "doomed");
        assertThat(agh(home, "task", "delete", id).ok().out())
                .contains("deleted")
                .contains(id);
        agh(home, "task", "show", id).fails(3);
        String quiet = createTask(home, "--title", "quiet");
        assertThat(agh(home, "-o", "json", "task", "delete", quiet).ok().out())
                .as("204 has no body")
                .isEmpty();
    }

    @Test
    void childCreatesUnderTheParent() {
        String parent = createTask(home, "--title", "epic");
        Result result = agh(home, "-o", "json", "task", "child", parent, "--title", "story", "--priority", "high")
                .ok();
        CONTRACT.assertResponse("POST", "/api/tasks/" + parent + "/children", 201, result.out());
        JsonNode kid = result.json().get("task");
        assertThat(kid.get("parent_task_id").asText()).isEqualTo(parent);
        assertThat(kid.get("priority").asText()).isEqualTo("high");
        assertThat(agh(home, "task", "child", parent, "--title", "another story")
                        .ok()
                        .out())
                .contains("another story")
                .contains(parent);
    }

    @Test
    void dependAndUndepend() {
        String waiting = createTask(home, "--title", "deploy");
        String blocker = createTask(home, "--title", "build");
        Result depend = agh(home, "-o", "json", "task", "depend", waiting, "--on", blocker)
                .ok();
        CONTRACT.assertResponse("POST", "/api/tasks/" + waiting + "/dependencies", 200, depend.out());
        JsonNode detail = depend.json().get("task");
        assertThat(detail.get("task").get("status").asText()).isEqualTo("blocked");
        assertThat(detail.get("dependency_references")
                        .get(0)
                        .get("depends_on_task_id")
                        .asText())
                .isEqualTo(blocker);

        Result undepend = agh(home, "-o", "json", "task", "undepend", waiting, "--on", blocker)
                .ok();
        CONTRACT.assertResponse("DELETE", "/api/tasks/" + waiting + "/dependencies/" + blocker, 200, undepend.out());
        assertThat(undepend.json().get("task").get("task").get("status").asText())
                .isEqualTo("ready");

        assertThat(agh(home, "task", "depend", waiting, "--on", blocker).ok().out())
                .contains("depends on")
                .contains(blocker);
        assertThat(agh(home, "task", "undepend", waiting, "--on", blocker).ok().out())
                .doesNotContain("depends on");
    }

    @Test
    void workspaceAddListRemove() throws IOException {
        Path dir = Files.createDirectories(scratch.resolve("infra"));
        Result added = agh(home, "-o", "json", "workspace", "add", dir.toString(), "--name", "infra")
                .ok();
        JsonNode workspace = added.json().get("workspace");
        assertThat(workspace.get("name").asText()).isEqualTo("infra");
        assertThat(workspace.get("path").asText())
                .isEqualTo(dir.toAbsolutePath().normalize().toString());
        String wsId = workspace.get("id").asText();

        assertThat(agh(home, "workspace", "list").ok().out()).contains(wsId).contains("infra");
        assertThat(agh(home, "-o", "json", "workspace", "list")
                        .ok()
                        .json()
                        .get("workspaces")
                        .get(0)
                        .get("id")
                        .asText())
                .isEqualTo(wsId);
        List<JsonNode> lines =
                agh(home, "-o", "jsonl", "workspace", "list").ok().jsonLines();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("name").asText()).isEqualTo("infra");

        agh(home, "workspace", "add", dir.toString()).fails(4);

        for (String ref : List.of("infra", wsId, dir.toString())) {
            JsonNode task = agh(home, "-o", "json", "task", "create", "--title", "in ws", "--workspace", ref)
                    .ok()
                    .json()
                    .get("task");
            assertThat(task.get("scope").asText()).isEqualTo("workspace");
            assertThat(task.get("workspace_id").asText()).isEqualTo(wsId);
            assertThat(ids(listJson("--workspace", ref)))
                    .contains(task.get("id").asText());
            agh(home, "workspace", "remove", "infra").fails(4);
            agh(home, "task", "delete", task.get("id").asText()).ok();
        }

        assertThat(agh(home, "workspace", "remove", "infra").ok().out()).contains("removed");
        assertThat(agh(home, "workspace", "list").ok().out()).contains("no workspaces");
        agh(home, "workspace", "remove", "infra").fails(3);
    }

    @Test
    void helpAndVersionExitZero() {
        assertThat(agh(home, "--help").ok().out()).contains("task").contains("workspace");
        assertThat(agh(home, "--version").ok().out()).isNotBlank();
    }

    @Test
    void everyCommandAcceptsHelp() {
        // CLI.md: -h/--help is a global option inherited by every command.
        assertThat(agh(home, "task", "create", "--help").ok().out()).contains("--title");
        assertThat(agh(home, "task", "show", "-h").ok().out()).contains("ID");
        assertThat(agh(home, "task", "--help").ok().out()).contains("create").contains("undepend");
        assertThat(agh(home, "workspace", "-h").ok().out()).contains("add").contains("remove");
    }
}
