package dev.agh.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.client.HttpTaskService;
import dev.agh.domain.OriginKind;
import dev.agh.http.HttpServer;
import dev.agh.store.jdbi.JdbiTaskStore;
import dev.agh.testing.ContractRecorder;
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
 * The run lifecycle through {@link HttpTaskService} against a real {@link HttpServer} on a random port,
 * backed by a {@link LocalTaskService} on H2 that shares the test's clock. The server tells callers apart
 * by bearer token: the operator's token, or an agent session's token (each agent gets its own client).
 * Every response is checked against the OpenAPI document (documented status, body schema) and every
 * error's status against its code, except the agh-extension routes {@code /api/sessions*} and {@code
 * /api/workspaces*}; a test fails afterwards if any response did not conform.
 */
class HttpRunLifecycleTest extends RunLifecycleContract {
    private static final String TOKEN = "test-operator-token-5c1e";

    @TempDir
    Path dataDir;

    private final ContractRecorder contract = new ContractRecorder();
    private final List<HttpTaskService> agentClients = Collections.synchronizedList(new ArrayList<>());
    private LocalTaskService backend;
    private HttpServer server;
    private HttpTaskService client;
    private URI base;

    @BeforeEach
    void startServer() {
        backend = new LocalTaskService(JdbiTaskStore.open(Databases.h2Url(dataDir), 4), clock);
        server = HttpServer.start(
                backend,
                token -> {
                    if (TOKEN.equals(token)) {
                        return Optional.of(CALLER);
                    }
                    return token == null ? Optional.empty() : backend.authenticateSession(token, OriginKind.HTTP);
                },
                "127.0.0.1",
                0);
        base = URI.create("http://127.0.0.1:" + server.port());
        client = new HttpTaskService(base, TOKEN, contract);
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

    @Override
    protected LocalTaskService backend() {
        return backend;
    }

    @Override
    protected TaskService agentService(String sessionToken) {
        HttpTaskService agent = new HttpTaskService(base, sessionToken, contract);
        agentClients.add(agent);
        return agent;
    }

    @Override
    protected List<String> rawResponses() {
        return contract.bodies();
    }
}
