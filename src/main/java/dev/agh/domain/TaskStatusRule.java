package dev.agh.domain;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

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

    /** What the open runs of a task say, gathered by the store in one query. */
    public record RunFacts(boolean executing, boolean waiting, int maxAttempt) {
        public static final RunFacts NONE = new RunFacts(false, false, 0);
    }

    /**
     * Derives the status. The latest finished run and the dependency check are asked for only when
     * the rule reaches them: most writes are decided by the open runs alone.
     */
    public static TaskStatus derive(
            TaskStatus stored,
            RunFacts runs,
            Supplier<RunStatus> latestTerminal,
            BooleanSupplier dependenciesUnresolved,
            boolean approvalBlocks,
            int maxAttempts) {
        if (stored == TaskStatus.CANCELED || stored == TaskStatus.DRAFT) {
            return stored;
        }
        if (runs.executing()) {
            return TaskStatus.IN_PROGRESS;
        }
        BooleanSupplier held = () -> approvalBlocks || dependenciesUnresolved.getAsBoolean();
        if (runs.waiting()) {
            return held.getAsBoolean() ? TaskStatus.BLOCKED : TaskStatus.READY;
        }
        RunStatus latest = runs.maxAttempt() == 0 ? null : latestTerminal.get();
        if (latest != null) {
            switch (latest) {
                case COMPLETED:
                    return TaskStatus.COMPLETED;
                case CANCELED:
                    return TaskStatus.CANCELED;
                default:
                    if (runs.maxAttempt() + 1 > maxAttempts) {
                        return TaskStatus.FAILED;
                    }
                    return held.getAsBoolean() ? TaskStatus.BLOCKED : TaskStatus.READY;
            }
        }
        if (stored == TaskStatus.COMPLETED || stored == TaskStatus.FAILED) {
            return stored;
        }
        return held.getAsBoolean() ? TaskStatus.BLOCKED : TaskStatus.READY;
    }
}
