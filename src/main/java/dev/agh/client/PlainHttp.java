package dev.agh.client;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket: what an agh command needs of a client and no more. A request is written
 * with a Content-Length; an answer is framed by Content-Length, chunked transfer coding or the end of the
 * connection. Connections are kept alive and reused (a worker, the TUI and the benchmarks make many calls);
 * a reused connection that the server closed meanwhile fails before any answer arrived, and that request
 * is sent once more on a new connection: the server never read it.
 */
final class PlainHttp implements Wire {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_IDLE = 4;

    private final ArrayDeque<Connection> idle = new ArrayDeque<>();

    @Override
    public Answer exchange(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout)
            throws IOException {
        Connection reused = takeIdle(uri);
        if (reused != null) {
            try {
                return exchangeOn(reused, method, uri, headers, body, timeout);
            } catch (NoAnswer stale) {
                reused.close(); // closed by the server while idle: it never saw this request
            }
        }
        try {
            return exchangeOn(Connection.open(uri), method, uri, headers, body, timeout);
        } catch (NoAnswer none) {
            throw none.cause;
        }
    }

    @Override
    public StreamAnswer stream(URI uri, Map<String, String> headers, Duration answerTimeout) throws IOException {
        Connection connection = Connection.open(uri);
        try {
            connection.write("GET", uri, headers, null);
            Head head = connection.readHead(answerTimeout);
            connection.socket.setSoTimeout(0); // events come when they come; the stream watches for silence itself
            return new StreamAnswer(head.status, head.body(connection, "GET"));
        } catch (NoAnswer none) {
            connection.close();
            throw none.cause;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private Answer exchangeOn(
            Connection connection, String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout)
            throws IOException {
        try {
            connection.write(method, uri, headers, body);
            Head head = connection.readHead(timeout);
            byte[] content;
            try (InputStream in = head.body(connection, method)) {
                content = in.readAllBytes();
            }
            if (head.reusable()) {
                giveBack(connection, uri);
            } else {
                connection.close();
            }
            return new Answer(head.status, new String(content, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private synchronized Connection takeIdle(URI uri) {
        for (var it = idle.iterator(); it.hasNext(); ) {
            Connection connection = it.next();
            if (connection.serves(uri)) {
                it.remove();
                return connection;
            }
        }
        return null;
    }

    private synchronized void giveBack(Connection connection, URI uri) {
        if (idle.size() >= MAX_IDLE) {
            connection.close();
        } else {
            idle.push(connection);
        }
    }

    /** The request failed before any byte of an answer arrived (a write failed, or the connection was closed). */
    private static final class NoAnswer extends IOException {
        private static final long serialVersionUID = 1L;
        final IOException cause;

        NoAnswer(IOException cause) {
            super(cause);
            this.cause = cause;
        }
    }

    /** The status line and the headers that frame the body. */
    private record Head(int status, long contentLength, boolean chunked, boolean close) {
        boolean reusable() {
            return !close && (chunked || contentLength >= 0);
        }

        InputStream body(Connection connection, String method) {
            if (method.equals("HEAD") || status == 204 || status == 304 || status / 100 == 1) {
                return InputStream.nullInputStream();
            }
            if (chunked) {
                return new HttpBodies.ChunkedBody(connection.in, connection::close);
            }
            if (contentLength >= 0) {
                return new HttpBodies.FixedBody(connection.in, connection::close, contentLength);
            }
            return new HttpBodies.UntilEnd(connection.in, connection::close);
        }
    }

    private static final class Connection {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final String authority;

        private Connection(Socket socket, String authority) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            this.out = socket.getOutputStream();
            this.authority = authority;
        }

        static Connection open(URI uri) throws IOException {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(uri.getHost(), port(uri)), (int) CONNECT_TIMEOUT.toMillis());
                return new Connection(socket, authority(uri));
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }

        boolean serves(URI uri) {
            return authority.equals(authority(uri)) && !socket.isClosed();
        }

        void write(String method, URI uri, Map<String, String> headers, byte[] body) throws NoAnswer {
            StringBuilder head = new StringBuilder(256);
            String target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            head.append(method).append(' ').append(target);
            if (uri.getRawQuery() != null) {
                head.append('?').append(uri.getRawQuery());
            }
            head.append(" HTTP/1.1\r\nHost: ").append(authority).append("\r\n");
            headers.forEach((name, value) ->
                    head.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                head.append("Content-Length: 0\r\n");
            }
            head.append("\r\n");
            try {
                byte[] bytes = head.toString().getBytes(StandardCharsets.UTF_8);
                if (body == null || bytes.length + body.length > 64 * 1024) {
                    out.write(bytes);
                    if (body != null) {
                        out.write(body);
                    }
                } else {
                    byte[] whole = new byte[bytes.length + body.length]; // one segment for a small request
                    System.arraycopy(bytes, 0, whole, 0, bytes.length);
                    System.arraycopy(body, 0, whole, bytes.length, body.length);
                    out.write(whole);
                }
                out.flush();
            } catch (IOException e) {
                throw new NoAnswer(e);
            }
        }

        Head readHead(Duration timeout) throws IOException {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
            int first;
            try {
                first = in.read();
            } catch (java.net.SocketTimeoutException slow) {
                throw slow; // the server has the request and is slow: sending it again could do it twice
            } catch (IOException e) {
                throw new NoAnswer(e);
            }
            if (first < 0) {
                throw new NoAnswer(new EOFException("the server closed the connection without answering"));
            }
            String statusLine = (char) first + HttpBodies.line(in);
            while (true) {
                int status = status(statusLine);
                long length = -1;
                boolean chunked = false;
                boolean close = false;
                for (String header = HttpBodies.line(in); !header.isEmpty(); header = HttpBodies.line(in)) {
                    int colon = header.indexOf(':');
                    if (colon <= 0) {
                        continue;
                    }
                    String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                    String value = header.substring(colon + 1).trim();
                    switch (name) {
                        case "content-length" -> length = parseLength(value);
                        case "transfer-encoding" ->
                            chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                        case "connection" -> close = value.equalsIgnoreCase("close");
                        default -> {}
                    }
                }
                if (status == 100) {
                    statusLine = HttpBodies.line(in); // an interim answer: the real one follows
                    continue;
                }
                return new Head(status, length, chunked, close);
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // a connection we are done with
            }
        }

        private static int status(String statusLine) throws IOException {
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP answer: " + clip(statusLine));
            }
            try {
                return Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("not an HTTP status line: " + clip(statusLine), e);
            }
        }

        private static long parseLength(String value) throws IOException {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length: " + clip(value), e);
            }
        }

        private static String clip(String text) {
            return text.length() > 80 ? text.substring(0, 80) + "..." : text;
        }

        private static int port(URI uri) {
            return uri.getPort() == -1 ? 80 : uri.getPort();
        }

        private static String authority(URI uri) {
            return uri.getHost() + ":" + port(uri);
        }
    }
}
