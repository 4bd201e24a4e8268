package dev.agh.cli;

import static dev.agh.cli.CliRunner.agh;
import static dev.agh.cli.CliRunner.createTask;
import static dev.agh.cli.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agh.app.AppConfig;
import dev.agh.app.Server;
import dev.agh.cli.CliRunner.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exit codes of docs/DECISIONS.md (0 ok, 2 usage, 3 not found, 4 conflict, 5 invalid input, 6 unauthenticated, 7 server
 * unavailable), errors on stderr only, as {@code {"error","code"}} with {@code -o json}; a failed command writes nothing.
 */
class CliExitCodesTest {
    @TempDir
    Path home;

    /** Everything a client can see: every task, drafts included. */
    private JsonNode snapshot() {
        return agh(home, "-o", "json", "task", "list", "--drafts").ok().json();
    }

    private static String[] concat(String[] head, String... tail) {
        List<String> all = new ArrayList<>(List.of(head));
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    // ---------------------------------------------------------------- 2: usage

    @Test
    void unknownOptionIsUsage() {
        Result result = agh(home, "task", "create", "--title", "x", "--bogus").fails(2);
        assertThat(result.err()).contains("--bogus");
    }

    @Test
    void missingTitleIsUsage() {
        Result result = agh(home, "task", "create").fails(2);
        assertThat(result.err()).contains("--title");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "task frobnicate",
                "frobnicate",
                "task show",
                "task depend A",
                "-o yaml task list",
                "task list --limit many",
                "task create --title x --max-attempts lots",
                "task update"
            })
    void malformedCommandLinesAreUsage(String line) {
        agh(home, line.split(" ")).fails(2);
    }

    @Test
    void usageErrorsDoNotTouchTheDataDirectory() {
        agh(home, "task", "create").fails(2);
        assertThat(home.resolve("agh.mv.db")).doesNotExist();
    }

    @Test
    void usageErrorWithJsonOutputIsJsonOnStderr() {
        agh(home, "-o", "json", "task", "create").failsWithJson(2, "USAGE", "USAGE_ERROR", "VALIDATION_FAILED");
    }

    // ---------------------------------------------------------------- 3: not found

    @Test
    void showingAnUnknownTaskIsNotFound() {
        Result human = agh(home, "task", "show", "no-such-task").fails(3);
        assertThat(human.err()).contains("no-such-task").contains("TASK_NOT_FOUND");
        agh(home, "-o", "json", "task", "show", "no-such-task").failsWithJson(3, "TASK_NOT_FOUND");
    }

    @Test
    void everyTaskCommandOnAnUnknownIdIsNotFound() {
        String id = createTask(home, "--title", "known");
        JsonNode before = snapshot();
        String[] json = {"-o", "json"};
        agh(home, concat(json, "task", "update", "no-such-task", "--title", "x"))
                .failsWithJson(3, "TASK_NOT_FOUND");
        agh(home, concat(json, "task", "delete", "no-such-task")).failsWithJson(3, "TASK_NOT_FOUND");
        agh(home, concat(json, "task", "child", "no-such-task", "--title", "x")).failsWithJson(3, "TASK_NOT_FOUND");
        agh(home, concat(json, "task", "depend", id, "--on", "no-such-task")).failsWithJson(3, "TASK_NOT_FOUND");
        agh(home, concat(json, "task", "depend", "no-such-task", "--on", id)).failsWithJson(3, "TASK_NOT_FOUND");
        agh(home, concat(json, "task", "undepend", id, "--on", "no-such-task"))
                .failsWithJson(3, "DEPENDENCY_NOT_FOUND", "TASK_NOT_FOUND");
        agh(home, concat(json, "task", "create", "--title", "x", "--workspace", "no-such-ws"))
                .failsWithJson(3, "WORKSPACE_NOT_FOUND");
        agh(home, concat(json, "workspace", "remove", "no-such-ws")).failsWithJson(3, "WORKSPACE_NOT_FOUND");
        assertThat(snapshot()).isEqualTo(before);
    }

    // ---------------------------------------------------------------- 4: conflict

