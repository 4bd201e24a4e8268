package dev.agh.store.jdbi;

import dev.agh.domain.Actor;
import dev.agh.domain.ActorKind;
import dev.agh.domain.AgentSession;
import dev.agh.domain.ApprovalPolicy;
import dev.agh.domain.ApprovalState;
import dev.agh.domain.Dependency;
import dev.agh.domain.Event;
import dev.agh.domain.Origin;
import dev.agh.domain.OriginKind;
import dev.agh.domain.Owner;
import dev.agh.domain.OwnerKind;
import dev.agh.domain.Priority;
import dev.agh.domain.RetryPolicy;
import dev.agh.domain.RetryStrategy;
import dev.agh.domain.Run;
import dev.agh.domain.RunStatus;
import dev.agh.domain.Scope;
import dev.agh.domain.SessionState;
import dev.agh.domain.Task;
import dev.agh.domain.TaskStatus;
import dev.agh.domain.Workspace;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.mapper.RowMapper;

/** Row mappers from the columns of V001 to domain records. */
final class Rows {
    private Rows() {}

    static final RowMapper<Task> TASK = (rs, ctx) -> new Task(
            rs.getString("id"),
            rs.getString("identifier"),
            enumOf(Scope.class, rs.getString("scope")),
            rs.getString("workspace_id"),
            rs.getString("parent_task_id"),
            rs.getInt("depth"),
            rs.getString("network_channel"),
            rs.getString("title"),
            rs.getString("description"),
            enumOf(Priority.class, rs.getString("priority")),
            rs.getInt("max_attempts"),
            rs.getBoolean("auto_enqueue"),
            enumOf(TaskStatus.class, rs.getString("status")),
            enumOf(ApprovalPolicy.class, rs.getString("approval_policy")),
            enumOf(ApprovalState.class, rs.getString("approval_state")),
            owner(rs),
            new Actor(enumOf(ActorKind.class, rs.getString("created_by_kind")), rs.getString("created_by_ref")),
            new Origin(enumOf(OriginKind.class, rs.getString("origin_kind")), rs.getString("origin_ref")),
            Micros.get(rs, "created_at"),
            Micros.get(rs, "updated_at"),
            Micros.get(rs, "closed_at"),
            rs.getString("metadata"),
            Micros.get(rs, "last_activity_at"),
            rs.getLong("latest_event_seq"),
            rs.getInt("child_count"),
            rs.getInt("dependency_count"),
            rs.getString("current_run_id"),
            retryPolicy(rs),
            Micros.get(rs, "paused_at"));

    static final RowMapper<Run> RUN = (rs, ctx) -> new Run(
            rs.getString("id"),
            rs.getString("task_id"),
            enumOf(RunStatus.class, rs.getString("status")),
            rs.getInt("attempt"),
            rs.getString("claimed_by_kind") == null
                    ? null
                    : new Actor(
                            enumOf(ActorKind.class, rs.getString("claimed_by_kind")), rs.getString("claimed_by_ref")),
            rs.getString("session_id"),
            new Origin(enumOf(OriginKind.class, rs.getString("origin_kind")), rs.getString("origin_ref")),
            rs.getString("idempotency_key"),
            rs.getString("network_channel"),
            rs.getString("claim_token_hash"),
            Micros.get(rs, "lease_until"),
            Micros.get(rs, "heartbeat_at"),
            rs.getString("coordination_channel_id"),
            Micros.get(rs, "queued_at"),
            Micros.get(rs, "claimed_at"),
            Micros.get(rs, "started_at"),
            Micros.get(rs, "ended_at"),
            rs.getString("error"),
            rs.getString("metadata"),
            rs.getString("result"),
            rs.getInt("lease_expiries"),
            splitCapabilities(rs.getString("required_capabilities")),
            Micros.get(rs, "not_before"));

    static final RowMapper<Dependency> DEPENDENCY = (rs, ctx) -> new Dependency(
            rs.getString("task_id"),
            rs.getString("depends_on_task_id"),
            rs.getString("kind"),
            Micros.get(rs, "created_at"));

    static final RowMapper<Event> EVENT = (rs, ctx) -> new Event(
            rs.getLong("sequence"),
            rs.getString("id"),
            rs.getString("task_id"),
            rs.getString("run_id"),
            rs.getString("event_type"),
            new Actor(enumOf(ActorKind.class, rs.getString("actor_kind")), rs.getString("actor_ref")),
            new Origin(enumOf(OriginKind.class, rs.getString("origin_kind")), rs.getString("origin_ref")),
            rs.getString("payload"),
            Micros.get(rs, "created_at"));

    static final RowMapper<Workspace> WORKSPACE = (rs, ctx) ->
            new Workspace(rs.getString("id"), rs.getString("name"), rs.getString("path"), Micros.get(rs, "created_at"));

    /** The task's own policy, or null when it follows the server's default. */
    private static RetryPolicy retryPolicy(ResultSet rs) throws SQLException {
        String strategy = rs.getString("retry_strategy");
        if (strategy == null) {
            return null;
        }
        RetryStrategy parsed = enumOf(RetryStrategy.class, strategy);
        return parsed == RetryStrategy.NONE
                ? RetryPolicy.NONE
                : new RetryPolicy(
                        parsed,
                        rs.getLong("retry_base_seconds"),
                        rs.getLong("retry_max_seconds"),
                        rs.getDouble("retry_jitter"));
    }

    private static Owner owner(ResultSet rs) throws SQLException {
        String kind = rs.getString("owner_kind");
        return kind == null ? null : new Owner(enumOf(OwnerKind.class, kind), rs.getString("owner_ref"));
    }

    static final RowMapper<AgentSession> SESSION = (rs, ctx) -> new AgentSession(
            rs.getString("session_id"),
            rs.getString("agent_name"),
            rs.getString("workspace_id"),
            rs.getString("name"),
            rs.getString("channel"),
            splitCapabilities(rs.getString("capabilities")),
            enumOf(SessionState.class, rs.getString("state")),
            rs.getString("token_hash"),
            Micros.get(rs, "created_at"),
            Micros.get(rs, "updated_at"));

    /** Capabilities never contain commas or spaces (validated), so a comma list is exact. */
    static String joinCapabilities(List<String> capabilities) {
        return capabilities == null || capabilities.isEmpty() ? null : String.join(",", capabilities);
    }

    static List<String> splitCapabilities(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, String wire) {
        return Enum.valueOf(type, wire.toUpperCase(Locale.ROOT));
    }

    static String wire(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
