package dev.agh.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.api.Requests.CompleteRun;
import dev.agh.api.Requests.CreateTask;
import dev.agh.api.Requests.ListTasks;
import dev.agh.api.Requests.NewSession;
import dev.agh.domain.Actor;
import dev.agh.domain.OriginKind;
import dev.agh.domain.TaskStatus;
import dev.agh.service.Caller;
import dev.agh.service.LocalTaskService;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded file is compacted while the store serves writes: without it, the chunks that keep a
 * page of a finished task stay in the file for good and it grows with every task.
 */
class H2CompactionTest {
  private static final Caller OPERATOR = Caller.human("op", OriginKind.CLI);
  private static final int CYCLES = 300;

  @TempDir
  Path dir;

  /** Retention 0: chunks may be rewritten at once, so the test needs no 45 s wait. */
  private String url() {
    return "jdbc:h2:file:" + dir.resolve("agh") + ";WRITE_DELAY=0;RETENTION_TIME=0";
  }

  @Test
  void aTurnRewritesSparseChunksAndLosesNothing() throws Exception {
    try (LocalTaskService service = new LocalTaskService(JdbiTaskStore.open(url(), 2), Clock.systemUTC());
        Connection connection = DriverManager.getConnection(url())) {
      runCycles(service);
      H2Compaction compaction = H2Compaction.of(connection);
      assertThat(compaction).isNotNull();
      int before = compaction.chunksFillRate();
      assertThat(before).as("live share of the chunks after %d cycles", CYCLES).isLessThan(50);
      for (int turn = 0; turn < 200 && compaction.runTurn(); turn++) {
        // each turn moves at most WRITE_LIMIT live bytes
      }
      assertThat(compaction.chunksFillRate()).isGreaterThanOrEqualTo(H2Compaction.TARGET_FILL_RATE);
    }
    assertEveryTaskCompletedAfterReopening();
  }

  @Test
  void theWriterCompactsWhenItHasNothingElseToDo() throws Exception {
    try (LocalTaskService service = new LocalTaskService(JdbiTaskStore.open(url(), 2), Clock.systemUTC());
        Connection connection = DriverManager.getConnection(url())) {
      runCycles(service);
      H2Compaction probe = H2Compaction.of(connection);
      int before = probe.chunksFillRate();
      // Idle for longer than IDLE_EVERY_NANOS, then writes: each batch is followed by a turn when due.
      for (int i = 0; i < 20; i++) {
        Thread.sleep(H2Compaction.IDLE_EVERY_NANOS / 1_000_000 + 20);
        service.createTask(OPERATOR, task("after " + i));
      }
      assertThat(probe.chunksFillRate()).isGreaterThan(before);
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
    Caller agent = new Caller(Actor.agentSession(session.session().sessionId()), OriginKind.CLI,
        session.session().sessionId());
    for (int i = 0; i < CYCLES; i++) {
      String id = service.createTask(OPERATOR, task("task " + i)).task().id();
      service.startTask(OPERATOR, id, null);
      String run = service.claimNext(agent, null).orElseThrow().claim().run().id();
      service.completeLease(agent, run, new CompleteRun(null));
    }
  }

  private void assertEveryTaskCompletedAfterReopening() {
    try (LocalTaskService reopened = new LocalTaskService(JdbiTaskStore.open(url(), 2), Clock.systemUTC())) {
      var tasks = reopened.listTasks(OPERATOR, new ListTasks(null, null, null, null, true, null, null, null, null,
          null, null, null)).tasks();
      assertThat(tasks).hasSize(CYCLES);
      assertThat(tasks).allSatisfy(t -> assertThat(t.status()).isEqualTo(TaskStatus.COMPLETED));
    }
  }

  private static CreateTask task(String title) {
    return new CreateTask(null, null, "global", null, null, title, null, null, null, null, null, null, null, null);
  }
}
