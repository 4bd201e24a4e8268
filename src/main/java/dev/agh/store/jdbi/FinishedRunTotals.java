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
    private static final String CLAIM_OR_ZERO = "CASE WHEN claimed_at IS NOT NULL THEN " + CLAIM + " ELSE 0 END";
    private static final String START_OR_ZERO = "CASE WHEN started_at IS NOT NULL THEN " + START + " ELSE 0 END";
    private static final String ACTIVITY =
            "GREATEST(queued_at, COALESCE(claimed_at, 0), COALESCE(started_at, 0), COALESCE(ended_at, 0))";

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

    /**
     * Takes out the finished runs of {@code taskId}, about to be deleted with it. Where one of them held a maximum,
     * recounts it now, or with {@code recountMaxima} false marks the bucket's maxima stale for {@link
     * #recountStale}.
     */
    static void forgetTask(Handle handle, String taskId, boolean recountMaxima) {
        List<Bucket> buckets = handle.createQuery("SELECT workspace_key, status, COUNT(*) AS runs, "
                        + "SUM(CASE WHEN claimed_at IS NOT NULL THEN 1 ELSE 0 END) AS cn, "
                        + "SUM(CASE WHEN claimed_at IS NOT NULL THEN " + CLAIM + " ELSE 0 END) AS cs, "
                        + "SUM(CASE WHEN started_at IS NOT NULL THEN 1 ELSE 0 END) AS sn, "
                        + "SUM(CASE WHEN started_at IS NOT NULL THEN " + START + " ELSE 0 END) AS ss, "
                        + "MAX(" + CLAIM_OR_ZERO + ") AS cm, MAX(" + START_OR_ZERO + ") AS sm, MAX(" + ACTIVITY
                        + ") AS am FROM task_runs WHERE task_id = :t AND status IN " + FINISHED
                        + " GROUP BY workspace_key, status")
                .bind("t", taskId)
                .map((rs, ctx) -> new Bucket(
                        rs.getString("workspace_key"),
                        rs.getString("status"),
                        rs.getLong("runs"),
                        rs.getLong("cn"),
                        rs.getLong("cs"),
                        rs.getLong("sn"),
                        rs.getLong("ss"),
                        rs.getLong("cm"),
                        rs.getLong("sm"),
                        rs.getLong("am")))
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
            // Maxima cannot be taken back: they are recounted from the runs that stay, a scan of the whole bucket.
            // Only when a run going holds one of them; and a prune defers even that to its end, or each task it
            // deletes could scan every finished run of its workspace (BENCHMARKS.md, "Prune under load").
            if (holdsAMaximum(handle, b)) {
                if (recountMaxima) {
                    recount(handle, "workspace_key = :w AND status = :s", taskId)
                            .bind("w", b.workspaceKey)
                            .bind("s", b.status)
                            .execute();
                } else {
                    handle.createUpdate("UPDATE finished_run_totals SET maxima_stale = TRUE "
                                    + "WHERE workspace_key = :w AND status = :s")
                            .bind("w", b.workspaceKey)
                            .bind("s", b.status)
                            .execute();
                }
            }
            handle.createUpdate("DELETE FROM finished_run_totals WHERE workspace_key = :w AND status = :s AND runs = 0")
                    .bind("w", b.workspaceKey)
                    .bind("s", b.status)
                    .execute();
        }
    }

    /** Recounts the maxima a prune left stale; returns the buckets recounted. */
    static int recountStale(Handle handle) {
        return recount(handle, "maxima_stale", null).execute();
    }

    /** The recount of the maxima of the buckets {@code where} selects, leaving out the runs of {@code goingTaskId}. */
    private static org.jdbi.v3.core.statement.Update recount(Handle handle, String where, String goingTaskId) {
        String runs = " FROM task_runs r WHERE r.workspace_key = finished_run_totals.workspace_key "
                + "AND r.status = finished_run_totals.status" + (goingTaskId == null ? "" : " AND r.task_id <> :t");
        var update = handle.createUpdate("UPDATE finished_run_totals SET "
                + "claim_max = COALESCE((SELECT MAX(" + CLAIM_OR_ZERO + ")" + runs + "), 0), "
                + "start_max = COALESCE((SELECT MAX(" + START_OR_ZERO + ")" + runs + "), 0), "
                + "latest_activity = COALESCE((SELECT MAX(" + ACTIVITY + ")" + runs + "), 0), "
                + "maxima_stale = FALSE WHERE " + where);
        return goingTaskId == null ? update : update.bind("t", goingTaskId);
    }

    /**
     * Whether a run of {@code b} reaches a stored maximum above zero (zero stays zero: no value is below it), or
     * the bucket's maxima are stale already and a recount is due anyway.
     */
    private static boolean holdsAMaximum(Handle handle, Bucket b) {
        return handle.createQuery("SELECT COUNT(*) FROM finished_run_totals WHERE workspace_key = :w AND status = :s "
                                + "AND (maxima_stale OR (claim_max > 0 AND claim_max <= :cm) OR (start_max > 0 AND start_max <= :sm) "
                                + "OR (latest_activity > 0 AND latest_activity <= :am))")
                        .bind("w", b.workspaceKey)
                        .bind("s", b.status)
                        .bind("cm", b.claimMax)
                        .bind("sm", b.startMax)
                        .bind("am", b.activityMax)
                        .mapTo(Long.class)
                        .one()
                > 0;
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
            long startSum,
            long claimMax,
            long startMax,
            long activityMax) {}
}
