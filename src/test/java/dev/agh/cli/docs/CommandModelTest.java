package dev.agh.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

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
    String rootDescription = String.join("\n", MODEL.getCommandSpec().usageMessage().description());
    List<String> missing = new ArrayList<>();
    for (CommandLine command : Completions.walk(MODEL)) {
      CommandSpec spec = command.getCommandSpec();
      String description = String.join("\n", spec.usageMessage().description()).trim();
      Command annotation = spec.userObject() == null ? null : spec.userObject().getClass().getAnnotation(Command.class);
      boolean own = annotation != null && Arrays.stream(annotation.description()).anyMatch(line -> !line.isBlank());
      // Subcommands of a scope=INHERIT root inherit its description when they have none: that does not count.
      if (description.isEmpty() || !own || (spec.parent() != null && description.equals(rootDescription))) {
        missing.add(spec.qualifiedName());
      }
    }
    assertThat(missing).as("commands without a description of their own").isEmpty();
  }

  @Test
  void everyOptionAndParameterHasAHelpText() {
    List<String> missing = new ArrayList<>();
    for (CommandLine command : Completions.walk(MODEL)) {
      CommandSpec spec = command.getCommandSpec();
      for (ArgSpec arg : Stream.concat(spec.options().stream(), spec.positionalParameters().stream()).toList()) {
        if (arg.hidden()) {
          continue;
        }
        String text = String.join(" ", arg.description()).trim();
        if (text.isEmpty()) {
          missing.add(spec.qualifiedName() + " " + (arg.isOption() ? ((CommandLine.Model.OptionSpec) arg).longestName() : arg.paramLabel()));
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
    assertThat(without).as("command groups without any example in their usage").isEmpty();
  }

  @Test
  void theRootUsageListsCommandsExamplesAndExitCodes() {
    String usage = MODEL.getUsageMessage(Help.defaultColorScheme(Ansi.OFF));
    assertThat(usage).contains("Commands:", "task", "completion", "Examples:", "Exit codes:", "8   no claimable work");
  }

  @Test
  void subcommandsDoNotInheritTheRootFooter() {
    CommandLine show = MODEL.getSubcommands().get("task").getSubcommands().get("show");
    assertThat(show.getUsageMessage(Help.defaultColorScheme(Ansi.OFF))).doesNotContain("Exit codes:")
        .doesNotContain("'agh help COMMAND'");
  }

  @Test
  void topLevelCommandsAreListedInRootCommandCommandsNotInItsAnnotation() {
    assertThat(RootCommand.class.getAnnotation(Command.class).subcommands())
        .as("top-level commands go in RootCommand.COMMANDS, so that a command builds only what it needs").isEmpty();
    List<String> names = Completions.subcommands(MODEL).stream().map(CommandLine::getCommandName).toList();
    assertThat(names).containsExactlyElementsOf(
        RootCommand.COMMANDS.stream().map(c -> c.getAnnotation(Command.class).name()).toList());
  }

  /** The program builds only the commands its arguments name: each usage must be what the whole tree shows. */
  @Test
  void theLazilyBuiltCommandLineShowsTheSameUsageAsTheWholeModel() {
    List<String> differ = new ArrayList<>();
    for (CommandLine command : Completions.walk(MODEL)) {
      List<String> args = new ArrayList<>(Arrays.asList(Completions.path(command).split(" ")));
      args.removeIf(String::isEmpty);
      args.add("--help");
      Agh.Result result = Agh.run(args.toArray(String[]::new));
      String expected = command.getUsageMessage(Help.defaultColorScheme(Ansi.OFF));
      if (result.code() != 0 || !result.out().equals(expected)) {
        differ.add(result.toString() + "\n--- expected:\n" + expected);
      }
    }
    assertThat(differ).isEmpty();
  }

  private static boolean hasExamples(CommandLine command) {
    return Arrays.stream(command.getCommandSpec().usageMessage().footer()).anyMatch(line -> line.contains("Examples:"));
  }
}
