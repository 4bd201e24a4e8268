package dev.agh.http;

import dev.agh.api.StreamEnd;
import dev.agh.api.StreamEventPayload;
import dev.agh.api.StreamSink;
import dev.agh.api.TaskStream;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One {@code text/event-stream} response: frames {@code id/event/data} per event and a {@code :
 * keepalive} comment when asked. Writes come from the stream's delivery thread, one at a time; the
 * request stays open (asynchronously, holding no server thread) until the stream ends.
 */
final class SseConnection implements StreamSink {
    private static final byte[] KEEPALIVE = ": keepalive\n\n".getBytes(StandardCharsets.US_ASCII);

    private final Context ctx;
    private final Set<SseConnection> open;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private OutputStream out;
    private volatile boolean aborted;
    private final String sessionId;
    private volatile TaskStream stream;

    SseConnection(Context ctx, Set<SseConnection> open, String sessionId) {
        this.ctx = ctx;
        this.open = open;
        this.sessionId = sessionId;
    }

    /** Sends the status and headers; events the stream delivered meanwhile waited for this. */
    synchronized void start(TaskStream opened) throws IOException {
        stream = opened;
        try {
            sendHeaders();
        } catch (IOException | RuntimeException e) {
            aborted = true;
            notifyAll();
            opened.close();
            throw e;
        }
        open.add(this);
        notifyAll();
    }

    private void sendHeaders() throws IOException {
        ctx.status(200);
        ctx.contentType("text/event-stream");
        ctx.header("Cache-Control", "no-cache");
        ctx.header("Connection", "keep-alive");
        ctx.header("X-Accel-Buffering", "no");
        // The raw servlet stream: Javalin's ctx.outputStream() buffers (for compression) and ignores flush().
        OutputStream body = ctx.res().getOutputStream();
        body.flush();
        out = body;
    }

    CompletableFuture<Void> done() {
        return done;
    }

    /** Asks the stream for a keepalive (written on its delivery thread after pending events). */
    void requestKeepalive() {
        stream.keepalive();
    }

    void close() {
        stream.close();
    }

    @Override
    public void event(StreamEventPayload event, String json) throws IOException, InterruptedException {
        write(("id: " + event.sequence() + "\nevent: " + event.type() + "\ndata: " + json + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void keepalive() throws IOException, InterruptedException {
        write(KEEPALIVE);
    }

    /**
     * A reader that fell {@code MAX_BEHIND} events behind has usually stopped reading: the delivery thread is then
     * blocked in a write that would never return, holding a thread and the queued frames. Closing the connection
     * under it ends the write, the thread goes back to the pool, and the client reconnects with Last-Event-ID.
     */
    @Override
    public void ending(StreamEnd.Reason reason) {
        if (reason == StreamEnd.Reason.SLOW_CONSUMER) {
            abortConnection();
        }
    }

    /** Ends the response by closing its connection (a stream of a session that was stopped, or a slow reader). */
    void abortConnection() {
        aborted = true;
        org.eclipse.jetty.server.Request base = org.eclipse.jetty.server.Request.getBaseRequest(ctx.req());
        if (base != null) {
            base.getHttpChannel().getEndPoint().close();
        }
    }

    /** The agent session this stream was opened by, or null for the operator. */
    String sessionId() {
        return sessionId;
    }

    @Override
    public void ended(StreamEnd end) {
        open.remove(this);
        done.complete(null);
    }

    private synchronized void write(byte[] frame) throws IOException, InterruptedException {
        while (out == null && !aborted) {
            wait();
        }
        if (aborted) {
            throw new IOException("the client is gone");
        }
        out.write(frame);
        out.flush();
    }
}
