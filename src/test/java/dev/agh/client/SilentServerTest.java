package dev.agh.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.api.StreamEnd;
import dev.agh.api.StreamEventPayload;
import dev.agh.api.StreamSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A stream whose server stops talking without closing the socket is reopened after the silence
 * limit, with its cursor; keepalives within the limit keep it open.
 */
@Timeout(30)
class SilentServerTest {
    private static final Duration SILENCE = Duration.ofMillis(600);

    private ServerSocket listener;
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final List<Socket> accepted = new ArrayList<>();
    private volatile long keepaliveEveryMillis;

    /** One stream request as the server read it, and the socket to answer on. */
    private record Request(String lastEventId, Socket socket) {}

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "silent-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws IOException {
        listener.close();
        synchronized (accepted) {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    /** Answers every stream request with headers and event 1 (unless resumed past it), then only keepalives, if any. */
    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                synchronized (accepted) {
                    accepted.add(socket);
                }
                Thread serve = new Thread(() -> serve(socket), "silent-server-connection");
                serve.setDaemon(true);
                serve.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String lastEventId = null;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                if (line.regionMatches(true, 0, "Last-Event-ID:", 0, 14)) {
                    lastEventId = line.substring(14).trim();
                }
            }
            requests.add(new Request(lastEventId, socket));
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            if (lastEventId == null) {
                out.write(("id: 1\nevent: task.created\ndata: {\"sequence\":1,\"type\":\"task.created\"}\n\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
            while (keepaliveEveryMillis > 0 && !socket.isClosed()) {
                Thread.sleep(keepaliveEveryMillis);
                out.write(": keepalive\n\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException | InterruptedException gone) {
            // the client hung up, or the test is over
        }
    }

    private SseStream open(BlockingQueue<Long> events) {
        Transport transport = new Transport(
                URI.create("http://127.0.0.1:" + listener.getLocalPort()), "token", (method, path, status, body) -> {});
        return SseStream.open(
                transport,
                "/api/tasks/task-1/stream",
                0,
                new StreamSink() {
                    @Override
                    public void event(StreamEventPayload event, String json) {
                        events.add(event.sequence());
                    }

                    @Override
                    public void ended(StreamEnd end) {}
                },
                SILENCE);
    }

    @Test
    void aSilentConnectionIsReopenedAfterTheLastEventSeen() throws Exception {
        BlockingQueue<Long> events = new LinkedBlockingQueue<>();
        SseStream stream = open(events);
        try {
            assertThat(requests.poll(5, TimeUnit.SECONDS))
                    .extracting(Request::lastEventId)
                    .isNull();
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo(1L);
            long silentSince = System.nanoTime();
            Request resumed = requests.poll(10, TimeUnit.SECONDS);
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - silentSince);
            assertThat(resumed).as("a second request after the silence").isNotNull();
            assertThat(resumed.lastEventId()).isEqualTo("1");
            assertThat(waitedMillis).as("not before the silence limit").isGreaterThanOrEqualTo(SILENCE.toMillis() - 50);
        } finally {
            stream.close();
        }
    }

    @Test
    void keepalivesWithinTheLimitKeepTheConnection() throws Exception {
        keepaliveEveryMillis = SILENCE.toMillis() / 4;
        BlockingQueue<Long> events = new LinkedBlockingQueue<>();
        SseStream stream = open(events);
        try {
            assertThat(requests.poll(5, TimeUnit.SECONDS)).isNotNull();
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo(1L);
            assertThat(requests.poll(SILENCE.toMillis() * 4, TimeUnit.MILLISECONDS))
                    .as("no reconnect while keepalives come")
                    .isNull();
        } finally {
            stream.close();
        }
    }
}
