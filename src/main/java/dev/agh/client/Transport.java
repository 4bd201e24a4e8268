package dev.agh.client;

import dev.agh.api.ErrorBody;
import dev.agh.api.Json;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** JSON over HTTP with a bearer token; error bodies become {@link AghException}s with their codes. */
final class Transport {
  /**
   * How long a stream request waits for the status line. The server answers before it replays
   * anything, so a longer wait means a connection nobody serves (a server stopping as it was
   * reached); the stream then tries again instead of hanging.
   */
  static final Duration STREAM_ANSWER_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http;
  private final URI base;
  private final String token;
  private final ResponseListener listener;
  /** The agent session the operator acts as ({@code X-AGH-Session-ID}), or null. */
  private final String actingSession;

  Transport(URI base, String token, ResponseListener listener) {
    this(base, token, listener, null);
  }

  Transport(URI base, String token, ResponseListener listener, String actingSession) {
    this.actingSession = actingSession;
    this.listener = listener;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    this.base = base;
    this.token = token;
  }

  /** Sends the request and returns the body of a 2xx response (empty for 204). */
  String send(String method, String path, Map<String, ?> query, Object body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path + queryString(query)))
        .timeout(Duration.ofMinutes(6))
        .header("Accept", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (actingSession != null) {
      request.header("X-AGH-Session-ID", actingSession);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AghException(ErrorCode.SERVER_UNAVAILABLE, "cannot reach agh server at " + base + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AghException(ErrorCode.SERVER_UNAVAILABLE, "interrupted while calling " + base, e);
    }
    listener.received(method, request.build().uri().getRawPath(), response.statusCode(), response.body());
    if (response.statusCode() / 100 == 2) {
      return response.body();
    }
    throw failure(response.statusCode(), response.body());
  }

  /**
   * Opens a server-sent event stream and returns its body once the server answered 2xx; an error
   * answer becomes an {@link AghException} like any other call's.
   *
   * @param lastEventId sent as {@code Last-Event-ID} when not null (it overrides an {@code after_sequence})
   */
  InputStream openEventStream(String path, Map<String, ?> query, Long lastEventId) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path + queryString(query)))
        .timeout(STREAM_ANSWER_TIMEOUT)
        .header("Accept", "text/event-stream")
        .GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (lastEventId != null) {
      request.header("Last-Event-ID", Long.toString(lastEventId));
    }
    HttpResponse<InputStream> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new AghException(ErrorCode.SERVER_UNAVAILABLE, "cannot reach agh server at " + base + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AghException(ErrorCode.SERVER_UNAVAILABLE, "interrupted while calling " + base, e);
    }
    if (response.statusCode() / 100 == 2) {
      return response.body();
    }
    String body;
    try (InputStream in = response.body()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      body = "";
    }
    listener.received("GET", request.build().uri().getRawPath(), response.statusCode(), body);
    throw failure(response.statusCode(), body);
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

  static Map<String, Object> query(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      if (keyValues[i + 1] != null) {
        map.put((String) keyValues[i], keyValues[i + 1]);
      }
    }
    return map;
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
