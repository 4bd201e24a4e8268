package dev.agh.worker;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One execution of the worker's command: the claim on stdin, the run's identity in the environment,
 * stdout kept (up to a limit: it becomes the run's result), stderr passed through and its end kept (it
 * says why a failed run failed).
 */
final class CommandRun {
    /** Results are at most 64 KiB once JSON-escaped; a longer stdout is cut to its last part. */
    static final int MAX_OUTPUT_BYTES = 48 * 1024;

    /** The end of stderr kept for a failed run's error. */
    static final int MAX_STDERR_BYTES = 4 * 1024;

    private final Process process;
    private final Thread reader;
    private final Thread errorReader;
    private final Tail stdout = new Tail(MAX_OUTPUT_BYTES);
    private final Tail stderr = new Tail(MAX_STDERR_BYTES);

    private CommandRun(Process process, OutputStream errorsTo) {
        this.process = process;
        this.reader = new Thread(() -> copy(process.getInputStream(), stdout, null), "agh-worker-stdout");
        this.reader.setDaemon(true);
        this.reader.start();
        this.errorReader = new Thread(() -> copy(process.getErrorStream(), stderr, errorsTo), "agh-worker-stderr");
        this.errorReader.setDaemon(true);
        this.errorReader.start();
    }

    /** Starts {@code command} with {@code env} added to this process's environment and {@code stdin} written to it. */
    static CommandRun start(List<String> command, Map<String, String> env, byte[] stdin) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process process = builder.start();
        CommandRun run = new CommandRun(process, System.err);
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        } catch (IOException closedEarly) {
            // A command that does not read its stdin may close it first; that is its right.
        }
        return run;
    }

    /** Waits for the command to end and returns its exit status. */
    int waitFor() throws InterruptedException {
        int code = process.waitFor();
        reader.join(5_000);
        errorReader.join(5_000);
        return code;
    }

    /** Stops the command: politely first, then for good after {@code graceMillis}. */
    void stop(long graceMillis) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    String output() {
        return stdout.text();
    }

    /** The end of what the command wrote to stderr. */
    String errors() {
        return stderr.text();
    }

    boolean outputTruncated() {
        return stdout.truncated;
    }

    /** Copies {@code from} into {@code to}, and on to {@code passThrough} as it comes when that is not null. */
    private static void copy(InputStream from, Tail to, OutputStream passThrough) {
        byte[] buffer = new byte[8192];
        try (from) {
            int n;
            while ((n = from.read(buffer)) >= 0) {
                to.write(buffer, 0, n);
                if (passThrough != null) {
                    passThrough.write(buffer, 0, n);
                    passThrough.flush();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether {@code command} names a program this process can start: a path to an executable file, or a name
     * found on {@code PATH}. Checked before anything is claimed, so a typo fails the worker, not the queue.
     */
    static Optional<String> whyNotStartable(List<String> command, String path) {
        String program = command.get(0);
        if (program.contains("/")) {
            Path file = Path.of(program);
            if (!Files.exists(file)) {
                return Optional.of("no such file: " + program);
            }
            return Files.isRegularFile(file) && Files.isExecutable(file)
                    ? Optional.empty()
                    : Optional.of("not an executable file: " + program);
        }
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.empty();
            }
        }
        return Optional.of("\"" + program + "\" is not found on PATH");
    }

    /** The last {@code limit} bytes written. */
    private static final class Tail {
        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean truncated;

        Tail(int limit) {
            this.limit = limit;
        }

        synchronized void write(byte[] buffer, int offset, int length) {
            bytes.write(buffer, offset, length);
            if (bytes.size() > 2 * limit) {
                byte[] all = bytes.toByteArray();
                bytes.reset();
                bytes.write(all, all.length - limit, limit);
                truncated = true;
            }
        }

        synchronized String text() {
            byte[] all = bytes.toByteArray();
            if (all.length <= limit) {
                return new String(all, StandardCharsets.UTF_8);
            }
            truncated = true;
            return new String(all, all.length - limit, limit, StandardCharsets.UTF_8);
        }
    }
}
