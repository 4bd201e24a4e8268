package dev.agh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Help;

/**
 * Runs {@code agh} in process with the real backends, as the program builds its command line: arguments in; exit
 * code, stdout and stderr out. The one in-process runner of every CLI test.
 */
public final class CliRunner {
    static final ObjectMapper JSON = new ObjectMapper();

    private CliRunner() {}

    /** What one invocation printed and returned. */
    public record Result(List<String> args, int code, String out, String err) {
        JsonNode json() {
            return parse(out, "stdout");
        }

        JsonNode errorJson() {
            return parse(err, "stderr");
        }

        /** Each non-empty stdout line parsed on its own ({@code -o jsonl}). */
        List<JsonNode> jsonLines() {
            List<JsonNode> lines = new ArrayList<>();
            out.lines().filter(line -> !line.isBlank()).forEach(line -> lines.add(parse(line, "stdout line")));
            return lines;
        }

        /** Asserts success and returns this result. */
        Result ok() {
            assertThat(code).as("exit code of %s", this).isZero();
            assertThat(err).as("stderr of %s", this).isEmpty();
            return this;
        }

        /** Asserts a failure with this exit code and a message (and nothing) on stderr. */
        Result fails(int expected) {
            assertThat(code).as("exit code of %s", this).isEqualTo(expected);
            assertThat(out).as("stdout of %s", this).isEmpty();
            assertThat(err).as("stderr of %s", this).isNotBlank();
            return this;
        }

        /** Asserts a failure with {@code -o json}: stderr is exactly {@code {"error": ..., "code": code}}. */
        Result failsWithJson(int expected, String... codes) {
            fails(expected);
            JsonNode error = errorJson();
            assertThat(error.isObject()).as("stderr of %s", this).isTrue();
            assertThat(error.path("error").asText()).as("error of %s", this).isNotBlank();
            assertThat(error.path("code").asText()).as("code of %s", this).isIn((Object[]) codes);
            return this;
        }

        private JsonNode parse(String text, String what) {
            try {
                JsonNode node = JSON.readTree(text);
                assertThat(node).as("%s of %s", what, this).isNotNull();
                return node;
            } catch (IOException e) {
                throw new AssertionError(what + " is not one JSON value: " + this, e);
            }
        }

        @Override
        public String toString() {
            return "agh " + String.join(" ", args) + " -> exit " + code + "\n--- stdout:\n" + clip(out)
                    + "\n--- stderr:\n" + clip(err);
        }

        private static String clip(String text) {
            return text.length() > 3000 ? text.substring(0, 3000) + "..." : text;
        }
    }

    /** Runs {@code agh ARGS} with the real backends. */
    public static Result run(String... args) {
        return run(null, args);
    }

    /** Like {@link #run(String...)} with help colours forced on or off ({@code null}: picocli decides). */
    public static Result run(Help.Ansi ansi, String... args) {
        assertThat(System.getenv("AGH_SERVER"))
                .as("AGH_SERVER must be unset for CLI tests")
                .isNull();
        assertThat(System.getenv("AGH_DB"))
                .as("AGH_DB must be unset for CLI tests")
                .isNull();
        assertThat(System.getenv("AGH_TOKEN"))
                .as("AGH_TOKEN must be unset for CLI tests")
                .isNull();
        CommandLine cli = RootCommand.commandLine(dev.agh.app.Backends::inProcess);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        if (ansi != null) {
            cli.setColorScheme(Help.defaultColorScheme(ansi));
        }
        int code = cli.execute(args);
        return new Result(List.of(args), code, out.toString(), err.toString());
    }

    /** Runs {@code agh --home HOME ARGS}: every test has its own data directory. */
    static Result agh(Path home, String... args) {
        return run(Stream.concat(Stream.of("--home", home.toString()), Stream.of(args))
                .toArray(String[]::new));
    }

    /** Creates a task with {@code -o json} and returns its id. */
    static String createTask(Path home, String... options) {
        String[] args = Stream.concat(Stream.of("-o", "json", "task", "create"), Stream.of(options))
                .toArray(String[]::new);
        return agh(home, args).ok().json().get("task").get("id").asText();
    }
}
