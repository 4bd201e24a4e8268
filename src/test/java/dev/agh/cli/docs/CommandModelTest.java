package dev.agh.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.cli.CliRunner;
import dev.agh.cli.RootCommand;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** Walks the whole command model: every command is described, every option and parameter has a help text. */
class CommandModelTest {
    private static final CommandLine MODEL = RootCommand.model();

    @Test
    void everyCommandHasADescriptionOfItsOwn() {
        String rootDescription =
                String.join("\n", MODEL.getCommandSpec().usageMessage().description());
        List<String> missing = new ArrayList<>();
        for (CommandLine command : Completions.walk(MODEL)) {
            CommandSpec spec = command.getCommandSpec();
            String description =
                    String.join("\n", spec.usageMessage().description()).trim();
            Command annotation = spec.userObject() == null
                    ? null
                    : spec.userObject().getClass().getAnnotation(Command.class);
            boolean own = annotation != null
                    && Arrays.stream(annotation.description()).anyMatch(line -> !line.isBlank());
            // Subcommands of a scope=INHERIT root inherit its description when they have none: that does not count.
            if (description.isEmpty() || !own || (spec.parent() != null && description.equals(rootDescription))) {
                missing.add(spec.qualifiedName());
            }
        }
        assertThat(missing).as("commands without a description of their own").isEmpty();
    }

    /**
     * The help names the operation a command calls, as {@code (METHOD /path)}; each such mention must be an operation
     * of the one table ({@code api.Operation}, itself checked against the API description), and every operation but
     * the sessions, workspaces and the API description itself must be reachable from some command's help.
     */
    @Test
    void theOperationsNamedInTheHelpAreTheOperationsOfTheApi() {
        java.util.regex.Pattern mention =
                java.util.regex.Pattern.compile("\\((GET|POST|PATCH|DELETE) (/api/[^)\\s]*)\\)");
        java.util.Set<String> operations = new java.util.HashSet<>();
        for (dev.agh.api.Operation op : dev.agh.api.Operation.values()) {
            operations.add(op.method() + " " + op.path());
        }
        List<String> unknown = new ArrayList<>();
        java.util.Set<String> named = new java.util.HashSet<>();
        for (CommandLine command : Completions.walk(MODEL)) {
            var matcher = mention.matcher(
                    String.join("\n", command.getCommandSpec().usageMessage().description()));
            while (matcher.find()) {
                String operation = matcher.group(1) + " " + matcher.group(2);
                named.add(operation);
                if (!operations.contains(operation)) {
                    unknown.add(command.getCommandSpec().qualifiedName() + ": " + operation);
                }
            }
        }
        assertThat(unknown).as("help naming operations the API does not have").isEmpty();
        List<String> unnamed = new ArrayList<>();
        for (dev.agh.api.Operation op : dev.agh.api.Operation.values()) {
            boolean exempt = op.path().startsWith("/api/sessions")
                    || op.path().startsWith("/api/workspaces")
                    || op == dev.agh.api.Operation.GET_OPENAPI_DOCUMENT;
            if (!exempt && !named.contains(op.method() + " " + op.path())) {
                unnamed.add(op.id());
            }
        }
        assertThat(unnamed).as("operations no command's help names").isEmpty();
    }

    @Test
    void everyOptionAndParameterHasAHelpText() {
        List<String> missing = new ArrayList<>();
        for (CommandLine command : Completions.walk(MODEL)) {
            CommandSpec spec = command.getCommandSpec();
            for (ArgSpec arg : Stream.concat(spec.options().stream(), spec.positionalParameters().stream())
                    .toList()) {
                if (arg.hidden()) {
                    continue;
                }
                String text = String.join(" ", arg.description()).trim();
                if (text.isEmpty()) {
                    missing.add(spec.qualifiedName() + " "
                            + (arg.isOption() ? ((CommandLine.Model.OptionSpec) arg).longestName() : arg.paramLabel()));
                }
            }
        }
        assertThat(missing).as("options and parameters without a help text").isEmpty();
    }

    @Test
    void theRootAndEveryTopLevelCommandShowExamples() {
        List<String> without = new ArrayList<>();
        if (!hasExamples(MODEL)) {
            without.add("agh");
        }
        for (CommandLine top : Completions.subcommands(MODEL)) {
            if (top.getCommandName().equals("help")) {
                continue;
            }
            boolean any = Completions.walk(top).stream().anyMatch(CommandModelTest::hasExamples);
            if (!any) {
                without.add(top.getCommandSpec().qualifiedName());
            }
        }
        assertThat(without)
                .as("command groups without any example in their usage")
                .isEmpty();
    }

    @Test
    void theRootUsageListsCommandsExamplesAndExitCodes() {
        String usage = MODEL.getUsageMessage(Help.defaultColorScheme(Ansi.OFF));
        assertThat(usage)
                .contains("Commands:", "task", "completion", "Examples:", "Exit codes:", "8   no claimable work");
    }

    @Test
    void subcommandsDoNotInheritTheRootFooter() {
        CommandLine show = MODEL.getSubcommands().get("task").getSubcommands().get("show");
        assertThat(show.getUsageMessage(Help.defaultColorScheme(Ansi.OFF)))
                .doesNotContain("Exit codes:")
                .doesNotContain("'agh help COMMAND'");
    }

    @Test
    void topLevelCommandsAreListedInRootCommandCommandsNotInItsAnnotation() {
        assertThat(RootCommand.class.getAnnotation(Command.class).subcommands())
                .as("top-level commands go in RootCommand.COMMANDS, so that a command builds only what it needs")
                .isEmpty();
        List<String> names = Completions.subcommands(MODEL).stream()
                .map(CommandLine::getCommandName)
                .toList();
        assertThat(names)
                .containsExactlyElementsOf(RootCommand.COMMANDS.stream()
                        .map(c -> c.getAnnotation(Command.class).name())
                        .toList());
    }

    /** The program builds only the commands its arguments name: each usage must be what the whole tree shows. */
    @Test
    void theLazilyBuiltCommandLineShowsTheSameUsageAsTheWholeModel() {
        List<String> differ = new ArrayList<>();
        for (CommandLine command : Completions.walk(MODEL)) {
            List<String> args =
                    new ArrayList<>(Arrays.asList(Completions.path(command).split(" ")));
            args.removeIf(String::isEmpty);
            args.add("--help");
            CliRunner.Result result = CliRunner.run(Ansi.OFF, args.toArray(String[]::new));
            String expected = command.getUsageMessage(Help.defaultColorScheme(Ansi.OFF));
            if (result.code() != 0 || !result.out().equals(expected)) {
                differ.add(result.toString() + "\n--- expected:\n" + expected);
            }
        }
        assertThat(differ).isEmpty();
    }

    private static boolean hasExamples(CommandLine command) {
        return Arrays.stream(command.getCommandSpec().usageMessage().footer())
                .anyMatch(line -> line.contains("Examples:"));
    }
}
