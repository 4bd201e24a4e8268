package dev.agh.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed completions/ and man/ are exactly what the live command model generates. When a command or option
 * changes, regenerate them with {@code ./mvnw -Pdocs process-classes} and commit the result.
 */
class DocsFreshnessTest {
    static final String REGENERATE =
            "regenerate with: ./mvnw -q -Pdocs process-classes (then commit completions/ and man/)";
    private static final Path PROJECT = Path.of(System.getProperty("user.dir"));

    @Test
    void generatingTwiceGivesTheSameFiles() {
        assertThat(DocsGenerator.files()).isEqualTo(DocsGenerator.files());
    }

    @Test
    void committedCompletionsAndManPagesAreUpToDate() throws IOException {
        Map<String, String> files = DocsGenerator.files();
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path committed = PROJECT.resolve(file.getKey());
            if (!Files.isRegularFile(committed)) {
                stale.add(file.getKey() + " (missing)");
            } else if (!Files.readString(committed, StandardCharsets.UTF_8).equals(file.getValue())) {
                stale.add(file.getKey() + " (differs)");
            }
        }
        stale.addAll(DocsGenerator.strays(PROJECT, files).stream()
                .map(s -> s + " (no such command any more)")
                .toList());
        assertThat(stale).as("stale generated files; " + REGENERATE).isEmpty();
    }

    @Test
    void thereIsAManPagePerCommandAndAScriptPerShell() {
        Map<String, String> files = DocsGenerator.files();
        assertThat(files)
                .containsKeys(
                        "man/agh.1",
                        "man/agh-task.1",
                        "man/agh-task-create.1",
                        "man/agh-agent-next.1",
                        "man/agh-completion.1",
                        "completions/agh.bash",
                        "completions/_agh",
                        "completions/agh.fish");
        long pages = files.keySet().stream().filter(f -> f.startsWith("man/")).count();
        assertThat(pages)
                .isEqualTo(Completions.walk(dev.agh.cli.RootCommand.model()).size());
    }
}
