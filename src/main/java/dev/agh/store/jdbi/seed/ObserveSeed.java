package dev.agh.store.jdbi.seed;

import dev.agh.domain.EventType;
import dev.agh.domain.RunStatus;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Fills a freshly migrated store with a realistic history for {@code agh bench dashboard}: tasks in
 * every status, runs whose latest attempt agrees with their task's status (as {@code
 * TaskStatusRule} would derive it), sessions, dependencies, the benchmark actor's triage rows and
 * one event per task and per run; the summaries of V005 (each task's latest run, the totals of
 * tasks and of finished runs) are written as the store keeps them. Written with JDBC batches straight
 * into the tables ({@link SeedRows}): the service writes one operation per transaction, which for
 * 300,000 runs would take longer than the benchmark.
 * Deterministic for a given size (fixed random seed), relative to {@code now}.
 */
public final class ObserveSeed {
    /** The human actor of the seeded triage rows: the benchmark reads the inbox as this one. */
    public static final String ACTOR = "bench";

    static final int WORKSPACES = 5;
    private static final String[] CHANNELS = {null, "alpha", "beta"};
    private static final String[] PRIORITIES = {"low", "medium", "medium", "high", "urgent"};
    private static final int[] RANKS = {10, 20, 20, 30, 40};
    private static final String[] HUMANS = {ACTOR, "alice", "bob", "carol"};
    private static final int SESSIONS = 40;

    private final Connection db;
    private final Random random = new Random(7433);
    private final Instant now;
    private final List<String> workspaces = new ArrayList<>();
    private final List<String> sessions = new ArrayList<>();
    private final SeedTotals totals = new SeedTotals();
    /** Tasks that can be depended on while open: the queued and active ones seeded so far. */
    private final List<String> openTargets = new ArrayList<>();
    /** The batches being written, while {@link #fill} runs. */
    private SeedRows rows;

    private int runsLeft;
    private int runTasksLeft;

    private ObserveSeed(Connection db, Instant now) {
        this.db = db;
        this.now = now;
    }

    /** Seeds {@code tasks} tasks and {@code runs} runs into the migrated, empty database at {@code jdbcUrl}. */
    public static void seed(String jdbcUrl, int tasks, int runs, Instant now, Consumer<String> progress) {
        try (Connection db = DriverManager.getConnection(jdbcUrl)) {
            db.setAutoCommit(false);
            new ObserveSeed(db, now).fill(tasks, runs, progress);
        } catch (SQLException e) {
            throw new IllegalStateException("seeding failed: " + e.getMessage(), e);
        }
    }

    private void fill(int taskCount, int runCount, Consumer<String> progress) throws SQLException {
        // Stores from before V005 have no summaries: seeding them too lets the benchmark compare versions.
        boolean summaries = hasTable("finished_run_totals");
        seedWorkspacesAndSessions();
        int withRuns = 0;
        for (int i = 0; i < taskCount; i++) {
            if (SeedKind.of(i).hasRuns()) {
                withRuns++;
            }
        }
        try (SeedRows opened = new SeedRows(db, summaries, () -> id("evt-"))) {
            rows = opened;
            runsLeft = runCount;
            runTasksLeft = withRuns;
            for (int i = 0; i < taskCount; i++) {
                seedTask(i, taskCount);
                rows.flushWhenFull();
                if ((i + 1) % 10_000 == 0) {
                    progress.accept(
                            "seeded " + (i + 1) + "/" + taskCount + " tasks, " + (runCount - runsLeft) + " runs");
                }
            }
            rows.flush();
            if (summaries) {
                totals.insert(db);
            }
            try (PreparedStatement counter =
                    db.prepareStatement("UPDATE agh_counters SET counter_value = ? WHERE name = 'event_seq'")) {
                counter.setLong(1, rows.eventSeq());
                counter.executeUpdate();
            }
            db.commit();
        }
    }

    /** What is known of a task while its runs are seeded. */
    private static final class Draft {
        final int index;
        final SeedKind kind;
        final String id;
        final String workspace;
        final String channel;
        final int priority;
        final String ownerKind;
        final String ownerRef;
        final long created;
        long activity;
        String currentRun;
        String latestRun;
        String latestRunOutcome;

        Draft(
                int index,
                String id,
                String workspace,
                String channel,
                int priority,
                String ownerKind,
                String ownerRef,
                long created) {
            this.index = index;
            this.kind = SeedKind.of(index);
            this.id = id;
            this.workspace = workspace;
            this.channel = channel;
            this.priority = priority;
            this.ownerKind = ownerKind;
            this.ownerRef = ownerRef;
            this.created = created;
            this.activity = created;
        }

