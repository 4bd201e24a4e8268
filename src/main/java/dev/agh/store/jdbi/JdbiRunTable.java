package dev.agh.store.jdbi;

import dev.agh.domain.Run;
import dev.agh.domain.RunStatus;
import dev.agh.domain.TaskStatusRule.RunFacts;
import dev.agh.store.RunTable;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

final class JdbiRunTable implements RunTable {
  private final Handle handle;

  JdbiRunTable(Handle handle) {
    this.handle = handle;
  }

  @Override
  public Optional<Run> find(String id) {
    return handle.createQuery("SELECT * FROM task_runs WHERE id = :id").bind("id", id).map(Rows.RUN).findOne();
  }

  @Override
  public List<Run> ofTask(String taskId) {
    return handle.createQuery("SELECT * FROM task_runs WHERE task_id = :t ORDER BY queued_at DESC, id DESC")
        .bind("t", taskId).map(Rows.RUN).list();
  }

  @Override
  public RunFacts facts(String taskId) {
    var counts = handle.createQuery("SELECT "
            + "SUM(CASE WHEN status IN ('starting', 'running') THEN 1 ELSE 0 END) AS executing, "
            + "SUM(CASE WHEN status IN ('queued', 'claimed') THEN 1 ELSE 0 END) AS waiting, "
            + "COALESCE(MAX(attempt), 0) AS max_attempt FROM task_runs WHERE task_id = :t")
        .bind("t", taskId)
        .map((rs, ctx) -> new long[] {rs.getLong("executing"), rs.getLong("waiting"), rs.getLong("max_attempt")})
        .one();
    // The latest finished run decides when nothing is open: highest attempt, then latest queued, then id.
    RunStatus latestTerminal = handle.createQuery("SELECT status FROM task_runs WHERE task_id = :t "
            + "AND status IN ('completed', 'failed', 'canceled') ORDER BY attempt DESC, queued_at DESC, id DESC LIMIT 1")
        .bind("t", taskId)
        .mapTo(String.class)
        .findOne()
        .map(s -> Rows.enumOf(RunStatus.class, s))
        .orElse(null);
    return new RunFacts(counts[0] > 0, counts[1] > 0, latestTerminal, (int) counts[2]);
  }

  @Override
  public Optional<Run> open(String taskId) {
    return handle.createQuery("SELECT * FROM task_runs WHERE task_id = :t "
            + "AND status NOT IN ('completed', 'failed', 'canceled') ORDER BY queued_at DESC, id DESC LIMIT 1")
        .bind("t", taskId).map(Rows.RUN).findOne();
  }

  @Override
  public boolean hasOpen(String taskId) {
    return handle.createQuery("SELECT COUNT(*) FROM task_runs WHERE task_id = :t AND status NOT IN ('completed', 'failed', 'canceled')")
        .bind("t", taskId).mapTo(Integer.class).one() > 0;
  }
}
