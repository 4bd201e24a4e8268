package dev.agh.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.api.Requests.CreateTask;
import dev.agh.api.Requests.NewSession;
import dev.agh.api.Requests.UpdateTask;
import dev.agh.domain.OriginKind;
import dev.agh.service.Authenticator;
import dev.agh.service.Caller;
import dev.agh.service.LocalTaskService;
import dev.agh.store.jdbi.JdbiTaskStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams end when they must: a reader that stopped reading is dropped once it falls 1,024 events behind (it
 * would otherwise hold a server thread and its frames for ever), and the streams of a stopped session end.
 */
class StreamReadersTest {
    static final Caller OPERATOR = Caller.human("operator", OriginKind.HTTP);

    @TempDir
    Path dataDir;

    LocalTaskService service;
    HttpServer server;

    @BeforeEach
    void start() {
        String url = "jdbc:h2:file:" + dataDir.resolve("agh").toAbsolutePath() + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000";
        service = new LocalTaskService(JdbiTaskStore.open(url, 4), Clock.systemUTC());
        Authenticator auth = token -> "op".equals(token)
                ? Optional.of(OPERATOR)
                : token == null ? Optional.empty() : service.authenticateSession(token, OriginKind.HTTP);
        server = HttpServer.start(service, auth, "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
        service.close();
    }

    @Test
    void aReaderThatStopsReadingIsDroppedOnceItFallsTooFarBehind() throws Exception {
        String task = service.createTask(OPERATOR, task("watched")).task().id();
        try (Socket stalled = openStream(task, "op")) {
            String bigTitle = "t".repeat(900);
            // About 1.4 KB a frame: 8,000 frames are more than loopback's socket buffers hold, so writes block.
            for (int i = 0; i < 8000; i++) {
                service.updateTask(
                        OPERATOR,
                        task,
                        new UpdateTask(bigTitle + i, null, null, null, null, null, null, null, null, null));
            }
            // Dropped, the stream ends after what the socket buffers already hold; kept, the reader would be handed
            // all 8,000 events (about 30 s here).
            assertThat(readsToTheEnd(stalled, Duration.ofSeconds(8)))
                    .as("the server closed the stalled stream")
                    .isTrue();
        }
        // The server still serves streams afterwards.
        try (Socket fresh = openStream(task, "op")) {
            assertThat(readHead(fresh)).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void theStreamsOfAStoppedSessionEnd() throws Exception {
        String task =
                service.createTask(OPERATOR, task("watched by an agent")).task().id();
        var session = service.createSession(OPERATOR, new NewSession("watcher", null, null, null, List.of()));
        try (Socket stream = openStream(task, session.token())) {
            assertThat(readHead(stream)).startsWith("HTTP/1.1 200");
            RawHttp.Answer stopped = RawHttp.send(
                    server.port(),
                    "POST /api/sessions/" + session.session().sessionId()
                            + "/stop HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer op\r\nContent-Type: application/json",
                    "{}");
            assertThat(stopped.status()).isEqualTo(200);
            assertThat(readsToTheEnd(stream, Duration.ofSeconds(10)))
                    .as("the stopped session's stream ended")
                    .isTrue();
        }
    }

    private Socket openStream(String task, String token) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
        socket.getOutputStream()
                .write(("GET /api/tasks/" + task + "/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                                + token + "\r\nAccept: text/event-stream\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    private static String readHead(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** Reads until the server ends the connection (true) or {@code limit} passes (false). */
    private static boolean readsToTheEnd(Socket socket, Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        byte[] buffer = new byte[64 * 1024];
        InputStream in = socket.getInputStream();
        socket.setSoTimeout(500);
        while (System.nanoTime() < deadline) {
            try {
                if (in.read(buffer) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException quiet) {
                // nothing yet
            } catch (IOException reset) {
                return true;
            }
        }
        return false;
    }

    private static CreateTask task(String title) {
        return CreateTask.titled(title);
    }
}
