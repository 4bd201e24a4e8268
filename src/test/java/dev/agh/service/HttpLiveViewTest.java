package dev.agh.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.api.ErrorBody;
import dev.agh.api.Json;
import dev.agh.client.HttpTaskService;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.ErrorKind;
import dev.agh.domain.OriginKind;
import dev.agh.http.HttpServer;
import dev.agh.store.jdbi.JdbiTaskStore;
import dev.agh.testing.ContractValidator;
import dev.agh.testing.Databases;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live views through {@link HttpTaskService} against a real {@link HttpServer} on a random port (streams
 * with a keepalive every 200 ms, so keepalives interleave with events),
 * backed by a {@link LocalTaskService} on H2 that shares the test's clock. The server tells callers apart
 * by bearer token: the operator's token, or an agent session's token (each agent gets its own client).
 * Every response is checked against the shared API contract (documented status, body schema) and every
 * error's status against its code, except the agh-extension routes {@code /api/sessions*} and {@code
 * /api/workspaces*}; a test fails afterwards if any response did not conform.
 */
class HttpLiveViewTest extends LiveViewContract {
  private static final String TOKEN = "test-operator-token-5c1e";

  @TempDir
  Path dataDir;

  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
  private final List<HttpTaskService> agentClients = Collections.synchronizedList(new ArrayList<>());
  private LocalTaskService backend;
  private HttpServer server;
  private HttpTaskService client;
  private URI base;

  @BeforeEach
  void startServer() {
    backend = new LocalTaskService(JdbiTaskStore.open(Databases.h2Url(dataDir), 4), clock);
    server = HttpServer.start(backend, token -> {
      if (TOKEN.equals(token)) {
        return Optional.of(CALLER);
      }
      return token == null ? Optional.empty() : backend.authenticateSession(token, OriginKind.HTTP);
    }, "127.0.0.1", 0, java.time.Duration.ofMillis(200));
    base = URI.create("http://127.0.0.1:" + server.port());
    client = new HttpTaskService(base, TOKEN, this::check);
  }

  @AfterEach
  void stopServer() {
    try {
      for (HttpTaskService agent : agentClients) {
        agent.close();
      }
      if (client != null) {
        client.close();
      }
      if (server != null) {
        server.close();
      }
    } finally {
      if (backend != null) {
        backend.closeStreams();
        backend.close();
      }
    }
    assertThat(violations).as("responses that break the API contract").isEmpty();
  }

  @Override
  protected TaskService service() {
    return client;
  }

  @Override
  protected LocalTaskService backend() {
    return backend;
  }

  @Override
  protected TaskService agentService(String sessionToken) {
    HttpTaskService agent = new HttpTaskService(base, sessionToken, this::check);
    agentClients.add(agent);
    return agent;
  }

  @Override
  protected List<String> rawResponses() {
    synchronized (bodies) {
      return List.copyOf(bodies);
    }
  }

  private void check(String method, String path, int status, String body) {
    bodies.add(body == null ? "" : body);
    String request = method + " " + path + " -> " + status;
    if (status / 100 != 2) {
      checkErrorStatus(request, status, body);
    }
    if (isExtension(path)) {
      return; // agh extensions, not in the contract
    }
    try {
      ContractValidator.load().assertResponse(method, path, status, body);
    } catch (AssertionError e) {
      violations.add(request + ": " + e.getMessage());
    }
  }

  private static boolean isExtension(String path) {
    return path.equals("/api/workspaces") || path.startsWith("/api/workspaces/")
        || path.equals("/api/sessions") || path.startsWith("/api/sessions/");
  }

  /** SPEC: validation 422, too large 413, unknown 404, state conflict 409, refused delete 400, 401/403 for identity. */
  private void checkErrorStatus(String request, int status, String body) {
    ErrorBody error;
    try {
      error = Json.read(body, ErrorBody.class);
    } catch (RuntimeException e) {
      violations.add(request + ": error body is not {error, code} JSON: " + body);
      return;
    }
    if (error.code() == null || error.error() == null || error.error().isBlank()) {
      violations.add(request + ": error body lacks error or code: " + body);
      return;
    }
    if (body.contains(RAW_TOKEN_PREFIX)) {
      violations.add(request + ": error body shows a raw claim token: " + body);
    }
    ErrorCode code = ErrorCode.fromName(error.code(), null);
    if (code == null) {
      violations.add(request + ": unknown error code " + error.code());
      return;
    }
    if (code.kind() == ErrorKind.INTERNAL || status >= 500) {
      violations.add(request + ": a server error is a bug (SPEC: no input may cause a 500): " + body);
      return;
    }
    int expected = switch (code.kind()) {
      case INVALID -> 422;
      case TOO_LARGE -> 413;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case REFUSED -> 400;
      case UNAUTHENTICATED -> 401;
      case FORBIDDEN -> 403;
      case UNAVAILABLE -> 503;
      case INTERNAL -> 500;
    };
    if (status != expected) {
      violations.add(request + ": code " + code + " should answer " + expected + ", body " + body);
    }
  }
}
