package dev.agh.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.jline.utils.AttributedString;

/**
 * The UI on a JLine terminal over piped streams with a fixed size: keys are typed into its input, the
 * escape sequences it writes are kept, and the loop runs on a thread of its own.
 */
final class VirtualTerminal implements AutoCloseable {
    final Terminal terminal;
    private final PipedOutputStream keys;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private TuiApp app;
    private Future<Integer> exit;

    VirtualTerminal(int columns, int rows) throws IOException {
        PipedInputStream input = new PipedInputStream(4096);
        keys = new PipedOutputStream(input);
        terminal =
                new ExternalTerminal("agh-test", "xterm-256color", input, synchronizedOutput(), StandardCharsets.UTF_8);
        terminal.setSize(new Size(columns, rows));
    }

    private java.io.OutputStream synchronizedOutput() {
        return new java.io.OutputStream() {
            @Override
            public void write(int b) {
                synchronized (written) {
                    written.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (written) {
                    written.write(b, off, len);
                }
            }
        };
    }

    VirtualTerminal start(TuiApp app) {
        this.app = app;
        exit = thread.submit(app::run);
        return this;
    }

    void type(String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    /** Waits until the screen shows every text; fails with the screen when it does not within 15 s. */
    String await(String... texts) {
        return await(
                screen -> {
                    for (String text : texts) {
                        if (!screen.contains(text)) {
                            return false;
                        }
                    }
                    return true;
                },
                String.join(", ", texts));
    }

    String await(Predicate<String> condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String screen = screen();
        while (System.nanoTime() < deadline) {
            screen = screen();
            if (condition.test(screen)) {
                return screen;
            }
            sleep(20);
        }
        throw new AssertionError("the screen never showed " + what + "; it shows:\n" + screen);
    }

    String screen() {
        return ViewTest.text(frame());
    }

    List<AttributedString> frame() {
        return app.frame();
    }

    /** Everything the UI wrote to the terminal, escape sequences included. */
    String written() {
        synchronized (written) {
            return written.toString(StandardCharsets.UTF_8);
        }
    }

    int exitCode() throws Exception {
        return exit.get(15, TimeUnit.SECONDS);
    }

    Future<Integer> exit() {
        return exit;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() throws IOException {
        thread.shutdownNow();
        keys.close();
        terminal.close();
        assertThat(thread.isShutdown()).isTrue();
    }
}
