package dev.agh.store;

import dev.agh.domain.Workspace;
import java.util.List;
import java.util.Optional;

/** Workspaces, addressed by id, name or path. */
public interface WorkspaceTable {
    Optional<Workspace> findByRef(String idNameOrPath);

    List<Workspace> list();

    void insert(Workspace workspace);

    void delete(String id);

    boolean hasTasks(String id);
}
