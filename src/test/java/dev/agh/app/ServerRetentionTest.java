package dev.agh.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agh.api.Requests.Cancel;
import dev.agh.api.Requests.CreateTask;
import dev.agh.client.HttpTaskService;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.OriginKind;
import dev.agh.service.Caller;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code agh serve --retain AGE}: the server prunes finished trees by itself, and leaves open work alone. */
class ServerRetentionTest {
    private static final Caller OPERATOR = Caller.human("tester", OriginKind.HTTP);

    @TempDir
    Path home;

    @Test
    @Timeout(60)
    void aServerThatRetainsNothingPrunesFinishedTreesByItself() throws Exception {
        AppConfig config = new AppConfig(home, null, null, null, null, "tester");
        try (Server server = Server.start(config, "127.0.0.1", 0, Server.AuthMode.TOKEN);
                HttpTaskService client = new HttpTaskService(
                        URI.create(server.url()),
                        Files.readString(home.resolve("operator.token")).trim())) {
            String canceled =
                    client.createTask(OPERATOR, task("given up")).task().id();
            client.cancelTask(OPERATOR, canceled, new Cancel("not needed", null));
            String open =
                    client.createTask(OPERATOR, task("still wanted")).task().id();

            server.retain(Duration.ZERO);

            await("the canceled task pruned")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> isGone(client, canceled));
            assertThat(client.getTask(OPERATOR, open).task().task().id()).isEqualTo(open);
        }
    }

    private static boolean isGone(HttpTaskService client, String taskId) {
        try {
            client.getTask(OPERATOR, taskId);
            return false;
        } catch (AghException e) {
            return e.code() == ErrorCode.TASK_NOT_FOUND;
        }
    }

    private static CreateTask task(String title) {
        return CreateTask.titled(title);
    }
}