        String workspaceKey() {
            return workspace == null ? "" : workspace;
        }
    }

    /** Task {@code i} of {@code taskCount}: its runs, its dependency, its events, the row and the actor's triage. */
    private void seedTask(int i, int taskCount) throws SQLException {
        SeedKind kind = SeedKind.of(i);
        String taskId = id("task-");
        int ws = i % (WORKSPACES + 1);
        int owner = i % 10;
        String ownerKind = owner < 4 ? "human" : owner == 4 ? "pool" : null;
        String ownerRef = owner < 4 ? HUMANS[owner] : owner == 4 ? "bench-agent" : null;
        Draft task = new Draft(
                i,
                taskId,
                ws == WORKSPACES ? null : workspaces.get(ws),
                CHANNELS[i % CHANNELS.length],
                random.nextInt(PRIORITIES.length),
                ownerKind,
                ownerRef,
                micros(now.minus(Duration.ofMinutes(60L * 24 * 30 * (taskCount - i) / Math.max(1, taskCount))
                        .plusMinutes(90))));
        int n = 0;
        if (kind.hasRuns()) {
            n = runsLeft / runTasksLeft + (random.nextInt(runTasksLeft) < runsLeft % runTasksLeft ? 1 : 0);
            n = Math.max(1, n);
            runsLeft -= n;
            runTasksLeft--;
        }
        int maxAttempts = Math.min(10, Math.max(3, n + 1));
        if (kind == SeedKind.FAILED) {
            maxAttempts = Math.min(10, Math.max(1, n));
        }
        // Runs: attempts 1..n, a minute apart; the latest one decides the task status.
        for (int a = 1; a <= n; a++) {
            seedRun(task, a, a == n);
        }
        boolean dependencyBlocked = kind == SeedKind.DEPENDENCY && !openTargets.isEmpty();
        if (dependencyBlocked) {
            rows.dependency(taskId, openTargets.get(random.nextInt(openTargets.size())), task.created);
        }
        if (kind == SeedKind.QUEUED || kind == SeedKind.ACTIVE) {
            openTargets.add(taskId);
        }
        long created = rows.event(taskId, null, EventType.CREATED.wire(), task.created);
        String status = kind.taskStatus(i);
        boolean closed = kind == SeedKind.COMPLETED || kind == SeedKind.FAILED || kind == SeedKind.CANCELED;
        rows.task(new SeedRows.TaskRow(
                taskId,
                i,
                task.workspace == null ? "global" : "workspace",
                task.workspace,
                task.channel,
                "bench task " + (i + 1) + " " + kind.name().toLowerCase(),
                PRIORITIES[task.priority],
                RANKS[task.priority],
                maxAttempts,
                status,
                kind == SeedKind.APPROVAL || i % 11 == 0 ? "manual" : "none",
                kind == SeedKind.APPROVAL ? "pending" : i % 11 == 0 ? "approved" : "not_required",
                ownerKind,
                ownerRef,
                HUMANS[i % HUMANS.length],
                created,
                task.activity,
                closed ? task.activity : null,
                rows.eventSeq(),
                dependencyBlocked ? 1 : 0,
                task.currentRun,
                task.latestRun,
                task.latestRunOutcome));
        boolean blocked = status.equals("blocked");
        totals.task(task.workspaceKey(), status, blocked && kind == SeedKind.APPROVAL, blocked && dependencyBlocked);
        // The actor has looked at one task in twenty: read, some dismissed, some archived.
        if (i % 20 == 0) {
            int t = (i / 20) % 10;
            rows.triage(taskId, t < 7, t == 9, t == 8, t % 3 == 0 ? task.activity - 1 : task.activity, task.activity);
        }
    }

