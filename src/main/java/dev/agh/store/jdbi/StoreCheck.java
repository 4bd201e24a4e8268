package dev.agh.store.jdbi;

import dev.agh.store.StoreFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** The checks of {@code agh store check}: every copy the store keeps, against the rows it summarizes. */
final class StoreCheck {
    private static final String OPEN = "status NOT IN ('completed', 'failed', 'canceled')";

    private StoreCheck() {}

    static StoreFacts run(Handle h, Dialect dialect) {
        List<String> problems = new ArrayList<>();
        Map<String, Long> byStatus = counts(h, "SELECT status AS k, COUNT(*) AS n FROM tasks GROUP BY status");
        Map<String, Long> totals =
                counts(h, "SELECT status AS k, SUM(tasks) AS n FROM task_status_totals GROUP BY status");
        for (String status : union(byStatus, totals)) {
            long actual = byStatus.getOrDefault(status, 0L);
            long kept = totals.getOrDefault(status, 0L);
            if (actual != kept) {
                problems.add(
                        "task_status_totals says " + kept + " " + status + " tasks; the tasks table holds " + actual);
            }
        }
        Map<String, Long> finished = counts(
                h,
                "SELECT status AS k, COUNT(*) AS n FROM task_runs "
                        + "WHERE status IN ('completed', 'failed', 'canceled') GROUP BY status");
        Map<String, Long> finishedKept =
                counts(h, "SELECT status AS k, SUM(runs) AS n FROM finished_run_totals GROUP BY status");
        for (String status : union(finished, finishedKept)) {
            long actual = finished.getOrDefault(status, 0L);
            long kept = finishedKept.getOrDefault(status, 0L);
            if (actual != kept) {
                problems.add("finished_run_totals says " + kept + " " + status + " runs; the task_runs table holds "
                        + actual);
            }
        }
        long badChildCounts = count(
                h,
                "SELECT COUNT(*) FROM tasks t WHERE t.child_count <> "
                        + "(SELECT COUNT(*) FROM tasks c WHERE c.parent_task_id = t.id)");
        if (badChildCounts > 0) {
            problems.add(badChildCounts + " tasks have a child_count that differs from their children");
        }
        long badDependencyCounts = count(
                h,
                "SELECT COUNT(*) FROM tasks t WHERE t.dependency_count <> "
                        + "(SELECT COUNT(*) FROM task_dependencies d WHERE d.task_id = t.id)");
        if (badDependencyCounts > 0) {
            problems.add(badDependencyCounts + " tasks have a dependency_count that differs from their dependencies");
        }
        long twoOpen = count(
                h,
                "SELECT COUNT(*) FROM (SELECT task_id FROM task_runs WHERE " + OPEN
                        + " GROUP BY task_id HAVING COUNT(*) > 1) x");
        if (twoOpen > 0) {
            problems.add(twoOpen + " tasks have more than one open run");
        }
        long maxSequence = count(h, "SELECT COALESCE(MAX(sequence), 0) FROM task_events");
        long counter = count(h, "SELECT counter_value FROM agh_counters WHERE name = 'event_seq'");
        if (maxSequence > counter) {
            problems.add(
                    "the event sequence counter (" + counter + ") is behind the newest event (" + maxSequence + ")");
        }
        Long fileBytes = null;
        Integer fill = null;
        if (dialect == Dialect.H2) {
            Map<String, String> info = new HashMap<>();
            h.createQuery(
                            "SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME LIKE 'info.%'")
                    .map((rs, ctx) -> info.put(rs.getString(1), rs.getString(2)))
                    .list();
            fileBytes = parse(info.get("info.FILE_SIZE"));
            Long rate = parse(info.get("info.CHUNKS_FILL_RATE"));
            fill = rate == null ? null : rate.intValue();
        }
        return new StoreFacts(
                dialect == Dialect.H2 ? "h2" : "postgresql",
                fileBytes,
                fill,
                count(h, "SELECT COUNT(*) FROM tasks"),
                count(h, "SELECT COUNT(*) FROM task_runs"),
                count(h, "SELECT COUNT(*) FROM task_events"),
                List.copyOf(problems));
    }

    private static Long parse(String value) {
        try {
            return value == null ? null : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long count(Handle h, String sql) {
        return h.createQuery(sql).mapTo(Long.class).findOne().orElse(0L);
    }

    private static Map<String, Long> counts(Handle h, String sql) {
        Map<String, Long> out = new HashMap<>();
        h.createQuery(sql)
                .map((rs, ctx) -> out.put(rs.getString("k"), rs.getLong("n")))
                .list();
        return out;
    }

    private static List<String> union(Map<String, Long> a, Map<String, Long> b) {
        List<String> keys = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
        keys.sort(null);
        return keys;
    }
}
