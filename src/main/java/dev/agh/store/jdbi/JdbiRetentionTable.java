package dev.agh.store.jdbi;

import dev.agh.store.RetentionTable;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;

final class JdbiRetentionTable implements RetentionTable {
    private final Handle handle;

    JdbiRetentionTable(Handle handle) {
        this.handle = handle;
    }

    @Override
    public List<String> closedRootsBefore(Instant cutoff, String afterId, int limit) {
        // tasks_status leads: closed tasks are found without reading the open ones.
        return handle.createQuery("SELECT id FROM tasks WHERE status IN ('completed', 'failed', 'canceled') "
                        + "AND parent_task_id IS NULL AND closed_at < :cutoff AND id > :after ORDER BY id LIMIT "
                        + limit)
                .bind("cutoff", Micros.of(cutoff))
                .bind("after", afterId)
                .mapTo(String.class)
                .list();
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