    /** Attempt {@code a} of the task's runs; the {@code last} one agrees with the task's status. */
    private void seedRun(Draft task, int a, boolean last) throws SQLException {
        int i = task.index;
        String runStatus = last ? task.kind.lastRunStatus(i) : (random.nextInt(5) == 0 ? "failed" : "completed");
        String runId = id("run-");
        long queued = task.created + a * 60_000_000L;
        Long claimed = null;
        Long started = null;
        Long ended = null;
        String session = null;
        String claimerKind = null;
        String claimerRef = null;
        String tokenHash = null;
        Long lease = null;
        if (!runStatus.equals("queued")) {
            claimed = queued + 1_000_000L + random.nextInt(5_000_000);
            if (runStatus.equals("canceled") && random.nextBoolean()) {
                claimed = null;
            } else {
                boolean byHuman = i % 97 == 0;
                session = byHuman ? null : sessions.get(random.nextInt(SESSIONS));
                claimerKind = byHuman ? "human" : "agent_session";
                claimerRef = byHuman ? ACTOR : session;
                if (!runStatus.equals("claimed")) {
                    started = claimed + 200_000L + random.nextInt(2_000_000);
                }
            }
        }
        if (runStatus.equals("completed") || runStatus.equals("failed") || runStatus.equals("canceled")) {
            ended = (started != null ? started : queued) + 5_000_000L + random.nextInt(600_000_000);
        } else if (!runStatus.equals("queued")) {
            // A held run of today: most recent, one in eight older than the stuck thresholds.
            long age = (i % 8 == 0 ? 40 : 1) * 60_000_000L;
            queued = micros(now) - age - 10_000_000L;
            claimed = queued + 2_000_000L;
            started = runStatus.equals("claimed") ? null : claimed + 500_000L;
            tokenHash = "sha256:" + id("");
            lease = micros(now.plus(Duration.ofMinutes(5)));
            task.currentRun = runId;
        } else {
            // Queued runs: mostly minutes old, a few waiting for over the backlog threshold.
            queued = micros(now) - (i % 50 == 0 ? 20 : 1) * 60_000_000L - random.nextInt(30_000_000);
        }
        boolean open = ended == null;
        task.latestRun = runId;
        task.latestRunOutcome = open ? null : runStatus;
        if (!open) {
            totals.finishedRun(task.workspaceKey(), runStatus, queued, claimed, started, ended);
        }
        rows.run(new SeedRows.RunRow(
                runId,
                task.id,
                runStatus,
                a,
                claimerKind,
                claimerRef,
                claimed == null ? null : session,
                task.channel,
                tokenHash,
                lease,
                lease == null ? null : micros(now),
                queued,
                claimed,
                started,
                ended,
                task.workspaceKey(),
                RANKS[task.priority],
                task.ownerKind,
                task.ownerRef,
                open && tokenHash != null && session != null ? session : null));
        long runActivity = max(queued, claimed, started, ended);
        task.activity = Math.max(task.activity, runActivity);
        EventType type = open
                ? EventType.RUN_ENQUEUED
                : EventType.runEnded(RunStatus.valueOf(runStatus.toUpperCase(java.util.Locale.ROOT)));
        rows.event(task.id, runId, type.wire(), runActivity);
        if (runStatus.equals("failed") && i % 400 == 0) {
            rows.event(task.id, runId, EventType.RUN_FORCE_STOPPED.wire(), runActivity);
        }
    }

    private boolean hasTable(String name) throws SQLException {
        for (String candidate : new String[] {name, name.toUpperCase(java.util.Locale.ROOT)}) {
            try (var tables = db.getMetaData().getTables(null, null, candidate, null)) {
                while (tables.next()) {
                    String schema = tables.getString("TABLE_SCHEM");
                    if (schema != null && schema.equalsIgnoreCase(db.getSchema())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void seedWorkspacesAndSessions() throws SQLException {
        try (PreparedStatement ws =
                        db.prepareStatement("INSERT INTO workspaces (id, name, path, created_at) VALUES (?, ?, ?, ?)");
                PreparedStatement s = db.prepareStatement(
                        "INSERT INTO agent_sessions (session_id, agent_name, workspace_id, name, "
                                + "channel, capabilities, state, token_hash, created_at, updated_at) VALUES (?, 'bench-agent', ?, ?, NULL, '', ?, ?, ?, ?)")) {
            for (int w = 0; w < WORKSPACES; w++) {
                String id = id("ws-");
                workspaces.add(id);
                ws.setString(1, id);
                ws.setString(2, "bench-" + w);
                ws.setString(3, "/bench/" + w);
                ws.setLong(4, micros(now.minus(Duration.ofDays(60))));
                ws.addBatch();
            }
            ws.executeBatch();
            for (int i = 0; i < SESSIONS; i++) {
                String id = id("sess-");
                sessions.add(id);
                s.setString(1, id);
                s.setString(2, workspaces.get(i % WORKSPACES));
                s.setString(3, "agent " + i);
                // A few sessions ended while still recorded on active runs: orphans the dashboard reports.
                s.setString(4, i % 10 == 9 ? "closed" : "active");
                s.setString(5, "sha256:" + id("tok-"));
                s.setLong(6, micros(now.minus(Duration.ofDays(1))));
                s.setLong(7, micros(now));
                s.addBatch();
            }
            s.executeBatch();
        }
        db.commit();
    }

    private String id(String prefix) {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    static long max(Long... values) {
        long max = Long.MIN_VALUE;
        for (Long v : values) {
            if (v != null) {
                max = Math.max(max, v);
            }
        }
        return max;
    }

    static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
