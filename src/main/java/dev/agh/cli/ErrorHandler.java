package dev.agh.cli;

import dev.agh.api.ErrorBody;
import dev.agh.api.Json;
import dev.agh.domain.AghException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Prints a failure to stderr (as {@code {"error","code"}} with {@code -o json}) and picks the exit code. */
final class ErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        RootCommand root = cmd.getCommandSpec().root().commandLine().getCommand();
        PrintWriter err = cmd.getErr();
        if (e instanceof AghException failure) {
            print(err, root, failure.getMessage(), failure.code().name());
            if (root.verbose) {
                failure.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.of(failure.kind());
        }
        print(err, root, "unexpected error: " + e, "INTERNAL_ERROR");
        if (root.verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.UNEXPECTED;
    }

    private static void print(PrintWriter err, RootCommand root, String message, String code) {
        if (root.output != OutputFormat.human) {
            err.println(Json.write(new ErrorBody(message, code)));
        } else {
            err.println("agh: " + message + " (" + code + ")");
        }
    }
}
