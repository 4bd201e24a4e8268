package dev.agh.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.cli.CliRunner;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Help.Ansi;

/** {@code --version}, {@code agh help COMMAND}, {@code --help} everywhere, and no ANSI with {@code --no-color}. */
class HelpVersionAndColorTest {
    private static final String ESC = "\u001b[";

    @Test
    void versionPrintsTheVersionBuildMetadataAndJava() {
        CliRunner.Result result = CliRunner.run(Ansi.OFF, "--version");
        assertThat(result.code()).as(result.toString()).isZero();
        String[] lines = result.out().split("\\R");
        assertThat(lines).hasSize(3);
        String expected = System.getProperty("agh.project.version");
        if (expected != null) {
            assertThat(lines[0]).isEqualTo("agh " + expected);
        } else {
            assertThat(lines[0]).startsWith("agh ");
        }
        assertThat(lines[1]).matches("commit (unknown|[0-9a-f]{7,40}( \\(with uncommitted changes\\))?), built .+");
        assertThat(lines[2]).startsWith("Java " + System.getProperty("java.version"));
    }

    @Test
    void versionIsTheSameOnSubcommands() {
        assertThat(CliRunner.run(Ansi.OFF, "task", "list", "--version").out())
                .isEqualTo(CliRunner.run(Ansi.OFF, "--version").out());
    }

    @Test
    void helpCommandShowsTheUsageOfNestedCommands() {
        CliRunner.Result help = CliRunner.run(Ansi.OFF, "help", "task", "create");
        assertThat(help.code()).as(help.toString()).isZero();
        assertThat(help.out()).startsWith("Usage: agh task create").contains("--title", "Examples:");
        assertThat(help.out())
                .isEqualTo(CliRunner.run(Ansi.OFF, "task", "create", "--help").out());
        assertThat(CliRunner.run(Ansi.OFF, "help").out())
                .isEqualTo(CliRunner.run(Ansi.OFF, "--help").out());
        assertThat(CliRunner.run(Ansi.OFF, "help", "agent").out())
                .isEqualTo(CliRunner.run(Ansi.OFF, "agent", "--help").out());
    }

    @Test
    void helpOfAnUnknownCommandIsAUsageError() {
        CliRunner.Result result = CliRunner.run(Ansi.OFF, "help", "task", "frobnicate");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("unknown command 'agh task frobnicate'");
    }

    @Test
    void everyCommandAnswersHelp() {
        for (String[] args : new String[][] {
            {"--help"},
            {"-h"},
            {"task", "--help"},
            {"run", "show", "-h"},
            {"agent", "next", "--help"},
            {"session", "new", "--help"},
            {"workspace", "add", "--help"},
            {"serve", "--help"},
            {"bench", "cycle", "--help"},
            {"completion", "--help"}
        }) {
            CliRunner.Result result = CliRunner.run(Ansi.OFF, args);
            assertThat(result.code()).as(result.toString()).isZero();
            assertThat(result.out()).as(result.toString()).startsWith("Usage: agh");
        }
    }

    @Test
    void unknownCommandsAreUsageErrorsWithSuggestions() {
        CliRunner.Result top = CliRunner.run(Ansi.OFF, "tsk");
        assertThat(top.code()).isEqualTo(2);
        assertThat(top.err()).contains("tsk").contains("task");
        CliRunner.Result nested = CliRunner.run(Ansi.OFF, "task", "lst");
        assertThat(nested.code()).isEqualTo(2);
        assertThat(nested.err()).contains("lst").contains("list");
    }

    @Test
    void helpUsesAnsiOnlyWhenColoursAreOn() {
        assertThat(CliRunner.run(Ansi.ON, "task", "list", "--help").out()).contains(ESC);
        assertThat(CliRunner.run(Ansi.ON, "--no-color", "task", "list", "--help")
                        .out())
                .doesNotContain(ESC);
        assertThat(CliRunner.run(Ansi.ON, "task", "list", "--help", "--no-color")
                        .out())
                .doesNotContain(ESC);
        assertThat(CliRunner.run(Ansi.ON, "help", "task", "list", "--no-color").out())
                .doesNotContain(ESC);
        assertThat(CliRunner.run(Ansi.OFF, "task", "list", "--help").out()).doesNotContain(ESC);
    }

    @Test
    void noColorAndTheFlagTurnColoursOffAndOtherwiseAnsiIsLeftToTheTerminal() {
        assertThat(dev.agh.cli.RootCommand.colorScheme(true).ansi()).isEqualTo(Ansi.OFF);
        assertThat(dev.agh.cli.RootCommand.colorScheme(false).ansi()).isEqualTo(Ansi.AUTO);
        if (System.getenv("NO_COLOR") != null) {
            assertThat(dev.agh.cli.RootCommand.commandLine().getColorScheme().ansi())
                    .isEqualTo(Ansi.OFF);
        } else {
            assertThat(dev.agh.cli.RootCommand.commandLine().getColorScheme().ansi())
                    .isEqualTo(Ansi.AUTO);
        }
    }
}
