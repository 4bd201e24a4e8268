package dev.agh.store.jdbi;

import static dev.agh.store.jdbi.Rows.wire;

import dev.agh.domain.Run;
import org.jdbi.v3.core.Handle;

/**
 * Keeps {@code tasks.latest_run_id} and {@code tasks.latest_run_outcome} (V005) equal to the task's
 * latest run and how it ended, and {@code finished_run_totals} in step with finishing runs, in the
 * transaction of the run write. Called by {@link JdbiRunTable} after it inserts a run and after it
 * writes a finished one, so no caller can forget it; the writes in between (claim, start,
 * heartbeat, release) cost nothing here.
 */
final class LatestRunColumns {
    private LatestRunColumns() {}

    /**
     * A new run is always its task's latest: its attempt is one above every earlier run's (see
     * {@code Execution}), and attempt is the first key of "latest". It is open, so there is no outcome.
     */
    static void inserted(Handle handle, Run run) {
        handle.createUpdate("UPDATE tasks SET latest_run_id = :id, latest_run_outcome = NULL WHERE id = :task_id")
                .bind("id", run.id())
                .bind("task_id", run.taskId())
                .execute();
    }

    /**
     * Records the outcome of {@code run}, written with a finished status. Only the open run changes,
     * and it is the latest; a finished run never changes again, so when the outcome was still unset
     * the run has just finished and is added to the totals (once, even if written again).
     */
    static void finished(Handle handle, Run run) {
        int changed = handle.createUpdate("UPDATE tasks SET latest_run_outcome = :status "
                        + "WHERE id = :task_id AND latest_run_id = :id AND latest_run_outcome IS NULL")
                .bind("id", run.id())
                .bind("status", wire(run.status()))
                .bind("task_id", run.taskId())
                .execute();
        if (changed == 1) {
            FinishedRunTotals.finished(handle, run);
        }
    }
}
