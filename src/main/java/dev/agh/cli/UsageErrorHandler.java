package dev.agh.cli;

import dev.agh.api.ErrorBody;
import dev.agh.api.Json;
import java.io.PrintWriter;
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
      CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
      err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
    }
    err.flush();
    return ExitCodes.USAGE;
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
