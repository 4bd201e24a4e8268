package dev.agh.store.jdbi.seed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The summaries of V005 for a seeded store, counted as {@link ObserveSeed} writes the rows and inserted
 * at the end: the totals of finished runs and of tasks, as the store keeps them on every write.
 */
final class SeedTotals {
    /** Finished runs by (workspace key, status): runs, claim samples, sum and max, start samples, sum and max, latest activity. */
    private final Map<List<String>, long[]> finished = new HashMap<>();
    /** Tasks by (workspace key, status, awaiting approval, dependency blocked). */
    private final Map<List<Object>, Long> tasks = new HashMap<>();

    void task(String workspaceKey, String status, boolean awaitingApproval, boolean dependencyBlocked) {
        tasks.merge(List.of(workspaceKey, status, awaitingApproval, dependencyBlocked), 1L, Long::sum);
    }

    /** Adds a finished run to its bucket; times in microseconds, {@code claimed} and {@code started} when it was. */
    void finishedRun(String workspaceKey, String status, long queued, Long claimed, Long started, long ended) {
        long[] t = finished.computeIfAbsent(List.of(workspaceKey, status), k -> new long[8]);
        long claim = claimed == null ? 0 : Math.max(0, claimed - queued);
        long start = started == null ? 0 : Math.max(0, started - (claimed != null ? claimed : queued));
        t[0]++;
        t[1] += claimed == null ? 0 : 1;
        t[2] += claim;
        t[3] = Math.max(t[3], claim);
        t[4] += started == null ? 0 : 1;
        t[5] += start;
        t[6] = Math.max(t[6], start);
        t[7] = Math.max(t[7], ObserveSeed.max(queued, claimed, started, ended));
    }

    /** Inserts both tables (the caller commits). */
    void insert(Connection db) throws SQLException {
        try (PreparedStatement totals =
                db.prepareStatement("INSERT INTO finished_run_totals (workspace_key, status, runs, "
                        + "claim_samples, claim_sum, claim_max, start_samples, start_sum, start_max, latest_activity) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<List<String>, long[]> bucket : finished.entrySet()) {
                totals.setString(1, bucket.getKey().get(0));
                totals.setString(2, bucket.getKey().get(1));
                for (int c = 0; c < 8; c++) {
                    totals.setLong(3 + c, bucket.getValue()[c]);
                }
                totals.addBatch();
            }
            totals.executeBatch();
        }
        try (PreparedStatement totals = db.prepareStatement("INSERT INTO task_status_totals (workspace_key, status, "
                + "awaiting_approval, dependency_blocked, tasks) VALUES (?, ?, ?, ?, ?)")) {
            for (Map.Entry<List<Object>, Long> bucket : tasks.entrySet()) {
                totals.setString(1, (String) bucket.getKey().get(0));
                totals.setString(2, (String) bucket.getKey().get(1));
                totals.setBoolean(3, (Boolean) bucket.getKey().get(2));
                totals.setBoolean(4, (Boolean) bucket.getKey().get(3));
                totals.setLong(5, bucket.getValue());
                totals.addBatch();
            }
            totals.executeBatch();
        }
    }
}
