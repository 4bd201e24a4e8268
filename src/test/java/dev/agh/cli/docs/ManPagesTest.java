package dev.agh.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.agh.cli.RootCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The man pages: one per command, with its synopsis, options and examples; groff reads them without warnings. */
class ManPagesTest {
    private static final Path PROJECT = Path.of(System.getProperty("user.dir"));

    @Test
    void aCommandPageHasItsSectionsOptionsAndExamples() {
        String page = ManPages.pages(RootCommand.model()).get("agh-task-create.1");
        assertThat(page)
                .startsWith(".\\\" Generated")
                .contains(".TH \"AGH\\-TASK\\-CREATE\" \"1\"")
                .contains(".SH \"NAME\"\nagh\\-task\\-create \\- Create a task")
                .contains(
                        ".SH \"SYNOPSIS\"",
                        ".SH \"OPTIONS\"",
                        "\\fB\\-\\-title\\fR=\\fI<title>\\fR",
                        ".SH \"GLOBAL OPTIONS\"",
                        ".SH \"EXAMPLES\"",
                        "agh task create \\-\\-title",
                        ".SH \"SEE ALSO\"",
                        "\\fBagh\\-task\\fR(1)");
    }

    @Test
    void theRootPageListsCommandsAndExitStatus() {
        String page = ManPages.pages(RootCommand.model()).get("agh.1");
        assertThat(page)
                .contains(
                        ".SH \"COMMANDS\"",
                        "\\fBtask\\fR",
                        "See \\fBagh\\-task\\fR(1).",
                        ".SH \"EXIT STATUS\"",
                        "no claimable work",
                        ".SH \"EXAMPLES\"");
    }

    @Test
    void groffRendersEveryPageWithoutWarnings() throws Exception {
        assumeTrue(CompletionTest.onPath("groff"), "groff is not installed");
        for (Map.Entry<String, String> page :
                ManPages.pages(RootCommand.model()).entrySet()) {
            Process groff = new ProcessBuilder("groff", "-man", "-Tutf8", "-ww", "-z")
                    .redirectErrorStream(true)
                    .start();
            groff.getOutputStream().write(page.getValue().getBytes(StandardCharsets.UTF_8));
            groff.getOutputStream().close();
            assertThat(groff.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String warnings = new String(groff.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(warnings).as("groff on %s", page.getKey()).isEmpty();
            assertThat(groff.exitValue()).isZero();
        }
    }

    @Test
    void committedPagesAreReadableWithManMinusL() throws Exception {
        assumeTrue(CompletionTest.onPath("man"), "man is not installed");
        Path page = PROJECT.resolve("man/agh-task-create.1");
        assumeTrue(page.toFile().isFile(), "man pages not generated yet");
        ProcessBuilder builder = new ProcessBuilder("man", "-l", page.toString()).redirectErrorStream(true);
        builder.environment().put("MANPAGER", "cat");
        builder.environment().put("MANWIDTH", "100");
        Process man = builder.start();
        String text = new String(man.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(man.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(man.exitValue()).as(text).isZero();
        assertThat(text).contains("agh-task-create - Create a task", "--title", "EXAMPLES");
    }
}
