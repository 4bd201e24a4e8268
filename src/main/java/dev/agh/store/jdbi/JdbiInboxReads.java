package dev.agh.store.jdbi;

import static dev.agh.store.jdbi.ObserveSql.ACTIVE;
import static dev.agh.store.jdbi.Rows.wire;

import dev.agh.domain.Actor;
import dev.agh.domain.ActorKind;
import dev.agh.domain.Run;
import dev.agh.domain.Task;
import dev.agh.domain.Triage;
import dev.agh.store.ObserveTable.Filter;
import dev.agh.store.ObserveTable.InboxFilter;
import dev.agh.store.ObserveTable.InboxRow;
import dev.agh.store.ObserveTable.Lane;
import dev.agh.store.ObserveTable.LaneCount;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The inbox, read from index entries. A task's lane but for the actor's own part is the stored
 * {@code tasks.inbox_lane} (V007), and the {@code tasks_inbox} index holds every column a candidate
 * is classified and sorted by; the actor's triage rows come whole from {@code task_triage_actor}.
 * So the candidates (the three shared lanes, the actor's open tasks, the tasks whose run the actor
 * holds, the tasks the actor archived) cost index entries, lane, unread and dismissal are decided
 * here by the rules of {@link Triage#effective}, and only the items shown are read as rows.
 */
final class JdbiInboxReads {
    /** The lanes that do not depend on who asks, as {@code tasks.inbox_lane} stores them. */
    private static final Set<Lane> SHARED = Set.of(Lane.APPROVALS, Lane.FAILED_RUNS, Lane.BLOCKED);

    private static final String SHARED_LANES = "('approvals', 'failed_runs', 'blocked')";
    private static final String CANDIDATE = "SELECT t.id, t.inbox_lane, t.created_at, t.updated_at, t.closed_at, "
            + "t.last_activity_at, t.priority_rank";
    private static final String TASKS = " FROM tasks t";
    private static final String HELD_RUNS = " FROM task_runs h JOIN tasks t ON t.id = h.task_id";
    /**
     * Unread first, then latest activity, then priority, then id: the order of items in a lane. Written
     * out rather than chained from {@code Comparator.comparing}: it runs for every candidate of a lane
     * (tens of thousands), and the chain's lambdas and boxing took a third of the inbox's CPU.
     */
    private static final Comparator<Candidate> ORDER = (a, b) -> {
        if (a.unread != b.unread) {
            return a.unread ? -1 : 1;
        }
        int byActivity = Long.compare(b.activity, a.activity);
        if (byActivity != 0) {
            return byActivity;
        }
        int byPriority = Integer.compare(b.priorityRank, a.priorityRank);
        return byPriority != 0 ? byPriority : a.id.compareTo(b.id);
    };

    private final Handle handle;
    private Page last;

    JdbiInboxReads(Handle handle) {
        this.handle = handle;
    }

    List<LaneCount> inboxCounts(InboxFilter filter) {
        return page(filter).counts();
    }

    List<InboxRow> inboxItems(InboxFilter filter) {
        return page(filter).rows();
    }

    /** Counts and items of one inbox query; the inbox asks for both with one filter. */
    private record Page(InboxFilter filter, List<LaneCount> counts, List<InboxRow> rows) {}

    /** A task that may be in the actor's inbox, as its index entry tells it. */
    private static final class Candidate {
        final String id;
        final Lane lane;
        /** Latest activity in microseconds since the epoch: created, updated, closed or newest event. */
        final long activity;

        final int priorityRank;
        boolean unread;

        Candidate(String id, Lane lane, long activity, int priorityRank) {
            this.id = id;
            this.lane = lane;
            this.activity = activity;
            this.priorityRank = priorityRank;
        }

        String id() {
            return id;
        }
    }

    private Page page(InboxFilter filter) {
        if (last != null && last.filter().equals(filter)) {
            return last;
        }
        Map<String, Mark> triage = triageOf(filter.actor());
        Map<Lane, List<Candidate>> lanes = classify(filter, candidates(filter, triage), triage);
        List<LaneCount> counts = new ArrayList<>();
        List<Candidate> shown = new ArrayList<>();
        lanes.forEach((lane, items) -> {
            counts.add(new LaneCount(
                    lane, items.size(), items.stream().filter(c -> c.unread).count()));
            shown.addAll(first(items, filter.limitPerLane()));
        });
        last = new Page(filter, counts, rows(shown, triage, filter.actor()));
        return last;
    }

    /** Every task that may be in the caller's inbox under the filter; a lane filter skips the others' reads. */
    private List<Candidate> candidates(InboxFilter filter, Map<String, Mark> triage) {
        List<Candidate> candidates = new ArrayList<>();
        // Archived first: an archived task is in the archived lane whatever else holds for it.
        if (wants(filter, Lane.ARCHIVED)) {
            // Sorted: neighbouring keys are looked up in key order, page after page.
            List<String> archived = triage.values().stream()
                    .filter(Mark::archived)
                    .map(Mark::taskId)
                    .sorted()
                    .toList();
            for (List<String> ids : chunks(archived)) {
                readCandidates(filter, TASKS, "t.id IN (<ids>)", Map.of(), ids, Lane.ARCHIVED, candidates);
            }
        }
        String shared = filter.lane() == null
                ? "t.inbox_lane IN " + SHARED_LANES
                : SHARED.contains(filter.lane())
                        ? "t.inbox_lane = '" + filter.lane().wire() + "'"
                        : null;
        if (shared != null) {
            readCandidates(filter, TASKS, shared, Map.of(), List.of(), null, candidates);
        }
        if (wants(filter, Lane.MY_WORK)) {
            Actor actor = filter.actor();
            String ownerKind = ownerKindOf(actor.kind());
            if (!ownerKind.isEmpty()) {
                readCandidates(
                        filter,
                        TASKS,
                        "t.inbox_lane = 'open' AND t.owner_kind = :owner_kind_of_actor "
                                + "AND t.owner_ref = :actor_ref",
                        Map.of("owner_kind_of_actor", ownerKind, "actor_ref", actor.ref()),
                        List.of(),
                        Lane.MY_WORK,
                        candidates);
            }
            // From the runs the actor holds to their tasks, not the other way: the actor holds few runs.
            readCandidates(
                    filter,
                    HELD_RUNS,
                    "t.inbox_lane = 'open' AND h.status IN " + ACTIVE
                            + " AND h.claimed_by_kind = :actor_kind AND h.claimed_by_ref = :actor_ref",
                    Map.of("actor_kind", wire(actor.kind()), "actor_ref", actor.ref()),
                    List.of(),
                    Lane.MY_WORK,
                    candidates);
        }
        return candidates;
    }

    /**
     * The candidates by lane after dismissal and the lane and unread filters, each marked unread or not
     * by the rules of {@link Triage#effective}; a task read twice is kept once.
     */
    private static Map<Lane, List<Candidate>> classify(
            InboxFilter filter, List<Candidate> candidates, Map<String, Mark> triage) {
        Map<Lane, List<Candidate>> lanes = new EnumMap<>(Lane.class);
        Set<String> myWork = new HashSet<>();
        for (Candidate c : candidates) {
            if (c.lane == Lane.MY_WORK && !myWork.add(c.id)) {
                continue; // owned and held
            }
            Mark t = triage.get(c.id);
            if (c.lane != Lane.ARCHIVED && t != null && t.archived()) {
                continue; // in the archived lane, read first
            }
            if (c.lane != Lane.ARCHIVED && hidden(t, c.activity)) {
                continue;
            }
            c.unread = c.lane != Lane.ARCHIVED && unread(t, c.activity);
            if (wants(filter, c.lane) && (!filter.unreadOnly() || c.unread)) {
                lanes.computeIfAbsent(c.lane, l -> new ArrayList<>()).add(c);
            }
        }
        return lanes;
    }

    private static boolean wants(InboxFilter filter, Lane lane) {
        return filter.lane() == null || filter.lane() == lane;
    }

    /** The first {@code limit} items in {@link #ORDER} (all when 0): a bounded heap, not a sort of the lane. */
    private static List<Candidate> first(List<Candidate> items, int limit) {
        if (limit <= 0 || items.size() <= limit) {
            List<Candidate> all = new ArrayList<>(items);
            all.sort(ORDER);
            return all;
        }
        PriorityQueue<Candidate> kept = new PriorityQueue<>(limit + 1, ORDER.reversed());
        for (Candidate c : items) {
            if (kept.size() < limit) {
                kept.add(c);
            } else if (ORDER.compare(c, kept.peek()) < 0) {
                // Only a candidate ahead of the last one kept enters: most of a long lane is dropped at one compare.
                kept.poll();
                kept.add(c);
            }
        }
        List<Candidate> firstItems = new ArrayList<>(kept);
        firstItems.sort(ORDER);
        return firstItems;
    }

    /**
     * Adds the tasks of {@code from} matching {@code condition} (with {@code params}, and {@code <ids>}
     * bound to {@code ids}) and the filter to {@code into}, in the lane given, or
     * (lane null) in their stored shared lane. A task can be read twice: archived and in a shared
     * lane, or owned and held; {@link #page} keeps one.
     */
    private void readCandidates(
            InboxFilter filter,
            String from,
            String condition,
            Map<String, Object> params,
            List<String> ids,
            Lane lane,
            List<Candidate> into) {
        ObserveSql sql = taskSql(filter);
        sql.and(condition);
        sql.binds.putAll(params);
        Query query = handle.createQuery(CANDIDATE + from + sql.where()).bindMap(sql.binds);
        if (!ids.isEmpty()) {
            query.bindList("ids", ids);
        }
        // Columns by position (see CANDIDATE) and longs rather than Instants: a lane can hold tens of
        // thousands of candidates, and few of them are shown.
        query.map((rs, ctx) -> {
                    long activity =
                            Math.max(Math.max(rs.getLong(3), rs.getLong(4)), Math.max(rs.getLong(5), rs.getLong(6)));
                    return new Candidate(
                            rs.getString(1), lane != null ? lane : sharedLane(rs.getString(2)), activity, rs.getInt(7));
                })
                .forEach(into::add);
    }

    /** {@code list} in pieces of at most 500: the size of one {@code IN} list. */
    private static <T> List<List<T>> chunks(List<T> list) {
        List<List<T>> pieces = new ArrayList<>();
        for (int from = 0; from < list.size(); from += 500) {
            pieces.add(list.subList(from, Math.min(list.size(), from + 500)));
        }
        return pieces;
    }

    /** The task conditions of the filter. */
    private static ObserveSql taskSql(InboxFilter filter) {
        ObserveSql sql = new ObserveSql();
        Filter tasks = filter.tasks() == null ? Filter.NONE : filter.tasks();
        sql.taskConditions(new Filter(
                tasks.scope(), tasks.workspaceId(), tasks.ownerKind(), tasks.ownerRef(), null, null, tasks.text()));
        return sql;
    }

    /**
     * One triage row of the actor, times in microseconds ({@link #NEVER}: not seen): a caller can have
     * triaged thousands of tasks, and only the rows of the items shown become {@link Triage}s.
     */
    private record Mark(String taskId, boolean read, boolean archived, boolean dismissed, long lastSeen, long updated) {
        static final long NEVER = Long.MIN_VALUE;

        Triage toTriage(Actor actor) {
            return new Triage(taskId, actor, read, archived, dismissed, instant(lastSeen), instant(updated));
        }

        private static Instant instant(long micros) {
            return micros == NEVER ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
        }
    }

    /** Every triage row of the actor, by task. */
    private Map<String, Mark> triageOf(Actor actor) {
        Map<String, Mark> byTask = new HashMap<>();
        handle.createQuery("SELECT task_id, is_read, archived, dismissed, last_seen_activity_at, updated_at "
                        + "FROM task_triage_state WHERE actor_kind = :k AND actor_ref = :r")
                .bind("k", wire(actor.kind()))
                .bind("r", actor.ref())
                .map((rs, ctx) -> {
                    long lastSeen = rs.getLong(5);
                    return new Mark(
                            rs.getString(1),
                            rs.getBoolean(2),
                            rs.getBoolean(3),
                            rs.getBoolean(4),
                            rs.wasNull() ? Mark.NEVER : lastSeen,
                            rs.getLong(6));
                })
                .forEach(t -> byTask.put(t.taskId(), t));
        return byTask;
    }

    private static Lane sharedLane(String stored) {
        return switch (stored) {
            case "approvals" -> Lane.APPROVALS;
            case "failed_runs" -> Lane.FAILED_RUNS;
            case "blocked" -> Lane.BLOCKED;
            default -> throw new IllegalStateException("not a shared inbox lane: " + stored);
        };
    }

    /** Dismissed, and nothing happened since it was seen (an archived task is never hidden). */
    private static boolean hidden(Mark t, long activity) {
        return t != null && !t.archived() && t.dismissed() && t.lastSeen() != Mark.NEVER && activity <= t.lastSeen();
    }

    /** Never triaged, active since last seen, or not marked read. */
    private static boolean unread(Mark t, long activity) {
        if (t == null || t.lastSeen() == Mark.NEVER || activity > t.lastSeen()) {
            return true;
        }
        return !t.read();
    }

    /** The rows of the items shown: their tasks and latest runs, in lane then item order. */
    private List<InboxRow> rows(List<Candidate> shown, Map<String, Mark> triage, Actor actor) {
        Map<String, Task> tasks = new HashMap<>();
        List<String> latestRunIds = new ArrayList<>();
        List<String> ids = shown.stream().map(Candidate::id).toList();
        for (List<String> chunk : chunks(ids)) {
            handle.createQuery("SELECT * FROM tasks WHERE id IN (<ids>)")
                    .bindList("ids", chunk)
                    .map((rs, ctx) -> {
                        String latestRunId = rs.getString("latest_run_id");
                        if (latestRunId != null) {
                            latestRunIds.add(latestRunId);
                        }
                        return Rows.TASK.map(rs, ctx);
                    })
                    .forEach(task -> tasks.put(task.id(), task));
        }
        Map<String, Run> latest = latestRuns(latestRunIds);
        List<InboxRow> rows = new ArrayList<>(shown.size());
        for (Candidate c : shown) {
            Task task = tasks.get(c.id);
            if (task != null) { // deleted between the two reads
                Mark mark = triage.get(c.id);
                rows.add(new InboxRow(
                        task,
                        c.lane,
                        c.unread,
                        Instant.EPOCH.plus(c.activity, ChronoUnit.MICROS),
                        mark == null ? null : mark.toTriage(actor),
                        latest.get(c.id)));
            }
        }
        return rows;
    }

    /** The runs named by {@code tasks.latest_run_id} of the items, by task id. */
    private Map<String, Run> latestRuns(List<String> runIds) {
        Map<String, Run> byTask = new HashMap<>();
        for (List<String> chunk : chunks(runIds)) {
            handle.createQuery("SELECT * FROM task_runs WHERE id IN (<ids>)")
                    .bindList("ids", chunk)
                    .map(Rows.RUN)
                    .forEach(run -> byTask.put(run.taskId(), run));
        }
        return byTask;
    }

    private static String ownerKindOf(ActorKind kind) {
        return switch (kind) {
            case HUMAN -> "human";
            case AGENT_SESSION -> "agent_session";
            case AUTOMATION -> "automation";
            case EXTENSION -> "extension";
            case NETWORK_PEER -> "network_peer";
            case DAEMON -> "";
        };
    }
}
