package dev.agh.cli;

import static dev.agh.cli.CliRunner.agh;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agh tui} outside a terminal (as here, under the test runner) refuses like a usage error. */
class CliTuiTest {
    @TempDir
    Path home;

    @Test
    void withoutATerminalItSaysSoAndExitsWithUsage() {
        CliRunner.Result result = agh(home, "tui").fails(ExitCodes.USAGE);
        assertThat(result.err()).contains("tui needs an interactive terminal", "stdout is not one");
        // It stops before opening the store.
        assertThat(home.resolve("agh.mv.db")).doesNotExist();
    }

    @Test
    void helpDescribesTheKeys() {
        CliRunner.Result result = agh(home, "tui", "--help").ok();
        assertThat(result.out()).contains("Full-screen terminal UI", "q quit", "--server");
    }
}
