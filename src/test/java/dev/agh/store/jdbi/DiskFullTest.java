package dev.agh.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.api.Requests.CreateTask;
import dev.agh.api.Requests.ListTasks;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.OriginKind;
import dev.agh.service.Caller;
import dev.agh.service.LocalTaskService;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's disk fills up: writes answer STORE_FULL (507), never an internal error; nothing acknowledged is lost;
 * and once space is freed, writes work again without a restart. Runs on a small tmpfs, which needs root (CI runs
 * as root; there the test must run).
 */
class DiskFullTest {
    private static final Caller OPERATOR = Caller.human("op", OriginKind.CLI);

    @TempDir
    Path dir;

    @Test
    void aFullDiskRefusesWritesClearlyAndWritingResumesOnceSpaceIsFreed() throws Exception {
        boolean root = "0".equals(run("id", "-u").trim());
        if (!root && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("the disk-full test needs root in CI (it mounts a tmpfs)");
        }
        Assumptions.assumeTrue(root, "mounting a tmpfs needs root");
        Path mount = Files.createDirectory(dir.resolve("small-disk"));
        run("mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", mount.toString());
        try {
            exercise(mount);
        } finally {
            run("umount", "-l", mount.toString());
        }
    }

    private void exercise(Path mount) throws Exception {
        String url = "jdbc:h2:file:" + mount.resolve("agh") + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000";
        try (LocalTaskService service = new LocalTaskService(JdbiTaskStore.open(url, 2), Clock.systemUTC())) {
            List<String> acknowledged = new ArrayList<>();
            acknowledged.add(
                    service.createTask(OPERATOR, task("first", 10)).task().id());
            Path filler = mount.resolve("filler");
            fill(filler);

            AghException refused = null;
            for (int i = 0; i < 200 && refused == null; i++) {
                try {
                    acknowledged.add(service.createTask(OPERATOR, task("while full " + i, 100_000))
                            .task()
                            .id());
                } catch (AghException e) {
                    refused = e;
                }
            }
            assertThat(refused).as("a write on a full disk").isNotNull();
            assertThat(refused.code()).as(refused.getMessage()).isEqualTo(ErrorCode.STORE_FULL);

            Files.delete(filler);
            String after = null;
            for (int i = 0; i < 20 && after == null; i++) {
                try {
                    after = service.createTask(OPERATOR, task("after", 10))
                            .task()
                            .id();
                } catch (AghException e) {
                    assertThat(e.code())
                            .as(e.getMessage())
                            .isIn(ErrorCode.STORE_FULL, ErrorCode.STORE_UNAVAILABLE, ErrorCode.SERVER_UNAVAILABLE);
                    Thread.sleep(250);
                }
            }
            assertThat(after)
                    .as("a write once space is freed, without a restart")
                    .isNotNull();
            List<String> stored = service
                    .listTasks(
                            OPERATOR,
                            new ListTasks(null, null, null, null, true, null, null, null, null, null, null, 1000, null))
                    .tasks()
                    .stream()
                    .map(t -> t.id())
                    .toList();
            assertThat(stored).containsAll(acknowledged).contains(after);
        }
    }

    private static void fill(Path filler) {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // The disk is full now.
        }
    }

    private static CreateTask task(String title, int descriptionChars) {
        return new CreateTask(
                null,
                null,
                "global",
                null,
                null,
                title,
                "d".repeat(descriptionChars),
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
