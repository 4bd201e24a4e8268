package dev.agh.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.api.ErrorBody;
import dev.agh.api.Json;
import dev.agh.client.HttpTaskService;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.ErrorKind;
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
 * The contract through {@link HttpTaskService} against a real {@link HttpServer} on a random port,
 * backed by a {@link LocalTaskService} on H2 that shares the test's clock. Every response is checked
 * against the shared API contract (documented status, body schema) and every error's status against
 * its code; a test fails afterwards if any response did not conform.
 */
class HttpTaskServiceTest extends TaskServiceContract {
  private static final String TOKEN = "test-token-7f3a";

  @TempDir
  Path dataDir;

  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private LocalTaskService backend;
  private HttpServer server;
  private HttpTaskService client;

  @BeforeEach
  void startServer() {
    backend = new LocalTaskService(JdbiTaskStore.open(Databases.h2Url(dataDir), 4), clock);
    server = HttpServer.start(backend, token -> TOKEN.equals(token) ? Optional.of(CALLER) : Optional.empty(),
        "127.0.0.1", 0);
    client = new HttpTaskService(URI.create("http://127.0.0.1:" + server.port()), TOKEN, this::check);
  }

  @AfterEach
  void stopServer() {
    try {
      if (client != null) {
        client.close();
      }
      if (server != null) {
        server.close();
      }
    } finally {
      if (backend != null) {
        backend.close();
      }
    }
    assertThat(violations).as("responses that break the API contract").isEmpty();
  }

  @Override
  protected TaskService service() {
    return client;
  }

  private void check(String method, String path, int status, String body) {
    String request = method + " " + path + " -> " + status;
    if (status / 100 != 2) {
      checkErrorStatus(request, status, body);
    }
    if (path.equals("/api/workspaces") || path.startsWith("/api/workspaces/")) {
      return; // an agh extension, not in the contract
    }
    try {
      ContractValidator.load().assertResponse(method, path, status, body);
    } catch (AssertionError e) {
      violations.add(request + ": " + e.getMessage());
    }
  }

  /** SPEC: validation 422, too large 413, unknown 404, state conflict 409, refused delete 400. */
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
    ErrorCode code = ErrorCode.fromName(error.code(), null);
    if (code == null) {
      violations.add(request + ": unknown error code " + error.code());
      return;
    }
    if (code.kind() == ErrorKind.INTERNAL || status >= 500) {
      violations.add(request + ": a server error is a bug (SPEC: no input may cause a 500): " + body);
      return;
    }
    int expected = expectedStatus(code.kind());
    if (status != expected) {
      violations.add(request + ": code " + code + " should answer " + expected + ", body " + body);
    }
  }

  private static int expectedStatus(ErrorKind kind) {
    return switch (kind) {
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
  }
}
