package dev.agh.store;

import dev.agh.domain.Run;
import dev.agh.domain.TaskStatusRule.RunFacts;
import java.util.List;
import java.util.Optional;

/** Run rows, the work queue. */
public interface RunTable {
  Optional<Run> find(String id);

  /** Newest first. */
  List<Run> ofTask(String taskId);

  /** What the runs of a task say about its status. */
  RunFacts facts(String taskId);

  /** The task's open run (at most one exists), if any. */
  Optional<Run> open(String taskId);

  /** True if the task has a run that is not completed, failed or canceled. */
  boolean hasOpen(String taskId);
}
