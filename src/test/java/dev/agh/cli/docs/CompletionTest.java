package dev.agh.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.agh.cli.CliRunner;
import dev.agh.cli.RootCommand;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.OptionSpec;

/** {@code agh completion SHELL} prints the committed scripts; they name every command and option, and parse. */
class CompletionTest {
    private static final Path PROJECT = Path.of(System.getProperty("user.dir"));

    @Test
    void completionCommandPrintsTheCommittedScripts() throws IOException {
        for (Completions.Shell shell : Completions.Shell.values()) {
            CliRunner.Result result = CliRunner.run(Ansi.OFF, "completion", shell.name());
            assertThat(result.code()).as(result.toString()).isZero();
            Path committed = PROJECT.resolve("completions").resolve(shell.fileName());
            assertThat(result.out())
                    .as("agh completion %s vs %s; %s", shell, committed, DocsFreshnessTest.REGENERATE)
                    .isEqualTo(Files.readString(committed, StandardCharsets.UTF_8));
        }
    }

    @Test
    void completionWithoutAKnownShellIsAUsageError() {
        assertThat(CliRunner.run(Ansi.OFF, "completion").code()).isEqualTo(2);
        assertThat(CliRunner.run(Ansi.OFF, "completion", "tcsh").code()).isEqualTo(2);
    }

    @Test
    void everyScriptNamesEveryCommandAndOption() {
        CommandLine model = RootCommand.model();
        for (Completions.Shell shell : Completions.Shell.values()) {
            String script = Completions.script(shell, model);
            for (CommandLine command : Completions.walk(model)) {
                assertThat(script).as("%s script", shell).contains(command.getCommandName());
                for (OptionSpec option : Completions.options(command.getCommandSpec())) {
                    String name = option.longestName();
                    String expected = shell == Completions.Shell.fish ? name.replaceFirst("^--?", "") : name;
                    assertThat(script)
                            .as(
                                    "%s script, option %s of %s",
                                    shell, name, command.getCommandSpec().qualifiedName())
                            .contains(expected);
                }
            }
        }
    }

    @Test
    void bashScriptParses(@TempDir Path dir) throws Exception {
        checkSyntax(dir, "bash", Completions.Shell.bash, "-n");
    }

    @Test
    void zshScriptParses(@TempDir Path dir) throws Exception {
        checkSyntax(dir, "zsh", Completions.Shell.zsh, "-n");
    }

    @Test
    void fishScriptParses(@TempDir Path dir) throws Exception {
        checkSyntax(dir, "fish", Completions.Shell.fish, "--no-execute");
    }

    private static void checkSyntax(Path dir, String program, Completions.Shell shell, String flag) throws Exception {
        if ("true".equals(System.getenv("CI"))) {
            assertThat(onPath(program))
                    .as("%s must be installed in CI (.ci/run installs it)", program)
                    .isTrue();
        }
        assumeTrue(onPath(program), program + " is not installed");
        Path script = dir.resolve(shell.fileName());
        Files.writeString(script, Completions.script(shell, RootCommand.model()));
        Process process = new ProcessBuilder(program, flag, script.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue())
                .as("%s %s %s:%n%s", program, flag, script, output)
                .isZero();
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null
                && List.of(path.split(File.pathSeparator)).stream()
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
