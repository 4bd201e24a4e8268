package dev.agh.client;

import dev.agh.api.ErrorBody;
import dev.agh.api.Json;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

/** JSON over HTTP with a bearer token; error bodies become {@link AghException}s with their codes. */
final class Transport {
    /**
     * How long a stream request waits for the status line. The server answers before it replays
     * anything, so a longer wait means a connection nobody serves (a server stopping as it was
     * reached); the stream then tries again instead of hanging.
     */
    static final Duration STREAM_ANSWER_TIMEOUT = Duration.ofSeconds(10);
    /** How long any other answer may take: longer than the longest wait of a waiting claim. */
    static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(6);

    /** How often a request is sent again to a server started anew (see {@link #relocator}). */
    private static final int MAX_RELOCATIONS = 3;

    private final Wire wire;
    /** The server; another one once the server of a data directory was started anew. */
    private volatile URI base;
    /**
     * Finds (and starts, if need be) the server of a data directory again, after its server refused the
     * connection (it died or stopped) or answered that it is stopping; null for a server given by address.
     */
    private final Supplier<URI> relocator;

    private final String token;
    private final ResponseListener listener;
    /** The agent session the operator acts as ({@code X-AGH-Session-ID}), or null. */
    private final String actingSession;

    Transport(URI base, String token, ResponseListener listener) {
        this(base, token, listener, null);
    }

    Transport(URI base, String token, ResponseListener listener, String actingSession) {
        this(base, token, listener, actingSession, null);
    }

    Transport(URI base, String token, ResponseListener listener, String actingSession, Supplier<URI> relocator) {
        this.relocator = relocator;
        this.actingSession = actingSession;
        this.listener = listener;
        this.wire = Wire.forScheme(base.getScheme());
        this.base = base;
        this.token = token;
    }

    /** Sends the request and returns the body of a 2xx response (empty for 204). */
    String send(String method, String path, Map<String, ?> query, Object body) {
        Map<String, String> headers = headers("application/json");
        byte[] content = null;
        if (body != null) {
            headers.put("Content-Type", "application/json");
            content = Json.write(body).getBytes(StandardCharsets.UTF_8);
        }
        for (int relocations = 0; ; relocations++) {
            URI uri = base.resolve(path + queryString(query));
            Wire.Answer answer;
            try {
                answer = wire.exchange(method, uri, headers, content, REQUEST_TIMEOUT);
            } catch (ConnectException refused) {
                // Nothing was sent: the server is gone. The data directory's next server may take the request.
                if (relocations < MAX_RELOCATIONS && relocate()) {
                    continue;
                }
                throw unreachable(refused);
            } catch (IOException e) {
                throw unreachable(e);
            }
            listener.received(method, uri.getRawPath(), answer.status(), answer.body());
            if (answer.status() / 100 == 2) {
                return answer.body();
            }
            AghException failure = failure(answer.status(), answer.body());
            if (failure.code() == ErrorCode.SERVER_STOPPING && relocations < MAX_RELOCATIONS && relocate()) {
                continue; // refused before it ran: the server was closing
            }
            throw failure;
        }
    }

    /** Points this client at the data directory's server, started anew if need be; false when it cannot. */
    private boolean relocate() {
        if (relocator == null) {
            return false;
        }
        URI before = base;
        URI after = relocator.get();
        if (after.equals(before)) {
            pause(); // the stopping server has not withdrawn its address yet
        }
        base = after;
        return true;
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The server this client talks to now. */
    URI base() {
        return base;
    }

    /**
     * Opens a server-sent event stream and returns its body once the server answered 2xx; an error
     * answer becomes an {@link AghException} like any other call's.
     *
     * @param lastEventId sent as {@code Last-Event-ID} when not null (it overrides an {@code after_sequence})
     */
    InputStream openEventStream(String path, Map<String, ?> query, Long lastEventId) {
        Map<String, String> headers = headers("text/event-stream");
        if (lastEventId != null) {
            headers.put("Last-Event-ID", Long.toString(lastEventId));
        }
        Wire.StreamAnswer answer;
        URI uri = base.resolve(path + queryString(query));
        try {
            answer = wire.stream(uri, headers, STREAM_ANSWER_TIMEOUT);
        } catch (ConnectException refused) {
            if (!relocate()) {
                throw unreachable(refused);
            }
            uri = base.resolve(path + queryString(query));
            try {
                answer = wire.stream(uri, headers, STREAM_ANSWER_TIMEOUT);
            } catch (IOException e) {
                throw unreachable(e);
            }
        } catch (IOException e) {
            throw unreachable(e);
        }
        if (answer.status() / 100 == 2) {
            return answer.body();
        }
        String body;
        try (InputStream in = answer.body()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            body = "";
        }
        listener.received("GET", uri.getRawPath(), answer.status(), body);
        throw failure(answer.status(), body);
    }

    private Map<String, String> headers(String accept) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", accept);
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (actingSession != null) {
            headers.put("X-AGH-Session-ID", actingSession);
        }
        return headers;
    }

    private AghException unreachable(IOException e) {
        return new AghException(
                ErrorCode.SERVER_UNAVAILABLE, "cannot reach agh server at " + base + ": " + describe(e), e);
    }

    /** Reports one received event frame of a stream to the listener (for contract checks). */
    void receivedFrame(String path, String frame) {
        listener.received("GET", path, 200, frame);
    }

    /** Calls {@code operation} (its method from the one table of operations) at {@code path}, its filled-in template. */
    <T> T call(dev.agh.api.Operation operation, String path, Map<String, ?> query, Object body, Class<T> type) {
        return call(operation.method(), path, query, body, type);
    }

    String send(dev.agh.api.Operation operation, String path, Map<String, ?> query, Object body) {
        return send(operation.method(), path, query, body);
    }

    <T> T call(String method, String path, Map<String, ?> query, Object body, Class<T> type) {
        return Json.read(send(method, path, query, body), type);
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String queryString(Map<String, ?> query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        StringJoiner joined = new StringJoiner("&", "?", "");
        query.forEach((k, v) -> joined.add(segment(k) + "=" + segment(String.valueOf(v))));
        return joined.toString();
    }

    private static AghException failure(int status, String responseBody) {
        ErrorCode fallback = switch (status) {
            case 400 -> ErrorCode.TASK_HAS_OPEN_RUNS;
            case 401 -> ErrorCode.UNAUTHENTICATED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.ROUTE_NOT_FOUND;
            case 409 -> ErrorCode.INVALID_TRANSITION;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 422 -> ErrorCode.VALIDATION_FAILED;
            case 503 -> ErrorCode.SERVER_UNAVAILABLE;
            case 507 -> ErrorCode.STORE_FULL;
            default -> ErrorCode.INTERNAL_ERROR;
        };
        try {
            ErrorBody body = Json.read(responseBody, ErrorBody.class);
            return new AghException(ErrorCode.fromName(body.code(), fallback), body.error());
        } catch (RuntimeException notJson) {
            return new AghException(fallback, "server answered " + status);
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
