package dev.agh.cli.docs;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code agh help [COMMAND...]}: the usage of agh or of any command, nested ones too ({@code agh help task create}). */
@Command(
        name = "help",
        helpCommand = true,
        description = "Show the usage of agh or of a command.",
        footer = {"", "Examples:", "  agh help task create", "  agh help agent next"})
public final class HelpCommand implements IHelpCommandInitializable2, Runnable {
    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, e.g. task create.")
    List<String> words;

    private CommandLine self;
    private ColorScheme colors;
    private PrintWriter out;

    @Override
    public void init(CommandLine helpCommandLine, ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = out;
    }

    @Override
    public void run() {
        CommandLine target = self.getParent();
        for (String word : words == null ? List.<String>of() : words) {
            CommandLine sub = target.getSubcommands().get(word);
            if (sub == null) {
                throw new ParameterException(
                        self, "unknown command '" + target.getCommandSpec().qualifiedName() + " " + word + "'");
            }
            target = sub;
        }
        target.usage(out, colors);
        out.flush();
    }
}
