package dev.agh.tui;

import dev.agh.service.Caller;
import dev.agh.service.TaskService;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** Runs the UI on the terminal of this process: the one place that opens it. */
public final class SystemTerminal {
    private SystemTerminal() {}

    /** The terminal cannot run a full-screen UI (a dumb one cannot move the cursor). */
    public static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message);
        }
    }

    /** Runs until the user quits; returns the UI's exit code. Throws {@link Unsupported} before drawing anything. */
    public static int run(TaskService service, Caller caller, TuiOptions options) {
        try (Terminal terminal =
                TerminalBuilder.builder().system(true).nativeSignals(true).build()) {
            String type = terminal.getType();
            if (type == null || type.startsWith(Terminal.TYPE_DUMB)) {
                throw new Unsupported("tui needs a terminal that can move the cursor (TERM is " + type + ")");
            }
            return new TuiApp(terminal, service, caller, options).run();
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the terminal", e);
        }
    }
}
