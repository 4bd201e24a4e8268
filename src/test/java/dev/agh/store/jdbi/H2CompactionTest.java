package dev.agh.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.api.Requests.CompleteRun;
import dev.agh.api.Requests.CreateTask;
import dev.agh.api.Requests.ListTasks;
import dev.agh.api.Requests.NewSession;
import dev.agh.domain.Actor;
import dev.agh.domain.Limits;
import dev.agh.domain.OriginKind;
import dev.agh.domain.TaskStatus;
import dev.agh.service.Caller;
import dev.agh.service.LocalTaskService;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded file is compacted while the store serves writes: without it, the chunks that keep a
 * page of a finished task stay in the file for good and it grows with every task.
 */
class H2CompactionTest {
    private static final Caller OPERATOR = Caller.human("op", OriginKind.CLI);
    private static final int CYCLES = 100;
    private static final int ROWS = 4000;
    private static final int UPDATES = 300;

    @TempDir
    Path dir;

    /** Retention 0: chunks may be rewritten at once, so the test needs no 45 s wait. */
    private String url() {
        return "jdbc:h2:file:" + dir.resolve("agh") + ";WRITE_DELAY=0;RETENTION_TIME=0";
    }

    @Test
    void aTurnRewritesSparseChunksAndLosesNothing() throws Exception {
        // Plain JDBC, no store: no writer that could compact on its own while the chunks are made.
        try (Connection connection = DriverManager.getConnection(url())) {
            makeSparseChunks(connection);
            H2Compaction compaction = H2Compaction.of(connection);
            assertThat(compaction).isNotNull();
            int before = compaction.chunksFillRate();
            assertThat(before).as("live share of the chunks before").isLessThan(50);
            assertThat(compaction.runTurn()).isTrue();
            for (int turn = 0; turn < 200 && compaction.runTurn(); turn++) {
                // each turn moves at most WRITE_LIMIT live bytes; the newest chunks are never rewritten
            }
            assertThat(compaction.chunksFillRate())
                    .as("live share of the chunks after")
                    .isGreaterThan(before + 20);
        }
        try (Connection reopened = DriverManager.getConnection(url());
                Statement statement = reopened.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*), SUM(version) FROM pages")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(ROWS);
            assertThat(rows.getLong(2)).isEqualTo(ROWS + 2L * UPDATES);
        }
    }

    @Test
    void theWriterCompactsWhenItHasNothingElseToDo() throws Exception {
        try (LocalTaskService service = new LocalTaskService(JdbiTaskStore.open(url(), 2), Clock.systemUTC());
                Connection connection = DriverManager.getConnection(url())) {
            runCycles(service);
            makeSparseChunks(connection); // no write of the store meanwhile, so no turn of its writer
            H2Compaction probe = H2Compaction.of(connection);
            int before = probe.chunksFillRate();
            assertThat(before).isLessThan(50);
            // Idle for longer than IDLE_EVERY_NANOS, then writes: each batch is followed by a turn when due.
            for (int i = 0; i < 20; i++) {
                Thread.sleep(H2Compaction.IDLE_EVERY_NANOS / 1_000_000 + 20);
                service.createTask(OPERATOR, task("after " + i));
            }
            assertThat(probe.chunksFillRate()).isGreaterThan(before);
        }
        assertEveryTaskCompletedAfterReopening();
    }

    /**
     * Chunks with a little live data each, as a queue leaves them: every commit writes one hot row (dead by
     * the next commit) and one of many cold rows (live until its turn comes again).
     */
    private static void makeSparseChunks(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute(
                    "CREATE TABLE pages (id INT PRIMARY KEY, version INT NOT NULL, body VARCHAR(400) NOT NULL)");
            statement.execute("INSERT INTO pages SELECT x, 1, REPEAT('x', 400) FROM SYSTEM_RANGE(1, " + ROWS + ")");
            for (int i = 0; i < UPDATES; i++) {
                statement.execute("UPDATE pages SET version = version + 1 WHERE id = 1");
                statement.execute("UPDATE pages SET version = version + 1 WHERE id = " + (2 + (i * 37) % (ROWS - 1)));
            }
        }
    }

    @Test
    void onlyAnEmbeddedFileIsCompacted() throws Exception {
        try (Connection memory = DriverManager.getConnection("jdbc:h2:mem:compaction")) {
            assertThat(H2Compaction.of(memory)).isNull();
        }
    }

    private static void runCycles(LocalTaskService service) {
        var session = service.createSession(OPERATOR, new NewSession("agent", null, "agent", null, null));
        Caller agent = new Caller(
                Actor.agentSession(session.session().sessionId()),
                OriginKind.CLI,
                session.session().sessionId());
        for (int i = 0; i < CYCLES; i++) {
            String id = service.createTask(OPERATOR, task("task " + i)).task().id();
            service.startTask(OPERATOR, id, null);
            String run =
                    service.claimNext(agent, null).orElseThrow().claim().run().id();
            service.completeLease(agent, run, new CompleteRun(null));
        }
    }

    private void assertEveryTaskCompletedAfterReopening() {
        try (LocalTaskService reopened = new LocalTaskService(JdbiTaskStore.open(url(), 2), Clock.systemUTC())) {
            var tasks = reopened.listTasks(
                            OPERATOR,
                            new ListTasks(
                                    null,
                                    null,
                                    null,
                                    null,
                                    true,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    Limits.MAX_LIST_LIMIT,
                                    null))
                    .tasks();
            var cycled =
                    tasks.stream().filter(t -> t.title().startsWith("task ")).toList();
            assertThat(cycled).hasSize(CYCLES);
            assertThat(cycled).allSatisfy(t -> assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED));
        }
    }

    private static CreateTask task(String title) {
        return CreateTask.titled(title);
    }
}
