package dev.agh.service;

import dev.agh.store.jdbi.JdbiTaskStore;
import dev.agh.testing.Databases;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The contract on {@link LocalTaskService} over an H2 file in a fresh directory per test. */
class LocalH2TaskServiceTest extends TaskServiceContract {
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
            service.close();
        }
    }

    @Override
    protected TaskService service() {
        return service;
    }
}
