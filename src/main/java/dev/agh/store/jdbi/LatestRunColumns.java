package dev.agh.store.jdbi;

import static dev.agh.store.jdbi.Rows.wire;

import dev.agh.domain.Run;
import org.jdbi.v3.core.Handle;

/**
 * Keeps {@code tasks.latest_run_id} and {@code tasks.latest_run_status} (V005) equal to the task's
 * latest run, and {@code finished_run_totals} in step with finishing runs, in the transaction of
 * the run write. Called by {@link JdbiRunTable} after every
 * statement that inserts a run or changes its columns, so no caller can forget it.
 */
final class LatestRunColumns {
  private LatestRunColumns() {}

  /**
   * A new run is always its task's latest: its attempt is one above every earlier run's (see
   * {@code Execution}), and attempt is the first key of "latest".
   */
  static void inserted(Handle handle, Run run) {
    handle.createUpdate("UPDATE tasks SET latest_run_id = :id, latest_run_status = :status WHERE id = :task_id")
        .bind("id", run.id())
        .bind("status", wire(run.status()))
        .bind("task_id", run.taskId())
        .execute();
  }

  /**
   * Copies the status of a written run when it is its task's latest. Only the open run changes status,
   * and it is the latest; the condition on the status leaves the task row alone for writes that keep
   * it (heartbeats, lease extensions), so they cost one index probe.
   */
  static void written(Handle handle, Run run) {
    int changed = handle.createUpdate("UPDATE tasks SET latest_run_status = :status "
            + "WHERE id = :task_id AND latest_run_id = :id AND latest_run_status <> :status")
        .bind("id", run.id())
        .bind("status", wire(run.status()))
        .bind("task_id", run.taskId())
        .execute();
    // The status changed, to a finished one: the run has just finished (finished runs never change).
    if (changed == 1 && run.status().isTerminal()) {
      FinishedRunTotals.finished(handle, run);
    }
  }
}
