package dev.agh.service;

import dev.agh.store.jdbi.JdbiTaskStore;
import dev.agh.testing.Databases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/** The live views on {@link LocalTaskService} over PostgreSQL, each test in a fresh schema. */
@Tag("postgres")
class LocalPostgresLiveViewTest extends ObserveContract {
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
                service.closeStreams();
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
