package dev.agh.store.jdbi;

import static dev.agh.store.jdbi.Rows.wire;

import dev.agh.domain.Task;
import dev.agh.domain.TaskStatus;
import dev.agh.store.TaskQuery;
import dev.agh.store.TaskTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

final class JdbiTaskTable implements TaskTable {
    private static final String COLUMNS =
            "id, identifier, scope, workspace_id, parent_task_id, depth, network_channel, "
                    + "title, description, priority, priority_rank, max_attempts, auto_enqueue, status, approval_policy, "
                    + "approval_state, owner_kind, owner_ref, created_by_kind, created_by_ref, origin_kind, origin_ref, "
                    + "created_at, updated_at, closed_at, metadata, last_activity_at, latest_event_seq, child_count, "
                    + "dependency_count, current_run_id, retry_strategy, retry_base_seconds, retry_max_seconds, retry_jitter, paused_at";
    private static final String VALUES = ":id, :identifier, :scope, :workspace_id, :parent_task_id, :depth, "
            + ":network_channel, :title, :description, :priority, :priority_rank, :max_attempts, :auto_enqueue, :status, "
            + ":approval_policy, :approval_state, :owner_kind, :owner_ref, :created_by_kind, :created_by_ref, "
            + ":origin_kind, :origin_ref, :created_at, :updated_at, :closed_at, :metadata, :last_activity_at, "
            + ":latest_event_seq, :child_count, :dependency_count, :current_run_id, :retry_strategy, :retry_base_seconds, "
            + ":retry_max_seconds, :retry_jitter, :paused_at";
    private static final String ORDER = " ORDER BY last_activity_at DESC, updated_at DESC, created_at DESC, id DESC";

    private final Handle handle;
    private final RawSql sql;

    JdbiTaskTable(Handle handle, RawSql sql) {
        this.handle = handle;
        this.sql = sql;
    }

    @Override
    public Optional<Task> find(String id) {
        // Read by every run change: plain JDBC (see RawSql), like updateState and touch.
        return sql.one("SELECT * FROM tasks WHERE id = ?", rs -> Rows.TASK.map(rs, null), id);
    }

    @Override
    public Optional<Task> lock(String id) {
        // No row lock needed: every write transaction already holds the event-sequence lock, which
        // serializes all writers of every process and node (see SequenceLease).
        return find(id);
    }

    @Override
    public boolean exists(String id) {
        return sql.count("SELECT COUNT(*) FROM tasks WHERE id = ?", id) > 0;
    }

    @Override
    public void insert(Task task) {
        bind(handle.createUpdate("INSERT INTO tasks (" + COLUMNS + ") VALUES (" + VALUES + ")"), task)
                .execute();
        TaskStatusTotals.moved(handle, null, TaskStatusTotals.Key.of(task));
    }

    @Override
    public void update(Task task) {
        StringBuilder set = new StringBuilder();
        for (String column : COLUMNS.split(", ")) {
            if (!column.equals("id")) {
                set.append(set.length() == 0 ? "" : ", ")
                        .append(column)
                        .append(" = :")
                        .append(column);
            }
        }
        var before = TaskStatusTotals.stored(handle, task.id());
        bind(handle.createUpdate("UPDATE tasks SET " + set + " WHERE id = :id"), task)
                .execute();
        before.ifPresent(b -> TaskStatusTotals.moved(handle, b.key(), TaskStatusTotals.Key.of(task)));
    }

    @Override
    public void updateState(Task t, TaskStatus storedStatus) {
        // The hot path of every run change: five columns instead of thirty.
        sql.update(
                "UPDATE tasks SET status = ?, closed_at = ?, updated_at = ?, "
                        + "last_activity_at = GREATEST(last_activity_at, ?), current_run_id = ? WHERE id = ?",
                wire(t.status()),
                Micros.of(t.closedAt()),
                Micros.of(t.updatedAt()),
                Micros.of(t.lastActivityAt()),
                t.currentRunId(),
                t.id());
        if (storedStatus != t.status()) {
            // Approval and dependencies are as stored: this write changes neither.
            TaskStatusTotals.Key after = TaskStatusTotals.Key.of(t);
            TaskStatusTotals.moved(
                    handle, after.withStatus(wire(storedStatus), wire(t.approvalState()), t.dependencyCount()), after);
        }
    }

    @Override
    public void delete(String id) {
        deleteRow(id, true);
    }

    @Override
    public void deleteLeavingMaximaStale(String id) {
        deleteRow(id, false);
    }

    private void deleteRow(String id, boolean recountMaxima) {
        FinishedRunTotals.forgetTask(handle, id, recountMaxima);
        TaskStatusTotals.stored(handle, id).ifPresent(b -> TaskStatusTotals.moved(handle, b.key(), null));
        handle.createUpdate("DELETE FROM tasks WHERE id = :id").bind("id", id).execute();
    }

    @Override
    public void touch(String id, long eventSeq, java.time.Instant at) {
        sql.update(
                "UPDATE tasks SET latest_event_seq = GREATEST(latest_event_seq, ?), "
                        + "last_activity_at = GREATEST(last_activity_at, ?) WHERE id = ?",
                eventSeq,
                Micros.of(at),
                id);
    }

