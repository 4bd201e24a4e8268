package dev.agh.app;

import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one {@code agh serve} that owns an embedded store, started on demand: a command on a data directory
 * with no live server starts one in the background and talks to it; later commands find it through
 * {@code server.url}. Commands that start at the same moment agree on one server through a file lock
 * ({@code start.lock}): the first starts it, the others wait for the lock and then find it running.
 */
public final class LocalServer {
    static final String START_LOCK = "start.lock";
    static final String LOG_FILE = "serve.log";
    /** The idle time of a server started this way, unless {@code AGH_IDLE_EXIT} says otherwise. */
    static final String DEFAULT_IDLE_EXIT = "15m";
    /** A cold JVM, the store's recovery after a crash and its migrations fit well within this on these machines. */
    private static final long START_TIMEOUT_MILLIS = 30_000;

    private LocalServer() {}

    /** The address of the live server of {@code dir}, started now if none runs. */
    public static String ensure(AppConfig config, DataDirectory dir) {
        String live = live(dir);
        if (live != null) {
            return live;
        }
        dir.ensureExists();
        try (FileChannel channel = FileChannel.open(
                        dir.home().resolve(START_LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lock(channel, dir)) {
            live = live(dir); // another command started it while this one waited for the lock
            return live != null ? live : start(config, dir);
        } catch (IOException e) {
            throw new AghException(
                    ErrorCode.SERVER_UNAVAILABLE,
                    "cannot start agh serve for " + dir.home() + ": " + e.getMessage(),
                    e);
        }
    }

    /** The published address when something answers there; a file left by a killed server is ignored. */
    public static String live(DataDirectory dir) {
        String published = dir.publishedServer();
        return published != null && Backends.reachable(published) ? published : null;
    }

    private static FileLock lock(FileChannel channel, DataDirectory dir) throws IOException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS + 5_000;
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AghException(
                        ErrorCode.SERVER_UNAVAILABLE,
                        "another agh command has been starting the server of " + dir.home() + " for too long; see "
                                + dir.home().resolve(LOG_FILE));
            }
            pause(20);
        }
    }

    private static String start(AppConfig config, DataDirectory dir) throws IOException {
        Path log = dir.home().resolve(LOG_FILE);
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        ProcessBuilder builder = new ProcessBuilder(command(config))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        // The server serves the operator and every session; it must not act as this command's session or
        // forward to a server of its own.
        env.remove("AGH_SESSION_ID");
        env.remove("AGH_SERVER");
        env.remove("AGH_TOKEN");
        env.remove("AGH_EMBEDDED");
        Process process = builder.start();
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            String live = live(dir);
            if (live != null) {
                return live;
            }
            if (!process.isAlive()) {
                throw new AghException(
                        ErrorCode.STORE_UNAVAILABLE,
                        "agh serve for " + dir.home() + " did not start: " + lastLine(log, logStart) + " (" + log
                                + ")");
            }
            pause(15);
        }
        process.destroy();
        throw new AghException(
                ErrorCode.SERVER_UNAVAILABLE,
                "agh serve for " + dir.home() + " did not start within " + START_TIMEOUT_MILLIS / 1000 + " s; see "
                        + log);
    }

    /**
     * {@code agh serve} in a new session (setsid: no terminal's Ctrl-C or hang-up reaches it), on a free
     * port, with this program's own launcher when it was started by one (its JVM flags fit a server), else
     * this JVM's java and class path.
     */
    private static List<String> command(AppConfig config) {
        List<String> command = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) {
            command.add("/usr/bin/setsid");
        } else if (new File("/bin/setsid").canExecute()) {
            command.add("/bin/setsid");
        }
        String launcher = System.getenv("AGH_LAUNCHER");
        if (launcher != null && new File(launcher).canExecute()) {
            command.add(launcher);
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-XX:+UseParallelGC");
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add("dev.agh.Main");
        }
        String idle = System.getenv("AGH_IDLE_EXIT");
        command.addAll(List.of(
                "serve",
                "--background",
                "--home",
                config.home().toAbsolutePath().toString(),
                "--port",
                "0",
                "--idle-exit",
                idle == null || idle.isBlank() ? DEFAULT_IDLE_EXIT : idle));
        return command;
    }

    /**
     * For the server started here: SIGINT and SIGHUP of the terminal the starting command ran in cannot stop it
     * (when setsid was missing and it shares that terminal's process group); SIGTERM, {@code agh server stop}
     * and its idle time still do.
     */
    @SuppressWarnings("restriction")
    public static void ignoreTerminalSignals() {
        for (String name : new String[] {"INT", "HUP"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sun.misc.SignalHandler.SIG_IGN);
            } catch (IllegalArgumentException unsupported) {
                // not a signal on this platform
            }
        }
    }

    private static String lastLine(Path log, long from) {
        try {
            byte[] all = Files.readAllBytes(log);
            String text = new String(
                            all,
                            (int) Math.min(from, all.length),
                            (int) Math.max(0, all.length - from),
                            StandardCharsets.UTF_8)
                    .strip();
            String[] lines = text.split("\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                if (lines[i].startsWith("agh: ")) {
                    return lines[i].substring(5).strip();
                }
            }
            return lines.length == 0 || lines[lines.length - 1].isBlank()
                    ? "it exited"
                    : lines[lines.length - 1].strip();
        } catch (IOException e) {
            return "it exited";
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AghException(ErrorCode.SERVER_UNAVAILABLE, "interrupted while starting agh serve");
        }
    }
}
