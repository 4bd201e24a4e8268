package dev.agh.store.jdbi;

import dev.agh.domain.Workspace;
import dev.agh.store.WorkspaceTable;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

final class JdbiWorkspaceTable implements WorkspaceTable {
    private final Handle handle;

    JdbiWorkspaceTable(Handle handle) {
        this.handle = handle;
    }

    @Override
    public Optional<Workspace> findByRef(String ref) {
        // An id wins over a name, a name over a path, so a workspace named like another's id stays reachable by id.
        return handle.createQuery("SELECT * FROM workspaces WHERE id = :r OR name = :r OR path = :r "
                        + "ORDER BY CASE WHEN id = :r THEN 0 WHEN name = :r THEN 1 ELSE 2 END LIMIT 1")
                .bind("r", ref)
                .map(Rows.WORKSPACE)
                .findOne();
    }

    @Override
    public List<Workspace> list() {
        return handle.createQuery("SELECT * FROM workspaces ORDER BY name")
                .map(Rows.WORKSPACE)
                .list();
    }

    @Override
    public void insert(Workspace w) {
        handle.createUpdate("INSERT INTO workspaces (id, name, path, created_at) VALUES (:id, :name, :path, :at)")
                .bind("id", w.id())
                .bind("name", w.name())
                .bind("path", w.path())
                .bind("at", Micros.of(w.createdAt()))
                .execute();
    }

    @Override
    public void delete(String id) {
        handle.createUpdate("DELETE FROM workspaces WHERE id = :id")
                .bind("id", id)
                .execute();
    }

    @Override
    public boolean hasTasks(String id) {
        return handle.createQuery("SELECT COUNT(*) FROM tasks WHERE workspace_id = :id")
                        .bind("id", id)
                        .mapTo(Integer.class)
                        .one()
                > 0;
    }
}
