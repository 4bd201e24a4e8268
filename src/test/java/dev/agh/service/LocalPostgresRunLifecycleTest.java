package dev.agh.service;

import dev.agh.store.jdbi.JdbiTaskStore;
import dev.agh.testing.Databases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * The run lifecycle on {@link LocalTaskService} over PostgreSQL, each test in a fresh schema. Needs {@code
 * AGH_TEST_POSTGRES_URL}; skipped without it, except in CI where its absence fails.
 */
@Tag("postgres")
class LocalPostgresRunLifecycleTest extends RunLifecycleContract {
    private String url;
    private LocalTaskService service;

    @BeforeEach
    void openService() {
        url = Databases.postgresUrl();
        service = new LocalTaskService(JdbiTaskStore.open(url, 4), clock);
    }

    @AfterEach
    void closeService() {
        try {
            if (service != null) {
                service.close();
            }
        } finally {
            Databases.dropSchema(url);
        }
    }

    @Override
    protected TaskService service() {
        return service;
    }

    @Override
    protected LocalTaskService backend() {
        return service;
    }

    @Override
    protected TaskService agentService(String sessionToken) {
        return service;
    }
}
