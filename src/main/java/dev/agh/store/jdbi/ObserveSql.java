package dev.agh.store.jdbi;

import static dev.agh.store.jdbi.Rows.wire;

import dev.agh.store.ObserveTable.Filter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** SQL pieces shared by the dashboard and inbox reads: WHERE conditions with their parameters. */
final class ObserveSql {
    static final String ACTIVE = "('queued', 'claimed', 'starting', 'running')";
    /**
     * Runs claimed and not finished: counted live with their latencies; queued runs are counted from
     * index entries, finished ones come from finished_run_totals.
     */
    static final String STARTED_UNFINISHED = "('claimed', 'starting', 'running', 'needs_attention')";

    final List<String> conditions = new ArrayList<>();
    final Map<String, Object> binds = new LinkedHashMap<>();

    void and(String condition) {
        conditions.add(condition);
    }

    String where() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** Conditions of the task set on alias {@code t}; true when there is any (the tasks table is needed). */
    boolean taskConditions(Filter f) {
        int before = conditions.size();
        if (f.scope() != null) {
            and("t.scope = :scope");
            binds.put("scope", wire(f.scope()));
        }
        if (f.workspaceId() != null) {
            and("t.workspace_id = :workspace_id");
            binds.put("workspace_id", f.workspaceId());
        }
        if (f.ownerKind() != null) {
            and("t.owner_kind = :owner_kind");
            binds.put("owner_kind", wire(f.ownerKind()));
        }
        if (f.ownerRef() != null) {
            and("t.owner_ref = :owner_ref");
            binds.put("owner_ref", f.ownerRef());
        }
        if (f.networkChannel() != null) {
            and("t.network_channel = :channel");
            binds.put("channel", f.networkChannel());
        }
        if (f.originKind() != null) {
            and("t.origin_kind = :origin_kind");
            binds.put("origin_kind", wire(f.originKind()));
        }
        if (f.text() != null && !f.text().isEmpty()) {
            and("(LOWER(t.title) LIKE :text ESCAPE '!' OR LOWER(t.identifier) LIKE :text ESCAPE '!')");
            binds.put("text", "%" + escapeLike(f.text().toLowerCase(Locale.ROOT)) + "%");
        }
        return conditions.size() > before;
    }

    /** The run channel and origin conditions (the task's are in {@link #taskConditions}). */
    void runConditions(Filter f) {
        if (f.networkChannel() != null) {
            and("r.network_channel = :channel");
            binds.put("channel", f.networkChannel());
        }
        if (f.originKind() != null) {
            and("r.origin_kind = :run_origin_kind");
            binds.put("run_origin_kind", wire(f.originKind()));
        }
    }

    /** {@code FROM task_runs r}, joined with its task only when a task condition needs it. */
    String runFrom(Filter f) {
        boolean join = taskConditions(f);
        runConditions(f);
        return " FROM task_runs r" + (join ? " JOIN tasks t ON t.id = r.task_id" : "");
    }

    /**
     * {@code FROM task_runs r} for the runs of the tasks in {@code f}: by the runs' own copy of the
     * workspace when that is all {@code f} asks (no join, and the covering index serves it), else
     * {@link #runFrom}.
     */
    String runsOf(Filter f) {
        if (byWorkspaceOnly(f)) {
            workspaceKeyConditions(f, "r.workspace_key");
            return " FROM task_runs r";
        }
        return runFrom(f);
    }

    /**
     * True when {@code f} selects tasks by scope and workspace at most: then the runs of the task set
     * are those with a matching {@code task_runs.workspace_key} (a copy of the task's workspace, which
     * never changes; '' for global tasks), and no join is needed.
     */
    static boolean byWorkspaceOnly(Filter f) {
        return f.ownerKind() == null
                && f.ownerRef() == null
                && f.networkChannel() == null
                && f.originKind() == null
                && (f.text() == null || f.text().isEmpty());
    }

    /** The {@link #byWorkspaceOnly} conditions on a {@code workspace_key} column. */
    void workspaceKeyConditions(Filter f, String column) {
        if (f.workspaceId() != null) {
            and(column + " = :workspace_key");
            binds.put("workspace_key", f.workspaceId());
        } else if (f.scope() != null) {
            and(column + (f.scope() == dev.agh.domain.Scope.GLOBAL ? " = ''" : " <> ''"));
        }
    }

    static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    static Instant micros(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.EPOCH.plus(value, ChronoUnit.MICROS);
    }

    static Instant max(Instant... instants) {
        Instant max = null;
        for (Instant i : instants) {
            if (i != null && (max == null || i.isAfter(max))) {
                max = i;
            }
        }
        return max;
    }
}
