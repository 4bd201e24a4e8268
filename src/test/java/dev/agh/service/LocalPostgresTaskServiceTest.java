package dev.agh.service;

import dev.agh.store.jdbi.JdbiTaskStore;
import dev.agh.testing.Databases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * The contract on {@link LocalTaskService} over PostgreSQL, each test in a fresh schema (which also
 * proves the migrations work outside {@code public}). Needs {@code AGH_TEST_POSTGRES_URL}; skipped
 * without it, except in CI where its absence fails.
 */
@Tag("postgres")
class LocalPostgresTaskServiceTest extends TaskServiceContract {
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
}