    @Override
    public List<Task> list(TaskQuery q) {
        List<String> where = new ArrayList<>();
        if (q.scope() != null) {
            where.add("scope = :scope");
        }
        if (q.workspaceId() != null) {
            where.add("workspace_id = :workspace_id");
        }
        if (q.status() != null) {
            where.add("status = :status");
        } else if (!q.includeDrafts()) {
            where.add("status <> 'draft'");
        }
        if (q.priority() != null) {
            where.add("priority = :priority");
        }
        if (q.approvalState() != null) {
            where.add("approval_state = :approval_state");
        }
        if (q.ownerKind() != null) {
            where.add("owner_kind = :owner_kind");
        }
        if (q.ownerRef() != null) {
            where.add("owner_ref = :owner_ref");
        }
        if (q.parentTaskId() != null) {
            where.add("parent_task_id = :parent_task_id");
        }
        if (q.networkChannel() != null) {
            where.add("network_channel = :network_channel");
        }
        if (q.text() != null) {
            where.add("(LOWER(title) LIKE :text ESCAPE '!' OR LOWER(identifier) LIKE :text ESCAPE '!')");
        }
        if (q.after() != null) {
            where.add("(last_activity_at, updated_at, created_at, id) < (:c_activity, :c_updated, :c_created, :c_id)");
        }
        String sql = "SELECT * FROM tasks" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + ORDER
                + (q.limit() > 0 ? " LIMIT " + q.limit() : "");
        var query = handle.createQuery(sql)
                .bind("scope", wire(q.scope()))
                .bind("workspace_id", q.workspaceId())
                .bind("status", wire(q.status()))
                .bind("priority", wire(q.priority()))
                .bind("approval_state", wire(q.approvalState()))
                .bind("owner_kind", wire(q.ownerKind()))
                .bind("owner_ref", q.ownerRef())
                .bind("parent_task_id", q.parentTaskId())
                .bind("network_channel", q.networkChannel())
                .bind("c_activity", q.after() == null ? null : q.after().lastActivityMicros())
                .bind("c_updated", q.after() == null ? null : q.after().updatedMicros())
                .bind("c_created", q.after() == null ? null : q.after().createdMicros())
                .bind("c_id", q.after() == null ? null : q.after().id())
                .bind(
                        "text",
                        q.text() == null ? null : "%" + escapeLike(q.text().toLowerCase(Locale.ROOT)) + "%");
        return query.map(Rows.TASK).list();
    }

    @Override
    public List<Task> children(String parentId) {
        return handle.createQuery("SELECT * FROM tasks WHERE parent_task_id = :p ORDER BY created_at, id")
                .bind("p", parentId)
                .map(Rows.TASK)
                .list();
    }

    @Override
    public List<Task> findAll(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return handle.createQuery("SELECT * FROM tasks WHERE id IN (<ids>)")
                .bindList("ids", ids)
                .map(Rows.TASK)
                .list();
    }

    private static String escapeLike(String text) {
        // '!' rather than a backslash: Jdbi's parser reads \' as an escaped quote.
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static <S extends SqlStatement<S>> S bind(S statement, Task t) {
        return statement
                .bind("id", t.id())
                .bind("identifier", t.identifier())
                .bind("scope", wire(t.scope()))
                .bind("workspace_id", t.workspaceId())
                .bind("parent_task_id", t.parentTaskId())
                .bind("depth", t.depth())
                .bind("network_channel", t.networkChannel())
                .bind("title", t.title())
                .bind("description", t.description())
                .bind("priority", wire(t.priority()))
                .bind("priority_rank", t.priority().rank())
                .bind("max_attempts", t.maxAttempts())
                .bind("auto_enqueue", t.autoEnqueueOnReady())
                .bind("status", wire(t.status()))
                .bind("approval_policy", wire(t.approvalPolicy()))
                .bind("approval_state", wire(t.approvalState()))
                .bind("owner_kind", t.owner() == null ? null : wire(t.owner().kind()))
                .bind("owner_ref", t.owner() == null ? null : t.owner().ref())
                .bind("created_by_kind", wire(t.createdBy().kind()))
                .bind("created_by_ref", t.createdBy().ref())
                .bind("origin_kind", wire(t.origin().kind()))
                .bind("origin_ref", t.origin().ref())
                .bind("created_at", Micros.of(t.createdAt()))
                .bind("updated_at", Micros.of(t.updatedAt()))
                .bind("closed_at", Micros.of(t.closedAt()))
                .bind("metadata", t.metadataJson())
                .bind("last_activity_at", Micros.of(t.lastActivityAt()))
                .bind("latest_event_seq", t.latestEventSeq())
                .bind("child_count", t.childCount())
                .bind("dependency_count", t.dependencyCount())
                .bind("current_run_id", t.currentRunId())
                .bind(
                        "retry_strategy",
                        t.retryPolicy() == null ? null : wire(t.retryPolicy().strategy()))
                .bind(
                        "retry_base_seconds",
                        t.retryPolicy() == null ? null : t.retryPolicy().baseDelaySeconds())
                .bind(
                        "retry_max_seconds",
                        t.retryPolicy() == null ? null : t.retryPolicy().maxDelaySeconds())
                .bind(
                        "retry_jitter",
                        t.retryPolicy() == null ? null : t.retryPolicy().jitter())
                .bind("paused_at", Micros.of(t.pausedAt()));
    }
}
