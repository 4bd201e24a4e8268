package dev.agh.cli;

import dev.agh.api.ErrorBody;
import dev.agh.api.Json;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/** Usage errors exit 2; with {@code -o json} they are {@code {"error","code":"USAGE"}} on stderr like every error. */
final class UsageErrorHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        if (wantsJson(args)) {
            err.println(Json.write(new ErrorBody(e.getMessage(), "USAGE")));
        } else {
            err.println("agh: " + e.getMessage());
            printSuggestions(e, err);
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        err.flush();
        return ExitCodes.USAGE;
    }

    /**
     * "Did you mean" for a mistyped command or option. The command line in use holds only the commands its
     * arguments named (see {@link LazyCommandLine}), so the names to suggest come from the whole tree.
     */
    private static void printSuggestions(ParameterException e, PrintWriter err) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException unmatched)) {
            return;
        }
        CommandLine full = RootCommand.model();
        String[] path = e.getCommandLine().getCommandSpec().qualifiedName(" ").split(" ");
        for (int i = 1; i < path.length && full != null; i++) {
            full = full.getSubcommands().get(path[i]);
        }
        if (full == null || unmatched.getUnmatched().isEmpty()) {
            return;
        }
        String word = unmatched.getUnmatched().get(0);
        if (word.startsWith("-")) {
            CommandLine.UnmatchedArgumentException.printSuggestions(
                    new CommandLine.UnmatchedArgumentException(full, unmatched.getUnmatched()), err);
            return;
        }
        List<String> close = Suggestions.closest(word, full.getSubcommands().keySet());
        if (!close.isEmpty()) {
            String prefix = full.getCommandSpec().qualifiedName(" ") + " ";
            err.println("Did you mean: "
                    + String.join(
                            " or ", close.stream().map(name -> prefix + name).toList()) + "?");
        }
    }

    /** The parse failed, so the option may not be bound: look for it in the raw arguments. */
    private static boolean wantsJson(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ((a.equals("-o") || a.equals("--output")) && i + 1 < args.length) {
                return !args[i + 1].equalsIgnoreCase("human");
            }
            if (a.startsWith("--output=") || a.startsWith("-o=")) {
                return !a.substring(a.indexOf('=') + 1).equalsIgnoreCase("human");
            }
            if (a.startsWith("-o") && a.length() > 2) {
                return !a.substring(2).equalsIgnoreCase("human");
            }
        }
        return false;
    }
}
