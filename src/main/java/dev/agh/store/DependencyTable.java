package dev.agh.store;

import dev.agh.domain.Dependency;
import java.util.List;
import java.util.Optional;

/** Edges "task waits for depends_on". */
public interface DependencyTable {
    Optional<Dependency> find(String taskId, String dependsOnTaskId);

    void insert(Dependency dependency);

    void delete(String taskId, String dependsOnTaskId);

    /** What {@code taskId} waits for, oldest edge first. */
    List<Dependency> of(String taskId);

    /** The edges of many tasks at once (for lists), oldest edge first. */
    List<Dependency> ofTasks(List<String> taskIds);

    /** Ids of the tasks that wait for {@code taskId}. */
    List<String> dependents(String taskId);

    /** True if any task {@code taskId} waits for is not completed (stored, canonical status). */
    boolean hasUnresolved(String taskId);
}
