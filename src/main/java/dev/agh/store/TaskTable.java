package dev.agh.store;

import dev.agh.domain.Task;
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

  /** Writes only the columns a status reconciliation changes: status, closed_at, updated_at, last_activity_at, current_run_id. */
  void updateState(Task task);

  void delete(String id);

  /** Records an event of this task: raises latest_event_seq and last_activity_at. */
  void touch(String id, long eventSeq, java.time.Instant at);

  /** Ordered by latest activity, newest first (then updated, created, id, all descending). */
  List<Task> list(TaskQuery query);

  /** Direct children, oldest first. */
  List<Task> children(String parentId);

  List<Task> findAll(List<String> ids);
}
