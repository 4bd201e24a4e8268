package dev.agh.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.api.InboxGroupPayload;
import dev.agh.api.InboxItemPayload;
import dev.agh.api.InboxPayload;
import dev.agh.api.Requests.AddWorkspace;
import dev.agh.api.Requests.ExecuteTask;
import dev.agh.domain.AghException;
import dev.agh.domain.OwnerKind;
import dev.agh.domain.Scope;
import dev.agh.service.Caller;
import dev.agh.store.ObserveTable.Filter;
import dev.agh.store.ObserveTable.Lane;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inbox against a model: a store built by random (seeded) operations through the service, then
 * every lane count, unread count and item order of the inbox, under many filters, compared with the
 * rules applied by brute force to the raw rows (every task, its latest run by attempt, the runs the
 * caller holds, the caller's triage rows). The store's candidate sets, its stored {@code inbox_lane}
 * and its index reads must add up to exactly what the rules say.
 */
abstract class InboxModelContract extends ObserveFixture {
    private static final List<Caller> OWNERS = List.of(ALICE, BOB, OPERATOR);

    @TempDir
    Path workspaceDir;

    @Test
    void inboxMatchesTheRulesOnARandomStore() throws Exception {
        String workspace = service.addWorkspace(OPERATOR, new AddWorkspace(workspaceDir.toString(), "model-ws"))
                .workspace()
                .id();
        for (long seed = 1; seed <= 3; seed++) {
            build(new Random(seed), "s" + seed + "-");
            for (Caller caller : List.of(ALICE, BOB)) {
                for (Filter filter : List.of(
                        Filter.NONE,
                        new Filter(null, workspace, null, null, null, null, null),
                        new Filter(Scope.GLOBAL, null, null, null, null, null, null),
                        new Filter(null, null, OwnerKind.HUMAN, "alice", null, null, null),
                        new Filter(null, null, null, null, null, null, "1"))) {
                    compare(caller, null, false, 0, filter);
                    compare(caller, null, false, 2, filter);
                    compare(caller, null, true, 0, filter);
                    for (Lane lane : Lane.values()) {
                        compare(caller, lane, false, 3, filter);
                    }
                }
            }
        }
    }

    /** Random tasks and operations; an operation the rules refuse is skipped. */
    private void build(Random random, String prefix) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = prefix + "t" + i;
            int owner = random.nextInt(5);
            boolean local = random.nextInt(3) == 0;
            create(id, s -> {
                s.title = "Task " + random.nextInt(30);
                s.priority = List.of("low", "medium", "high", "urgent").get(random.nextInt(4));
                s.draft = random.nextInt(12) == 0;
                s.approvalPolicy = random.nextInt(4) == 0 ? "manual" : null;
                if (local) {
                    s.scope = "workspace";
                    s.workspace = "model-ws";
                }
                if (owner < 2) {
                    s.owner("human", owner == 0 ? "alice" : "bob");
                } else if (owner == 2) {
                    s.owner("agent_session", "alice");
                }
            });
            ids.add(id);
        }
        for (int step = 0; step < 160; step++) {
            clock.advance(Duration.ofSeconds(1 + random.nextInt(90)));
            String id = ids.get(random.nextInt(ids.size()));
            Caller someone = OWNERS.get(random.nextInt(OWNERS.size()));
            try {
                switch (random.nextInt(11)) {
                    case 0 -> service.approveTask(OPERATOR, id, new ExecuteTask(null, null, null));
                    case 1 -> service.rejectTask(OPERATOR, id);
                    case 2 -> depend(id, ids.get(random.nextInt(ids.size())));
                    case 3 -> claim(someone, start(id).id());
                    case 4 -> fail(claimAndRun(id), "broken");
                    case 5 -> complete(claimAndRun(id));
                    case 6 -> service.triageRead(someone, id);
                    case 7 -> service.triageDismiss(someone, id);
                    case 8 -> service.triageArchive(someone, id);
                    case 9 -> touch(id);
                    default -> cancel(id);
                }
            } catch (AghException refused) {
                // Not allowed in the task's state: the store is unchanged, as the service promises.
            }
        }
    }

    private String claimAndRun(String taskId) {
        String run = start(taskId).id();
        claim(run);
        run(run);
        return run;
    }

    private void compare(Caller caller, Lane lane, boolean unread, int limit, Filter filter) throws Exception {
        String what = caller.actor().ref() + " lane=" + lane + " unread=" + unread + " limit=" + limit + " " + filter;
        Map<Lane, List<Item>> want = model(caller, filter, lane, unread);
        InboxPayload got = inbox(caller, lane, unread, limit, filter);
        Map<String, String> gotLanes = new LinkedHashMap<>();
        Map<String, String> wantLanes = new LinkedHashMap<>();
        for (InboxGroupPayload group : got.groups()) {
            List<String> items = group.items() == null
                    ? List.of()
                    : group.items().stream()
                            .map(InboxItemPayload::task)
                            .map(t -> t.id())
                            .toList();
            gotLanes.put(group.lane(), group.count() + "/" + group.unreadCount() + " " + items);
            List<Item> lanes = want.getOrDefault(Lane.ofWire(group.lane()), List.of());
            List<String> wantItems = lanes.stream()
                    .map(Item::id)
                    .limit(limit > 0 ? limit : Long.MAX_VALUE)
                    .toList();
            wantLanes.put(
                    group.lane(),
                    lanes.size() + "/" + lanes.stream().filter(Item::unread).count() + " " + wantItems);
        }
        assertThat(gotLanes).as(what).isEqualTo(wantLanes);
    }

    /** An inbox item of the model: the task, whether it is unread, its latest activity and priority. */
    private record Item(String id, boolean unread, long activity, int priorityRank) {}

    /** The documented rules, applied to every row of the store. */
    private Map<Lane, List<Item>> model(Caller caller, Filter filter, Lane onlyLane, boolean onlyUnread)
            throws Exception {
        String kind = caller.actor().kind().name().toLowerCase(java.util.Locale.ROOT);
        String ref = caller.actor().ref();
        Map<String, String> latestRun = new HashMap<>();
        Set<String> held = new HashSet<>();
        Map<String, boolean[]> triage = new HashMap<>();
        Map<String, Long> seen = new HashMap<>();
        Map<Lane, List<Item>> lanes = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT task_id, status, claimed_by_kind, claimed_by_ref FROM task_runs "
                    + "ORDER BY task_id, attempt DESC, queued_at DESC, id DESC")) {
                while (rs.next()) {
                    latestRun.putIfAbsent(rs.getString(1), rs.getString(2));
                    if (List.of("queued", "claimed", "starting", "running").contains(rs.getString(2))
                            && kind.equals(rs.getString(3))
                            && ref.equals(rs.getString(4))) {
                        held.add(rs.getString(1));
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT task_id, is_read, archived, dismissed, last_seen_activity_at "
                    + "FROM task_triage_state WHERE actor_kind = '" + kind + "' AND actor_ref = '" + ref + "'")) {
                while (rs.next()) {
                    triage.put(rs.getString(1), new boolean[] {rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4)});
                    long at = rs.getLong(5);
                    if (!rs.wasNull()) {
                        seen.put(rs.getString(1), at);
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT * FROM tasks")) {
                while (rs.next()) {
                    String id = rs.getString("id");
                    if (!matches(rs, filter)) {
                        continue;
                    }
                    String status = rs.getString("status");
                    boolean open =
                            !List.of("draft", "completed", "failed", "canceled").contains(status);
                    boolean mine = ((rs.getString("owner_kind") != null
                                            && rs.getString("owner_kind").equals(kind))
                                    && ref.equals(rs.getString("owner_ref")))
                            || held.contains(id);
                    boolean[] t = triage.get(id);
                    Lane lane;
                    if (t != null && t[1]) {
                        lane = Lane.ARCHIVED;
                    } else if ("blocked".equals(status)
                            && "manual".equals(rs.getString("approval_policy"))
                            && "pending".equals(rs.getString("approval_state"))) {
                        lane = Lane.APPROVALS;
                    } else if ("failed".equals(latestRun.get(id))) {
                        lane = Lane.FAILED_RUNS;
                    } else if ("blocked".equals(status)) {
                        lane = Lane.BLOCKED;
                    } else if (open && mine) {
                        lane = Lane.MY_WORK;
                    } else {
                        continue;
                    }
                    long activity = Math.max(
                            Math.max(rs.getLong("created_at"), rs.getLong("updated_at")),
                            Math.max(rs.getLong("closed_at"), rs.getLong("last_activity_at")));
                    Long lastSeen = seen.get(id);
                    boolean newer = lastSeen == null || activity > lastSeen;
                    if (lane != Lane.ARCHIVED && t != null && t[2] && !newer) {
                        continue; // dismissed, nothing new since
                    }
                    boolean unread = lane != Lane.ARCHIVED && (t == null || newer || !t[0]);
                    if ((onlyLane == null || onlyLane == lane) && (!onlyUnread || unread)) {
                        lanes.computeIfAbsent(lane, l -> new ArrayList<>())
                                .add(new Item(id, unread, activity, rs.getInt("priority_rank")));
                    }
                }
            }
        }
        lanes.values()
                .forEach(items -> items.sort(Comparator.comparing((Item i) -> !i.unread())
                        .thenComparing(Comparator.comparingLong(Item::activity).reversed())
                        .thenComparing(
                                Comparator.comparingInt(Item::priorityRank).reversed())
                        .thenComparing(Item::id)));
        return lanes;
    }

    private static boolean matches(ResultSet rs, Filter filter) throws java.sql.SQLException {
        if (filter.scope() != null && !filter.scope().name().equalsIgnoreCase(rs.getString("scope"))) {
            return false;
        }
        if (filter.workspaceId() != null && !filter.workspaceId().equals(rs.getString("workspace_id"))) {
            return false;
        }
        if (filter.ownerKind() != null
                && !(filter.ownerKind().name().equalsIgnoreCase(rs.getString("owner_kind"))
                        && filter.ownerRef().equals(rs.getString("owner_ref")))) {
            return false;
        }
        if (filter.text() != null) {
            String identifier = rs.getString("identifier");
            return rs.getString("title").toLowerCase(java.util.Locale.ROOT).contains(filter.text())
                    || (identifier != null
                            && identifier.toLowerCase(java.util.Locale.ROOT).contains(filter.text()));
        }
        return true;
    }
}
