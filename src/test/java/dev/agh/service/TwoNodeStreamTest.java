package dev.agh.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.agh.api.Requests.CreateTask;
import dev.agh.api.Requests.UpdateTask;
import dev.agh.api.StreamEventPayload;
import dev.agh.domain.OriginKind;
import dev.agh.store.jdbi.JdbiTaskStore;
import dev.agh.testing.Databases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two services on one database, as two nodes (or a server and a CLI) are: a stream on one sees the writes
 * of the other, found by reading the event counter, in order and each once.
 */
class TwoNodeStreamTest {
    private static final Caller CALLER = Caller.human("alice", OriginKind.CLI);

    @TempDir
    Path dataDir;

    @Test
    @Timeout(60)
    void h2() throws Exception {
        String url = Databases.h2Url(dataDir);
        followsTheOtherNode(url);
    }

    @Test
    @Tag("postgres")
    @Timeout(60)
    void postgres() throws Exception {
        Databases.inFreshSchema(url -> followsTheOtherNode(url));
    }

    private static void followsTheOtherNode(String url) throws Exception {
        try (LocalTaskService reader = new LocalTaskService(JdbiTaskStore.open(url, 4), Clock.systemUTC());
                LocalTaskService writer = new LocalTaskService(JdbiTaskStore.open(url, 4), Clock.systemUTC())) {
            String root = writer.createTask(CALLER, task("Root")).task().id();
            List<Long> seen = new CopyOnWriteArrayList<>();
            TaskWatch watch = reader.watch(CALLER, root, 0, (StreamEventPayload e) -> seen.add(e.sequence()));
            try {
                List<Long> expected = new ArrayList<>(List.of(1L));
                for (int i = 0; i < 20; i++) {
                    String child = writer.createChild(CALLER, root, task("Child " + i))
                            .task()
                            .id();
                    expected.add((long) expected.size() + 1); // the child's task.created
                    expected.add((long) expected.size() + 1); // the root's task.child_created
                    long updated = writer.updateTask(
                                    CALLER,
                                    child,
                                    new UpdateTask(
                                            "Child " + i + "!", null, null, null, null, null, null, null, null, null))
                            .task()
                            .latestEventSeq();
                    expected.add(updated);
                }
                long last = expected.get(expected.size() - 1);
                await().atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(5))
                        .until(() -> watch.lastSequence() >= last);
                assertThat(seen).containsExactlyElementsOf(expected);
            } finally {
                watch.close();
                reader.closeStreams();
            }
        }
    }

    private static CreateTask task(String title) {
        return CreateTask.titled(title);
    }
}
