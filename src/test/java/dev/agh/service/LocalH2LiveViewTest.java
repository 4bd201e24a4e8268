package dev.agh.service;

import dev.agh.store.jdbi.JdbiTaskStore;
import dev.agh.testing.Databases;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The live views on {@link LocalTaskService} over an H2 file in a fresh directory per test. */
class LocalH2LiveViewTest extends ObserveContract {
    @TempDir
    Path dataDir;

    private LocalTaskService service;

    @BeforeEach
    void openService() {
        service = new LocalTaskService(JdbiTaskStore.open(Databases.h2Url(dataDir), 4), clock);
    }

    @AfterEach
    void closeService() {
        if (service != null) {
            service.closeStreams();
            service.close();
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
