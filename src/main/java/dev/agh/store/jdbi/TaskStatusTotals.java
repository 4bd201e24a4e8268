package dev.agh.store.jdbi;

import static dev.agh.store.jdbi.Rows.wire;

import dev.agh.domain.ApprovalState;
import dev.agh.domain.Task;
import dev.agh.domain.TaskStatus;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Keeps {@code task_status_totals} (V005) exact: {@link JdbiTaskTable} reports every task it inserts,
 * changes or deletes, and the task moves between the totals rows of its old and new key. Writers are
 * serialized by the event-sequence lock, so the read-modify-write cannot race, on H2 or across
 * PostgreSQL nodes.
 */
final class TaskStatusTotals {
    /** What a task is counted under. */
    record Key(String workspaceKey, String status, boolean awaitingApproval, boolean dependencyBlocked) {
        static Key of(Task t) {
            boolean blocked = t.status() == TaskStatus.BLOCKED;
            return new Key(
                    t.workspaceId() == null ? "" : t.workspaceId(),
                    wire(t.status()),
                    blocked && t.approvalState() == ApprovalState.PENDING,
                    blocked && t.dependencyCount() > 0);
        }

        /** The same task after a write of only its status (and times): approval and dependencies are as stored. */
        Key withStatus(String next, String approvalState, int dependencyCount) {
            boolean blocked = "blocked".equals(next);
            return new Key(
                    workspaceKey, next, blocked && "pending".equals(approvalState), blocked && dependencyCount > 0);
        }
    }

    /** The stored key of a task, with what {@link Key#withStatus} needs. */
    record Stored(Key key, String approvalState, int dependencyCount) {}

    private TaskStatusTotals() {}

    static Optional<Stored> stored(Handle handle, String taskId) {
        return handle.createQuery(
                        "SELECT workspace_id, status, approval_state, dependency_count FROM tasks WHERE id = :id")
                .bind("id", taskId)
                .map((rs, ctx) -> {
                    String status = rs.getString("status");
                    String approval = rs.getString("approval_state");
                    int dependencies = rs.getInt("dependency_count");
                    String workspace = rs.getString("workspace_id");
                    boolean blocked = "blocked".equals(status);
                    return new Stored(
                            new Key(
                                    workspace == null ? "" : workspace,
                                    status,
                                    blocked && "pending".equals(approval),
                                    blocked && dependencies > 0),
                            approval,
                            dependencies);
                })
                .findOne();
    }

    /** Moves one task from {@code before} (null: new) to {@code after} (null: deleted). */
    static void moved(Handle handle, Key before, Key after) {
        if (before != null && before.equals(after)) {
            return;
        }
        if (before != null) {
            add(handle, before, -1);
        }
        if (after != null) {
            add(handle, after, 1);
        }
    }

    private static void add(Handle handle, Key key, int delta) {
        int updated = handle.createUpdate("UPDATE task_status_totals SET tasks = tasks + :d WHERE workspace_key = :w "
                        + "AND status = :s AND awaiting_approval = :a AND dependency_blocked = :b")
                .bind("d", delta)
                .bind("w", key.workspaceKey())
                .bind("s", key.status())
                .bind("a", key.awaitingApproval())
                .bind("b", key.dependencyBlocked())
                .execute();
        if (updated == 0) {
            handle.createUpdate(
                            "INSERT INTO task_status_totals (workspace_key, status, awaiting_approval, dependency_blocked, "
                                    + "tasks) VALUES (:w, :s, :a, :b, :d)")
                    .bind("d", delta)
                    .bind("w", key.workspaceKey())
                    .bind("s", key.status())
                    .bind("a", key.awaitingApproval())
                    .bind("b", key.dependencyBlocked())
                    .execute();
        }
    }
}
