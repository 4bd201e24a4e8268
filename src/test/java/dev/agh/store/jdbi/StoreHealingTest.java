package dev.agh.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.agh.api.Requests.CreateTask;
import dev.agh.api.Requests.ListTasks;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.OriginKind;
import dev.agh.service.Caller;
import dev.agh.service.LocalTaskService;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database closed under the service (as H2 does itself after an I/O error) answers "unavailable", not a bug,
 * and the service works again as soon as the database can be opened: no restart.
 */
class StoreHealingTest {
    private static final Caller OPERATOR = Caller.human("op", OriginKind.CLI);

    @TempDir
    Path dir;

    @Test
    void aDatabaseClosedUnderTheServiceIsUnavailableAndThenHeals() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("agh").toAbsolutePath() + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000";
        try (LocalTaskService service = new LocalTaskService(JdbiTaskStore.open(url, 2), Clock.systemUTC())) {
            String before = service.createTask(OPERATOR, task("before")).task().id();
            assertThat(list(service)).isEqualTo(1);

            try (Connection other = DriverManager.getConnection(url)) {
                other.createStatement().execute("SHUTDOWN");
            }

            // Every failure meanwhile is the documented "unavailable", never an internal error.
            for (int i = 0; i < 3; i++) {
                Throwable read = catchThrowable(() -> list(service));
                if (read != null) {
                    assertThat(read).isInstanceOf(AghException.class);
                    assertThat(((AghException) read).code()).isEqualTo(ErrorCode.STORE_UNAVAILABLE);
                }
                Throwable write = catchThrowable(() -> service.createTask(OPERATOR, task("during")));
                if (write != null) {
                    assertThat(write).isInstanceOf(AghException.class);
                    assertThat(((AghException) write).code())
                            .isIn(ErrorCode.STORE_UNAVAILABLE, ErrorCode.SERVER_UNAVAILABLE);
                }
            }

            String after = service.createTask(OPERATOR, task("after")).task().id();
            assertThat(service.getTask(OPERATOR, before).task().task().id()).isEqualTo(before);
            assertThat(service.getTask(OPERATOR, after).task().task().title()).isEqualTo("after");
        }
    }

    private static int list(LocalTaskService service) {
        return service.listTasks(
                        OPERATOR,
                        new ListTasks(null, null, null, null, true, null, null, null, null, null, null, 100, null))
                .tasks()
                .size();
    }

    private static CreateTask task(String title) {
        return CreateTask.titled(title);
    }
}
