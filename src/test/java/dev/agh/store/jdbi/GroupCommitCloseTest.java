package dev.agh.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.testing.Databases;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing the store lets the write in progress finish and commit: the writer is woken, not interrupted
 * (an interrupt landing in H2's file I/O closes its file channel under a commit or a compaction turn).
 */
class GroupCommitCloseTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(30)
    void closingLetsTheWriteInProgressFinish() throws Exception {
        JdbiTaskStore store = JdbiTaskStore.open(Databases.h2Url(dir), 2);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> write = CompletableFuture.supplyAsync(() -> store.write(tx -> {
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException("interrupted in the middle of a write", e);
            }
            return "committed";
        }));
        assertThat(inside.await(10, TimeUnit.SECONDS)).as("the write started").isTrue();
        Thread closer = new Thread(store::close, "closer");
        closer.start();
        Thread.sleep(200); // the close has begun and waits for the writer
        assertThat(closer.isAlive()).as("close waits for the write in progress").isTrue();
        release.countDown();
        assertThat(write.get(10, TimeUnit.SECONDS)).isEqualTo("committed");
        closer.join(10_000);
        assertThat(closer.isAlive()).as("close returned").isFalse();
    }
}
