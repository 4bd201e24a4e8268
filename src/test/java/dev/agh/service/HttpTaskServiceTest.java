package dev.agh.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.client.HttpTaskService;
import dev.agh.http.HttpServer;
import dev.agh.store.jdbi.JdbiTaskStore;
import dev.agh.testing.ContractRecorder;
import dev.agh.testing.Databases;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract through {@link HttpTaskService} against a real {@link HttpServer} on a random port,
 * backed by a {@link LocalTaskService} on H2 that shares the test's clock. Every response is checked
 * against the OpenAPI document (documented status, body schema) and every error's status against
 * its code; a test fails afterwards if any response did not conform.
 */
class HttpTaskServiceTest extends TaskServiceContract {
    private static final String TOKEN = "test-token-7f3a";

    @TempDir
    Path dataDir;

    private final ContractRecorder contract = new ContractRecorder();
    private LocalTaskService backend;
    private HttpServer server;
    private HttpTaskService client;

    @BeforeEach
    void startServer() {
        backend = new LocalTaskService(JdbiTaskStore.open(Databases.h2Url(dataDir), 4), clock);
        server = HttpServer.start(
                backend, token -> TOKEN.equals(token) ? Optional.of(CALLER) : Optional.empty(), "127.0.0.1", 0);
        client = new HttpTaskService(URI.create("http://127.0.0.1:" + server.port()), TOKEN, contract);
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
        assertThat(contract.violations())
                .as("responses that break the API contract")
                .isEmpty();
    }

    @Override
    protected TaskService service() {
        return client;
    }
}
