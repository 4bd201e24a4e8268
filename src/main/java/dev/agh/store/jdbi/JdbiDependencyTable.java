package dev.agh.store.jdbi;

import dev.agh.domain.Dependency;
import dev.agh.store.DependencyTable;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

final class JdbiDependencyTable implements DependencyTable {
    private final Handle handle;
    private final RawSql sql;

    JdbiDependencyTable(Handle handle, RawSql sql) {
        this.handle = handle;
        this.sql = sql;
    }

    @Override
    public Optional<Dependency> find(String taskId, String dependsOnTaskId) {
        return handle.createQuery("SELECT * FROM task_dependencies WHERE task_id = :t AND depends_on_task_id = :d")
                .bind("t", taskId)
                .bind("d", dependsOnTaskId)
                .map(Rows.DEPENDENCY)
                .findOne();
    }

    @Override
    public void insert(Dependency d) {
        handle.createUpdate(
                        "INSERT INTO task_dependencies (task_id, depends_on_task_id, kind, created_at) VALUES (:t, :d, :k, :c)")
                .bind("t", d.taskId())
                .bind("d", d.dependsOnTaskId())
                .bind("k", d.kind())
                .bind("c", Micros.of(d.createdAt()))
                .execute();
    }

    @Override
    public void delete(String taskId, String dependsOnTaskId) {
        handle.createUpdate("DELETE FROM task_dependencies WHERE task_id = :t AND depends_on_task_id = :d")
                .bind("t", taskId)
                .bind("d", dependsOnTaskId)
                .execute();
    }

    @Override
    public List<Dependency> of(String taskId) {
        return handle.createQuery(
                        "SELECT * FROM task_dependencies WHERE task_id = :t ORDER BY created_at, depends_on_task_id")
                .bind("t", taskId)
                .map(Rows.DEPENDENCY)
                .list();
    }

    @Override
    public List<Dependency> ofTasks(List<String> taskIds) {
        if (taskIds.isEmpty()) {
            return List.of();
        }
        return handle.createQuery(
                        "SELECT * FROM task_dependencies WHERE task_id IN (<ids>) ORDER BY created_at, depends_on_task_id")
                .bindList("ids", taskIds)
                .map(Rows.DEPENDENCY)
                .list();
    }

    @Override
    public List<String> dependents(String taskId) {
        // Asked by every status change (plain JDBC, see RawSql).
        return sql.list(
                "SELECT task_id FROM task_dependencies WHERE depends_on_task_id = ? ORDER BY task_id",
                rs -> rs.getString(1),
                taskId);
    }

    @Override
    public boolean hasUnresolved(String taskId) {
        return sql.count(
                        "SELECT COUNT(*) FROM task_dependencies d JOIN tasks t ON t.id = d.depends_on_task_id "
                                + "WHERE d.task_id = ? AND t.status <> 'completed'",
                        taskId)
                > 0;
    }
}
