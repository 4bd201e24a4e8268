package dev.agh.store.jdbi;

import dev.agh.domain.Run;
import dev.agh.domain.Task;
import dev.agh.store.TreeTable;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

final class JdbiTreeTable implements TreeTable {
    private final Handle handle;

    JdbiTreeTable(Handle handle) {
        this.handle = handle;
    }

    @Override
    public List<Task> subtree(String rootTaskId) {
        return handle.createQuery(JdbiEventTable.SUBTREE + "SELECT t.* FROM tasks t JOIN subtree s ON t.id = s.id")
                .bind("root", rootTaskId)
                .map(Rows.TASK)
                .list();
    }

    @Override
    public Map<String, String> parents(Collection<String> taskIds) {
        Map<String, String> parents = new HashMap<>();
        if (taskIds.isEmpty()) {
            return parents;
        }
        handle.createQuery("SELECT id, parent_task_id FROM tasks WHERE id IN (<ids>)")
                .bindList("ids", List.copyOf(taskIds))
                .map((rs, ctx) -> {
                    String parent = rs.getString("parent_task_id");
                    parents.put(rs.getString("id"), parent == null ? "" : parent);
                    return null;
                })
                .list();
        return parents;
    }

    @Override
    public Map<String, Run> openRuns(Collection<String> taskIds) {
        Map<String, Run> open = new HashMap<>();
        if (taskIds.isEmpty()) {
            return open;
        }
        // At most one open run per task; should there be more, the newest wins, as RunTable.open has it.
        handle.createQuery(
                        "SELECT * FROM task_runs WHERE task_id IN (<ids>) AND status NOT IN ('completed', 'failed', 'canceled') "
                                + "ORDER BY queued_at, id")
                .bindList("ids", List.copyOf(taskIds))
                .map(Rows.RUN)
                .forEach(run -> open.put(run.taskId(), run));
        return open;
    }

    @Override
    public List<Run> runs(Collection<String> runIds) {
        if (runIds.isEmpty()) {
            return List.of();
        }
        return handle.createQuery("SELECT * FROM task_runs WHERE id IN (<ids>)")
                .bindList("ids", List.copyOf(runIds))
                .map(Rows.RUN)
                .list();
    }
}
