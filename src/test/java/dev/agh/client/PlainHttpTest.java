package dev.agh.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hand-written HTTP/1.1 client against a scripted server: framing, reuse and the failures between them. */
class PlainHttpTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private ScriptedServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void readsAChunkedAnswer() throws Exception {
        server = new ScriptedServer((request, out) -> write(
                out,
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n"));
        Wire.Answer answer = new PlainHttp().exchange("GET", server.uri("/x"), Map.of(), null, TIMEOUT);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("hello, world");
    }

    /** Jetty sends the CRLF that ends a chunk together with the next chunk: an event must not wait for it. */
    @Test
    void aStreamedChunkArrivesBeforeTheNextOneIsSent() throws Exception {
        java.util.concurrent.CountDownLatch firstRead = new java.util.concurrent.CountDownLatch(1);
        server = new ScriptedServer((request, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nevent1");
            try {
                if (!firstRead.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    throw new IOException("the client did not get the first chunk on its own");
                }
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            write(out, "\r\n6\r\nevent2\r\n0\r\n\r\n");
        });
        Wire.StreamAnswer stream = new PlainHttp().stream(server.uri("/s"), Map.of(), TIMEOUT);
        try (java.io.InputStream body = stream.body()) {
            assertThat(new String(body.readNBytes(6), StandardCharsets.UTF_8)).isEqualTo("event1");
            firstRead.countDown();
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("event2");
        }
    }

    @Test
    void reusesAKeptAliveConnectionAndSendsTheBody() throws Exception {
        server = new ScriptedServer((request, out) -> {
            String reply = "got " + request;
            write(
                    out,
                    "HTTP/1.1 201 Created\r\nContent-Length: " + reply.getBytes(StandardCharsets.UTF_8).length
                            + "\r\n\r\n" + reply);
        });
        PlainHttp http = new PlainHttp();
        for (int i = 0; i < 3; i++) {
            Wire.Answer answer = http.exchange(
                    "POST",
                    server.uri("/tasks"),
                    Map.of("Content-Type", "application/json"),
                    ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8),
                    TIMEOUT);
            assertThat(answer.status()).isEqualTo(201);
            assertThat(answer.body()).isEqualTo("got POST /tasks {\"n\":" + i + "}");
        }
        assertThat(server.connections.get()).isEqualTo(1);
    }

    @Test
    void sendsARequestAgainWhenTheReusedConnectionWasClosedWhileIdle() throws Exception {
        server = new ScriptedServer((request, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            if (request.startsWith("GET /a")) {
                throw new IOException("closes the kept-alive connection right after: its idle timeout, say");
            }
        });
        PlainHttp http = new PlainHttp();
        assertThat(http.exchange("GET", server.uri("/a"), Map.of(), null, TIMEOUT)
                        .body())
                .isEqualTo("ok");
        Wire.Answer again = http.exchange("GET", server.uri("/b"), Map.of(), null, TIMEOUT);
        assertThat(again.body()).isEqualTo("ok");
        assertThat(server.requests).containsExactly("GET /a ", "GET /b ");
        assertThat(server.connections.get()).isEqualTo(2);
    }

    @Test
    void failsWhenTheServerClosesInTheMiddleOfTheBody() throws Exception {
        server = new ScriptedServer((request, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly a part");
            throw new IOException("hang up");
        });
        assertThatThrownBy(() -> new PlainHttp().exchange("GET", server.uri("/x"), Map.of(), null, TIMEOUT))
                .isInstanceOf(IOException.class);
        assertThat(server.requests).hasSize(1); // a request the server answered in part is not sent again
    }

    @Test
    void readsUntilTheEndWhenTheAnswerHasNoLength() throws Exception {
        server = new ScriptedServer((request, out) -> {
            write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of it");
            throw new IOException("done");
        });
        assertThat(new PlainHttp()
                        .exchange("GET", server.uri("/x"), Map.of(), null, TIMEOUT)
                        .body())
                .isEqualTo("all of it");
    }

    @Test
    void refusedConnectionIsAnIoError() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + port + "/x");
        assertThatThrownBy(() -> new PlainHttp().exchange("GET", nowhere, Map.of(), null, TIMEOUT))
                .isInstanceOf(java.net.ConnectException.class);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Answers each request with a script; records "METHOD PATH BODY" of every request it read. */
    private static final class ScriptedServer implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0);
        final AtomicInteger connections = new AtomicInteger();
        final List<String> requests = new CopyOnWriteArrayList<>();
        final List<Socket> open = new CopyOnWriteArrayList<>();
        private final BiConsumerIo script;

        ScriptedServer(BiConsumerIo script) throws IOException {
            this.script = script;
            Thread acceptor = new Thread(this::accept, "scripted-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
        }

        void closeOpenConnections() throws IOException {
            for (Socket s : open) {
                s.close();
            }
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    connections.incrementAndGet();
                    open.add(s);
                    Thread t = new Thread(() -> serve(s));
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket s) {
            try (s) {
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                while (true) {
                    String requestLine = in.readLine();
                    if (requestLine == null) {
                        return;
                    }
                    int length = 0;
                    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                            length = Integer.parseInt(line.substring(15).trim());
                        }
                    }
                    char[] body = new char[length];
                    for (int read = 0; read < length; ) {
                        read += in.read(body, read, length - read);
                    }
                    String[] parts = requestLine.split(" ");
                    String request = parts[0] + " " + parts[1] + " " + new String(body);
                    requests.add(request);
                    script.accept(request, s.getOutputStream());
                }
            } catch (IOException e) {
                // the script hung up, or the test closed the connection
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            closeOpenConnections();
        }
    }

    @FunctionalInterface
    private interface BiConsumerIo {
        void accept(String request, OutputStream out) throws IOException;
    }
}
