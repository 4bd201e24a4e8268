package dev.agh.store.jdbi;

import dev.agh.store.RetentionTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;

final class JdbiRetentionTable implements RetentionTable {
    /** The closed statuses in the index's order, which is the order a pass visits them. */
    private static final List<String> CLOSED = List.of("canceled", "completed", "failed");

    private final Handle handle;

    JdbiRetentionTable(Handle handle) {
        this.handle = handle;
    }

    @Override
    public List<ClosedRoot> closedRootsAfter(Instant cutoff, ClosedRoot after, int limit) {
        List<ClosedRoot> roots = new ArrayList<>();
        for (String status : CLOSED) {
            if (after != null && status.compareTo(after.status()) < 0) {
                continue;
            }
            boolean resume = after != null && status.equals(after.status());
            // One status at a time and ORDER BY the whole index key: H2 then reads the index in order from the
            // resume point and stops at the limit (EXPLAIN says "index sorted"); with IN (...) it sorted them all.
            var query = handle.createQuery("SELECT id, status, closed_at FROM tasks WHERE status = :status "
                            + "AND closed_at < :cutoff"
                            + (resume ? " AND (closed_at, id) > (:closed, :id)" : "")
                            + " AND parent_task_id IS NULL ORDER BY status, closed_at, id LIMIT "
                            + (limit - roots.size()))
                    .bind("status", status)
                    .bind("cutoff", Micros.of(cutoff));
            if (resume) {
                query.bind("closed", Micros.of(after.closedAt())).bind("id", after.id());
            }
            roots.addAll(query.map((rs, ctx) ->
                            new ClosedRoot(rs.getString("status"), Micros.get(rs, "closed_at"), rs.getString("id")))
                    .list());
            if (roots.size() >= limit) {
                break;
            }
        }
        return roots;
    }

    @Override
    public int recountStaleMaxima() {
        return FinishedRunTotals.recountStale(handle);
    }

    @Override
    public long runsOf(Collection<String> taskIds) {
        return count("SELECT COUNT(*) FROM task_runs WHERE task_id IN (<ids>)", taskIds);
    }

    @Override
    public long eventsOf(Collection<String> taskIds) {
        return count("SELECT COUNT(*) FROM task_events WHERE task_id IN (<ids>)", taskIds);
    }

    private long count(String sql, Collection<String> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return handle.createQuery(sql)
                .bindList("ids", List.copyOf(ids))
                .mapTo(Long.class)
                .one();
    }
}