    @Test
    void aDependencyCycleIsConflict() {
        String a = createTask(home, "--title", "a");
        String b = createTask(home, "--title", "b");
        String c = createTask(home, "--title", "c");
        agh(home, "task", "depend", a, "--on", b).ok();
        agh(home, "task", "depend", b, "--on", c).ok();
        JsonNode before = snapshot();
        Result human = agh(home, "task", "depend", c, "--on", a).fails(4);
        assertThat(human.err()).contains("DEPENDENCY_CYCLE");
        agh(home, "-o", "json", "task", "depend", b, "--on", a).failsWithJson(4, "DEPENDENCY_CYCLE");
        agh(home, "-o", "json", "task", "depend", a, "--on", b).failsWithJson(4, "DEPENDENCY_EXISTS");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aTakenIdIsConflict() {
        createTask(home, "--title", "first", "--id", "fixed-id");
        agh(home, "-o", "json", "task", "create", "--title", "second", "--id", "fixed-id")
                .failsWithJson(4, "TASK_ALREADY_EXISTS");
    }

    // ---------------------------------------------------------------- 5: invalid input

    @ParameterizedTest
    @ValueSource(
            strings = {
                "--priority critical",
                "--metadata {not-json",
                "--metadata @/nonexistent/agh-test/metadata.json",
                "--max-attempts 0",
                "--max-attempts 11",
                "--owner nonsense",
                "--owner robot:r2",
                "--owner human:",
                "--approval sometimes",
                "--channel Bad_Channel!",
                "--scope universe",
                "--scope workspace",
                "--id ../../etc/passwd"
            })
    void invalidCreateOptionsAreInvalidInput(String options) {
        JsonNode before = snapshot();
        String[] args = concat(new String[] {"-o", "json", "task", "create", "--title", "x"}, options.split(" "));
        agh(home, args).failsWithJson(5, "VALIDATION_FAILED", "MALFORMED_JSON");
        assertThat(snapshot()).isEqualTo(before);
        Result human = agh(home, concat(new String[] {"task", "create", "--title", "x"}, options.split(" ")))
                .fails(5);
        assertThat(human.err()).startsWith("agh: ");
    }

    @Test
    void blankTitleIsInvalidInput() {
        agh(home, "-o", "json", "task", "create", "--title", "   ").failsWithJson(5, "VALIDATION_FAILED");
    }

    @Test
    void metadataOver16KibIsInvalidInput() {
        String big = "{\"a\":\"" + "x".repeat(16 * 1024) + "\"}";
        JsonNode before = snapshot();
        agh(home, "-o", "json", "task", "create", "--title", "x", "--metadata", big)
                .failsWithJson(5, "PAYLOAD_TOO_LARGE", "VALUE_TOO_LARGE");
        assertThat(snapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "--status nope",
                "--priority nope",
                "--limit -1",
                "--owner-kind robot",
                "--approval-state maybe",
                "--channel Not!A!Channel",
                "--scope universe"
            })
    void invalidListFiltersAreInvalidInput(String filter) {
        agh(home, concat(new String[] {"-o", "json", "task", "list"}, filter.split(" ")))
                .failsWithJson(5, "VALIDATION_FAILED");
    }

    @Test
    void invalidUpdatesAreInvalidInputAndChangeNothing() {
        String id = createTask(home, "--title", "target", "--owner", "human:ana");
        JsonNode before = snapshot();
        String[] update = {"-o", "json", "task", "update", id};
        agh(home, update).failsWithJson(5, "VALIDATION_FAILED");
        agh(home, concat(update, "--priority", "critical")).failsWithJson(5, "VALIDATION_FAILED");
        agh(home, concat(update, "--metadata", "[1,")).failsWithJson(5, "VALIDATION_FAILED", "MALFORMED_JSON");
        agh(home, concat(update, "--owner", "pool:x", "--clear-owner")).failsWithJson(5, "VALIDATION_FAILED");
        agh(home, concat(update, "--title", " ")).failsWithJson(5, "VALIDATION_FAILED");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void deletingAParentIsRefusedAsInvalidInput() {
        String parent = createTask(home, "--title", "parent");
        agh(home, "task", "child", parent, "--title", "kid").ok();
        JsonNode before = snapshot();
        agh(home, "-o", "json", "task", "delete", parent).failsWithJson(5, "TASK_HAS_CHILDREN");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void selfDependencyIsInvalidInput() {
        String id = createTask(home, "--title", "narcissus");
        agh(home, "-o", "json", "task", "depend", id, "--on", id).failsWithJson(5, "VALIDATION_FAILED");
    }

    @Test
    void anUnsupportedDatabaseUrlIsInvalidInput() {
        run("--home", home.toString(), "--db", "jdbc:mysql://127.0.0.1/agh", "-o", "json", "task", "list")
                .failsWithJson(5, "VALIDATION_FAILED");
    }

    @Test
    void aServerUrlThatIsNotAUrlIsInvalidInput() {
        agh(home, "--server", "not a url", "-o", "json", "task", "list").failsWithJson(5, "VALIDATION_FAILED");
    }

    // ---------------------------------------------------------------- 6: unauthenticated, 7: unavailable

    @Test
    void aWrongTokenIsUnauthenticated(@TempDir Path serverHome) {
        try (Server server = Server.start(
                new AppConfig(serverHome, null, null, null, null, "operator"), "127.0.0.1", 0, Server.AuthMode.TOKEN)) {
            Result human = agh(home, "--server", server.url(), "--token", "wrong", "task", "list")
                    .fails(6);
            assertThat(human.err()).contains("UNAUTHENTICATED");
            agh(home, "--server", server.url(), "--token", "wrong", "-o", "json", "task", "create", "--title", "x")
                    .failsWithJson(6, "UNAUTHENTICATED");
            // No token at all: this home has no operator token of its own.
            agh(home, "--server", server.url(), "-o", "json", "task", "list").failsWithJson(6, "UNAUTHENTICATED");
            // Auto-detected through the server's own data directory: a wrong explicit token still loses.
            agh(serverHome, "--token", "wrong", "-o", "json", "task", "list").failsWithJson(6, "UNAUTHENTICATED");
            // The right token works and nothing was written by the refused calls.
            assertThat(agh(serverHome, "-o", "json", "task", "list")
                            .ok()
                            .json()
                            .get("tasks")
                            .size())
                    .isZero();
        }
    }

    @Test
    void anUnreachableServerIsUnavailable() {
        Result human =
                agh(home, "--server", "http://127.0.0.1:1", "task", "list").fails(7);
        assertThat(human.err()).contains("SERVER_UNAVAILABLE");
        agh(home, "--server", "http://127.0.0.1:1", "-o", "json", "task", "show", "x")
                .failsWithJson(7, "SERVER_UNAVAILABLE");
    }

    @Test
    void aStaleServerFileFallsBackToTheEmbeddedStore() throws IOException {
        Files.createDirectories(home);
        Files.writeString(home.resolve("server.url"), "http://127.0.0.1:1\n");
        String id = createTask(home, "--title", "still works");
        assertThat(agh(home, "-o", "json", "task", "show", id)
                        .ok()
                        .json()
                        .get("task")
                        .get("task")
                        .get("origin")
                        .get("kind")
                        .asText())
                .isEqualTo("cli");
    }
}
