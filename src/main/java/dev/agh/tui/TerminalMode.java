package dev.agh.tui;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.terminal.Terminal.Signal;
import org.jline.terminal.Terminal.SignalHandler;
import org.jline.utils.InfoCmp.Capability;

/**
 * The terminal in full-screen mode (raw input, alternate screen, keypad mode, cursor hidden) and back.
 * {@link #close} restores everything once: on a normal exit, after an exception, and from a shutdown
 * hook when the process is killed. Ctrl-C and window resizes become inputs of the loop.
 */
final class TerminalMode implements AutoCloseable {
    private final Terminal terminal;
    private final Attributes saved;
    private final SignalHandler previousInterrupt;
    private final SignalHandler previousResize;
    private final Thread hook;
    private final AtomicBoolean restored = new AtomicBoolean();

    private TerminalMode(Terminal terminal, Runnable onInterrupt, Runnable onResize) {
        this.terminal = terminal;
        this.saved = terminal.enterRawMode();
        this.previousInterrupt = terminal.handle(Signal.INT, signal -> onInterrupt.run());
        this.previousResize = terminal.handle(Signal.WINCH, signal -> onResize.run());
        this.hook = new Thread(this::restore, "agh-tui-restore");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            terminal.puts(Capability.enter_ca_mode);
            terminal.puts(Capability.keypad_xmit);
            terminal.puts(Capability.cursor_invisible);
            terminal.flush();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    static TerminalMode enter(Terminal terminal, Runnable onInterrupt, Runnable onResize) {
        return new TerminalMode(terminal, onInterrupt, onResize);
    }

    @Override
    public void close() {
        restore();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running or ran.
        }
    }

    private void restore() {
        if (!restored.compareAndSet(false, true)) {
            return;
        }
        terminal.handle(Signal.INT, previousInterrupt);
        terminal.handle(Signal.WINCH, previousResize);
        terminal.puts(Capability.cursor_visible);
        terminal.puts(Capability.keypad_local);
        terminal.puts(Capability.exit_ca_mode);
        terminal.setAttributes(saved);
        terminal.flush();
    }
}
