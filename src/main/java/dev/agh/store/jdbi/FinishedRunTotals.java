package dev.agh.store.jdbi;

import dev.agh.domain.Run;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Keeps {@code finished_run_totals} (V005) exact: a run is added when it finishes (finished runs
 * never change again) and taken out when its task is deleted. Writers are serialized by the
 * event-sequence lock, so read-modify-write of a totals row cannot race, on H2 or across
 * PostgreSQL nodes.
 */
final class FinishedRunTotals {
    static final String FINISHED = "('completed', 'failed', 'canceled')";
    private static final String CLAIM = "GREATEST(claimed_at - queued_at, 0)";
    private static final String START = "GREATEST(started_at - COALESCE(claimed_at, queued_at), 0)";

    private FinishedRunTotals() {}

    /** Adds {@code run}, which has just finished (its row is written; its workspace is read from it). */
    static void finished(Handle handle, Run run) {
        long queued = Micros.of(run.queuedAt());
        Long claimed = Micros.of(run.claimedAt());
        Long started = Micros.of(run.startedAt());
        Long ended = Micros.of(run.endedAt());
        long claim = claimed == null ? 0 : Math.max(0, claimed - queued);
        long start = started == null ? 0 : Math.max(0, started - (claimed != null ? claimed : queued));
        long activity = Math.max(queued, Math.max(orZero(claimed), Math.max(orZero(started), orZero(ended))));
        var binds = new java.util.HashMap<String, Object>();
        binds.put("id", run.id());
        binds.put("s", Rows.wire(run.status()));
        binds.put("cn", claimed == null ? 0 : 1);
        binds.put("cs", claim);
        binds.put("sn", started == null ? 0 : 1);
        binds.put("ss", start);
        binds.put("act", activity);
        int updated = handle.createUpdate(
                        "UPDATE finished_run_totals SET runs = runs + 1, claim_samples = claim_samples + :cn, "
                                + "claim_sum = claim_sum + :cs, claim_max = GREATEST(claim_max, :cs), start_samples = start_samples + :sn, "
                                + "start_sum = start_sum + :ss, start_max = GREATEST(start_max, :ss), "
                                + "latest_activity = GREATEST(latest_activity, :act) "
                                + "WHERE workspace_key = (SELECT workspace_key FROM task_runs WHERE id = :id) AND status = :s")
                .bindMap(binds)
                .execute();
        if (updated == 0) {
            handle.createUpdate(
                            "INSERT INTO finished_run_totals (workspace_key, status, runs, claim_samples, claim_sum, "
                                    + "claim_max, start_samples, start_sum, start_max, latest_activity) "
                                    + "SELECT workspace_key, :s, 1, :cn, :cs, :cs, :sn, :ss, :ss, :act FROM task_runs WHERE id = :id")
                    .bindMap(binds)
                    .execute();
        }
    }

    /** Takes out the finished runs of {@code taskId}, about to be deleted with it. */
    static void forgetTask(Handle handle, String taskId) {
        List<Bucket> buckets = handle.createQuery("SELECT workspace_key, status, COUNT(*) AS runs, "
                        + "SUM(CASE WHEN claimed_at IS NOT NULL THEN 1 ELSE 0 END) AS cn, "
                        + "SUM(CASE WHEN claimed_at IS NOT NULL THEN " + CLAIM + " ELSE 0 END) AS cs, "
                        + "SUM(CASE WHEN started_at IS NOT NULL THEN 1 ELSE 0 END) AS sn, "
                        + "SUM(CASE WHEN started_at IS NOT NULL THEN " + START + " ELSE 0 END) AS ss "
                        + "FROM task_runs WHERE task_id = :t AND status IN " + FINISHED
                        + " GROUP BY workspace_key, status")
                .bind("t", taskId)
                .map((rs, ctx) -> new Bucket(
                        rs.getString("workspace_key"),
                        rs.getString("status"),
                        rs.getLong("runs"),
                        rs.getLong("cn"),
                        rs.getLong("cs"),
                        rs.getLong("sn"),
                        rs.getLong("ss")))
                .list();
        for (Bucket b : buckets) {
            handle.createUpdate(
                            "UPDATE finished_run_totals SET runs = runs - :runs, claim_samples = claim_samples - :cn, "
                                    + "claim_sum = claim_sum - :cs, start_samples = start_samples - :sn, start_sum = start_sum - :ss "
                                    + "WHERE workspace_key = :w AND status = :s")
                    .bind("runs", b.runs)
                    .bind("cn", b.claimSamples)
                    .bind("cs", b.claimSum)
                    .bind("sn", b.startSamples)
                    .bind("ss", b.startSum)
                    .bind("w", b.workspaceKey)
                    .bind("s", b.status)
                    .execute();
            // Maxima cannot be taken back: recount them from the runs that stay (a scan of one bucket,
            // paid only by deleting a task that has finished runs).
            String others = " FROM task_runs WHERE workspace_key = :w AND status = :s AND task_id <> :t";
            handle.createUpdate("UPDATE finished_run_totals SET "
                            + "claim_max = COALESCE((SELECT MAX(CASE WHEN claimed_at IS NOT NULL THEN " + CLAIM
                            + " ELSE 0 END)" + others + "), 0), "
                            + "start_max = COALESCE((SELECT MAX(CASE WHEN started_at IS NOT NULL THEN " + START
                            + " ELSE 0 END)" + others + "), 0), "
                            + "latest_activity = COALESCE((SELECT MAX(GREATEST(queued_at, COALESCE(claimed_at, 0), COALESCE(started_at, 0), "
                            + "COALESCE(ended_at, 0)))" + others + "), 0) WHERE workspace_key = :w AND status = :s")
                    .bind("w", b.workspaceKey)
                    .bind("s", b.status)
                    .bind("t", taskId)
                    .execute();
            handle.createUpdate("DELETE FROM finished_run_totals WHERE workspace_key = :w AND status = :s AND runs = 0")
                    .bind("w", b.workspaceKey)
                    .bind("s", b.status)
                    .execute();
        }
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private record Bucket(
            String workspaceKey,
            String status,
            long runs,
            long claimSamples,
            long claimSum,
            long startSamples,
            long startSum) {}
}
