package dev.agh.worker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One execution of the worker's command: the claim on stdin, the run's identity in the environment,
 * stderr passed through, and stdout kept (up to a limit: it becomes the run's result).
 */
final class CommandRun {
  /** Results are at most 64 KiB once JSON-escaped; a longer stdout is cut to its last part. */
  static final int MAX_OUTPUT_BYTES = 48 * 1024;

  private final Process process;
  private final Thread reader;
  private final Tail stdout = new Tail(MAX_OUTPUT_BYTES);

  private CommandRun(Process process) {
    this.process = process;
    this.reader = new Thread(() -> copy(process.getInputStream(), stdout), "agh-worker-stdout");
    this.reader.setDaemon(true);
    this.reader.start();
  }

  /** Starts {@code command} with {@code env} added to this process's environment and {@code stdin} written to it. */
  static CommandRun start(List<String> command, Map<String, String> env, byte[] stdin) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().putAll(env);
    Process process = builder.start();
    CommandRun run = new CommandRun(process);
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

  boolean outputTruncated() {
    return stdout.truncated;
  }

  private static void copy(InputStream from, Tail to) {
    byte[] buffer = new byte[8192];
    try (from) {
      int n;
      while ((n = from.read(buffer)) >= 0) {
        to.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
