package dev.agh.store;

import dev.agh.domain.Task;
import dev.agh.domain.TaskStatus;
import java.util.List;
import java.util.Optional;

/** Task rows. */
public interface TaskTable {
    Optional<Task> find(String id);

    /** Like {@link #find} but takes the row lock, for read-modify-write. */
    Optional<Task> lock(String id);

    boolean exists(String id);

    void insert(Task task);

    void update(Task task);

    /**
     * Writes only the columns a status reconciliation changes: status, closed_at, updated_at, last_activity_at,
     * current_run_id. {@code storedStatus} is the status the row holds before this write: the store keeps
     * per-status totals, and knowing it spares a read on the hot path of every run change.
     */
    void updateState(Task task, TaskStatus storedStatus);

    void delete(String id);

    /**
     * Deletes like {@link #delete}, but where a finished run of the task held a maximum of the run totals, marks
     * those maxima stale instead of recounting them: a prune deletes many tasks and recounts once at its end
     * ({@link RetentionTable#recountStaleMaxima}).
     */
    void deleteLeavingMaximaStale(String id);

    /** Records an event of this task: raises latest_event_seq and last_activity_at. */
    void touch(String id, long eventSeq, java.time.Instant at);

    /** Ordered by latest activity, newest first (then updated, created, id, all descending). */
    List<Task> list(TaskQuery query);

    /** Direct children, oldest first. */
    List<Task> children(String parentId);

    List<Task> findAll(List<String> ids);
}
