package dev.agh.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.api.Requests.BackupStore;
import dev.agh.api.Requests.CreateTask;
import dev.agh.domain.OriginKind;
import dev.agh.service.Caller;
import dev.agh.service.LocalTaskService;
import dev.agh.testing.Databases;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An online backup taken while four writers create tasks as fast as they can: the copy opens as a store of its
 * own, passes the check, and holds every task whose creation was acknowledged before the backup began.
 */
class BackupUnderLoadTest {
    private static final Caller OPERATOR = Caller.human("op", OriginKind.CLI);

    @TempDir
    Path live;

    @TempDir
    Path restored;

    @Test
    @Timeout(120)
    void aBackupUnderLoadHoldsEveryAcknowledgedWriteOfThatMoment() throws Exception {
        Path backup = live.resolve("backup.zip");
        List<String> before;
        try (LocalTaskService service =
                new LocalTaskService(JdbiTaskStore.open(Databases.h2Url(live), 4), Clock.systemUTC())) {
            Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                Thread thread = new Thread(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        acknowledged.add(
                                service.createTask(OPERATOR, CreateTask.titled("writer " + writer + " task " + i))
                                        .task()
                                        .id());
                    }
                });
                thread.start();
                writers.add(thread);
            }
            Thread.sleep(700);
            before = List.copyOf(acknowledged);
            service.backupStore(OPERATOR, new BackupStore(backup.toString()));
            Thread.sleep(300);
            stop.set(true);
            for (Thread thread : writers) {
                thread.join();
            }
            assertThat(acknowledged.size())
                    .as("the writers kept writing during the backup")
                    .isGreaterThan(before.size());
        }
        assertThat(before).as("writes acknowledged before the backup").hasSizeGreaterThan(20);

        try (ZipFile zip = new ZipFile(backup.toFile())) {
            ZipEntry entry = zip.getEntry("agh.mv.db");
            assertThat(entry).as("the zip holds the store file").isNotNull();
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, restored.resolve("agh.mv.db"));
            }
        }
        try (LocalTaskService copy =
                new LocalTaskService(JdbiTaskStore.open(Databases.h2Url(restored), 2), Clock.systemUTC())) {
            assertThat(copy.checkStore(OPERATOR).store().problems()).isEmpty();
            for (String id : before) {
                assertThat(copy.getTask(OPERATOR, id).task().task().id()).isEqualTo(id);
            }
        }
    }
}
