package dev.agh.client;

import dev.agh.api.Json;
import dev.agh.api.StreamEventPayload;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorKind;
import dev.agh.service.StreamEnd;
import dev.agh.service.StreamSink;
import dev.agh.service.TaskStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A task stream over HTTP: reads the server-sent events of {@code GET /api/tasks/{id}/stream} on
 * its own thread and hands them to the sink. A lost connection is reopened with {@code
 * Last-Event-ID} (at once, then backing off to 2 s while the server is unreachable), so the sink
 * sees every event once; the stream ends when closed, when the sink throws, or when the server
 * refuses to resume (the task is gone, the token is no longer valid).
 */
final class SseStream implements TaskStream {
  private static final long FIRST_RETRY_MILLIS = 100;
  private static final long MAX_RETRY_MILLIS = 2_000;

  private final Transport transport;
  private final String path;
  private final long after;
  private final StreamSink sink;
  private volatile boolean closed;
  private volatile InputStream body;
  private long lastId;

  private SseStream(Transport transport, String path, long after, StreamSink sink) {
    this.transport = transport;
    this.path = path;
    this.after = after;
    this.sink = sink;
    this.lastId = after;
  }

  /** Connects (failing at once for a refused request), then reads on a daemon thread. */
  static SseStream open(Transport transport, String path, long after, StreamSink sink) {
    SseStream stream = new SseStream(transport, path, after, sink);
    stream.body = transport.openEventStream(path, Map.of("after_sequence", after), null);
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
      closeQuietly(body);
    }
    sink.ended(closed ? StreamEnd.CLOSED : end);
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
        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
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
