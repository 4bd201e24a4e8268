package dev.agh.domain;

/**
 * The one rule that turns a task's facts into its canonical status (first match wins):
 *
 * <ol>
 *   <li>draft and canceled are sticky;
 *   <li>a starting or running run makes the task in progress;
 *   <li>a queued or claimed run: blocked if dependencies or approval block, else ready;
 *   <li>otherwise the latest finished run decides: completed; failed once attempts are exhausted
 *       (else blocked or ready, waiting for a retry); canceled;
 *   <li>no runs at all: a closed status is kept, else blocked or ready.
 * </ol>
 */
public final class TaskStatusRule {
  private TaskStatusRule() {}

  /** What the runs of a task say, gathered by the store in one query. */
  public record RunFacts(boolean executing, boolean waiting, RunStatus latestTerminal, int maxAttempt) {
    public static final RunFacts NONE = new RunFacts(false, false, null, 0);
  }

  public static TaskStatus derive(
      TaskStatus stored, RunFacts runs, boolean dependenciesUnresolved, boolean approvalBlocks, int maxAttempts) {
    if (stored == TaskStatus.CANCELED || stored == TaskStatus.DRAFT) {
      return stored;
    }
    boolean held = dependenciesUnresolved || approvalBlocks;
    if (runs.executing()) {
      return TaskStatus.IN_PROGRESS;
    }
    if (runs.waiting()) {
      return held ? TaskStatus.BLOCKED : TaskStatus.READY;
    }
    if (runs.latestTerminal() != null) {
      switch (runs.latestTerminal()) {
        case COMPLETED:
          return TaskStatus.COMPLETED;
        case CANCELED:
          return TaskStatus.CANCELED;
        default:
          if (runs.maxAttempt() + 1 > maxAttempts) {
            return TaskStatus.FAILED;
          }
          return held ? TaskStatus.BLOCKED : TaskStatus.READY;
      }
    }
    if (stored == TaskStatus.COMPLETED || stored == TaskStatus.FAILED) {
      return stored;
    }
    return held ? TaskStatus.BLOCKED : TaskStatus.READY;
  }
}
