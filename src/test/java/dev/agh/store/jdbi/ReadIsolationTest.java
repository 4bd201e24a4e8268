package dev.agh.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.domain.Workspace;
import dev.agh.store.TaskStore;
import dev.agh.testing.Databases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link TaskStore#read} promises on both engines (its javadoc states it): a read never waits for a write
 * in progress and never sees part of one; once a write returned, every later read sees it.
 */
class ReadIsolationTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void h2ReadsSeeAcknowledgedWritesOnlyAndNeverWaitForTheWriter() throws Exception {
        try (JdbiTaskStore store = JdbiTaskStore.open(Databases.h2Url(dir), 4)) {
            readsSeeAcknowledgedWritesOnly(store);
        }
    }

    @Test
    @Tag("postgres")
    @Timeout(60)
    void postgresReadsSeeAcknowledgedWritesOnlyAndNeverWaitForTheWriter() throws Exception {
        Databases.inFreshSchema(url -> {
            try (JdbiTaskStore store = JdbiTaskStore.open(url, 4)) {
                readsSeeAcknowledgedWritesOnly(store);
            }
        });
    }

    private static void readsSeeAcknowledgedWritesOnly(TaskStore store) throws Exception {
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<Void> write = CompletableFuture.runAsync(() -> store.write(tx -> {
            tx.workspaces().insert(new Workspace("ws-one", "one", "/tmp/one", Instant.EPOCH));
            tx.workspaces().insert(new Workspace("ws-two", "two", "/tmp/two", Instant.EPOCH));
            inserted.countDown();
            await(finish);
            return null;
        }));
        try {
            assertThat(inserted.await(10, TimeUnit.SECONDS)).isTrue();
            // The write holds its transaction open: a read answers at once, without any of its rows.
            CompletableFuture<Integer> during = CompletableFuture.supplyAsync(
                    () -> store.read(tx -> tx.workspaces().list().size()));
            assertThat(during.get(5, TimeUnit.SECONDS))
                    .as("rows of a write in progress")
                    .isZero();
        } finally {
            finish.countDown();
        }
        write.get(10, TimeUnit.SECONDS);
        List<Workspace> after = store.read(tx -> tx.workspaces().list());
        assertThat(after)
                .as("both rows, once the write returned")
                .extracting(Workspace::id)
                .containsExactlyInAnyOrder("ws-one", "ws-two");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the write finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
