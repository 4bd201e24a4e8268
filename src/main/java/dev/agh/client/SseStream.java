package dev.agh.client;

import dev.agh.api.Json;
import dev.agh.api.StreamEnd;
import dev.agh.api.StreamEventPayload;
import dev.agh.api.StreamSink;
import dev.agh.api.TaskStream;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A task stream over HTTP: reads the server-sent events of {@code GET /api/tasks/{id}/stream} on
 * its own thread and hands them to the sink. A lost connection is reopened with {@code
 * Last-Event-ID} (at once, then backing off to 2 s while the server is unreachable), so the sink
 * sees every event once; the stream ends when closed, when the sink throws, or when the server
 * refuses to resume (the task is gone, the token is no longer valid).
 *
 * <p>A connection that stays silent past {@link #SILENCE_LIMIT}, not even a keepalive, is taken for
 * dead and reopened: a server that vanished without closing the socket (a host gone, a network cut,
 * a laptop that slept) would otherwise keep the reader waiting forever.
 */
final class SseStream implements TaskStream {
    /** Three of the server's 15 s keepalives missed. */
    static final Duration SILENCE_LIMIT = Duration.ofSeconds(45);

    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long MAX_RETRY_MILLIS = 2_000;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "agh-sse-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final Transport transport;
    private final String path;
    private final long after;
    private final StreamSink sink;
    private final long silenceLimitNanos;
    private volatile boolean closed;
    private volatile InputStream body;
    private volatile long lastHeardNanos = System.nanoTime();
    private long lastId;

    private SseStream(Transport transport, String path, long after, StreamSink sink, Duration silenceLimit) {
        this.transport = transport;
        this.path = path;
        this.after = after;
        this.sink = sink;
        this.lastId = after;
        this.silenceLimitNanos = silenceLimit.toNanos();
    }

    /** Connects (failing at once for a refused request), then reads on a daemon thread. */
    static SseStream open(Transport transport, String path, long after, StreamSink sink) {
        return open(transport, path, after, sink, SILENCE_LIMIT);
    }

    /** Like {@link #open(Transport, String, long, StreamSink)} with another silence limit (tests). */
    static SseStream open(Transport transport, String path, long after, StreamSink sink, Duration silenceLimit) {
        SseStream stream = new SseStream(transport, path, after, sink, silenceLimit);
        stream.body = transport.openEventStream(path, Map.of("after_sequence", after), null);
        stream.lastHeardNanos = System.nanoTime();
        Thread reader = new Thread(stream::run, "agh-sse-reader");
        reader.setDaemon(true);
        reader.start();
        return stream;
    }

    @Override
    public void keepalive() {
        // The server sends keepalives; a client has nothing to keep alive.
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(body);
    }

    private void run() {
        long checkEvery = Math.max(1, silenceLimitNanos / 3);
        ScheduledFuture<?> watchdog =
                WATCHDOG.scheduleWithFixedDelay(this::dropIfSilent, checkEvery, checkEvery, TimeUnit.NANOSECONDS);
        StreamEnd end = StreamEnd.CLOSED;
        try {
            while (!closed) {
                boolean progressed = false;
                try {
                    progressed = read(body);
                } catch (IOException lost) {
                    // reconnect below
                }
                closeQuietly(body);
                if (closed || !reconnect(progressed)) {
                    break;
                }
            }
        } catch (SinkFailure failure) {
            end = new StreamEnd(StreamEnd.Reason.FAILED, failure.cause);
        } catch (RuntimeException refusedOrGarbled) {
            end = new StreamEnd(StreamEnd.Reason.FAILED, refusedOrGarbled);
        } finally {
            watchdog.cancel(false);
            closeQuietly(body);
        }
        sink.ended(closed ? StreamEnd.CLOSED : end);
    }

    /** Closes a connection that has been silent too long; the reader then reconnects. */
    private void dropIfSilent() {
        if (System.nanoTime() - lastHeardNanos > silenceLimitNanos) {
            lastHeardNanos = System.nanoTime();
            closeQuietly(body);
        }
    }

    /** Opens the stream again after the last event seen; false if closed meanwhile. */
    private boolean reconnect(boolean immediately) {
        long backoff = FIRST_RETRY_MILLIS;
        boolean wait = !immediately;
        while (!closed) {
            if (wait) {
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException e) {
                    return false;
                }
                backoff = Math.min(MAX_RETRY_MILLIS, backoff * 2);
            }
            wait = true;
            try {
                body = transport.openEventStream(path, Map.of("after_sequence", after), lastId);
                lastHeardNanos = System.nanoTime();
                if (closed) {
                    closeQuietly(body);
                    return false;
                }
                return true;
            } catch (AghException e) {
                if (e.kind() != ErrorKind.UNAVAILABLE) {
                    throw e;
                }
            }
        }
        return false;
    }

    /** Reads frames until the connection ends; true if at least one event arrived. */
    private boolean read(InputStream in) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        boolean progressed = false;
        StringBuilder frame = new StringBuilder();
        StringBuilder data = null;
        String line;
        while ((line = lines.readLine()) != null) {
            lastHeardNanos = System.nanoTime();
            if (line.isEmpty()) {
                if (data != null) {
                    dispatch(frame.toString(), data.toString());
                    progressed = true;
                }
                frame.setLength(0);
                data = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue; // a comment: the server's keepalive
            }
            frame.append(line).append('\n');
            if (line.startsWith("data:")) {
                String value = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
                data = data == null
                        ? new StringBuilder(value)
                        : data.append('\n').append(value);
            }
        }
        return progressed;
    }

    private void dispatch(String frame, String data) {
        transport.receivedFrame(path, frame + "\n");
        StreamEventPayload event = Json.read(data, StreamEventPayload.class);
        if (event.sequence() <= lastId) {
            return;
        }
        try {
            sink.event(event, data);
        } catch (Exception e) {
            throw new SinkFailure(e);
        }
        lastId = event.sequence();
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing a dead connection
            }
        }
    }

    /** The sink threw: the stream ends with that failure instead of reconnecting. */
    private static final class SinkFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Exception cause;

        SinkFailure(Exception cause) {
            super(cause);
            this.cause = cause;
        }
    }
}
