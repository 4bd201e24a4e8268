package dev.agh.cli.docs;

import dev.agh.cli.RootCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi;

/** Runs {@code agh} in process as the program does (the lazily built command line), capturing its output. */
final class Agh {
    private Agh() {}

    record Result(List<String> args, int code, String out, String err) {
        @Override
        public String toString() {
            return "agh " + String.join(" ", args) + " -> exit " + code + "\n--- stdout:\n" + out + "\n--- stderr:\n"
                    + err;
        }
    }

    static Result run(String... args) {
        return run(Ansi.OFF, args);
    }

    /** With help colours forced on or off, whatever the terminal. */
    static Result run(Ansi ansi, String... args) {
        CommandLine cli = RootCommand.commandLine(dev.agh.app.Backends::inProcess);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setColorScheme(Help.defaultColorScheme(ansi));
        int code = cli.execute(args);
        return new Result(List.of(args), code, out.toString(), err.toString());
    }
}
