package dev.agh.app.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Fills a freshly migrated store with a realistic history for {@code agh bench dashboard}: tasks in
 * every status, runs whose latest attempt agrees with their task's status (as {@code
 * TaskStatusRule} would derive it), sessions, dependencies, the benchmark actor's triage rows and
 * one event per task and per run; the summaries of V005 (each task's latest run, the totals of
 * tasks and of finished runs) are written as the store keeps them. Written with JDBC batches straight into the tables: the service
 * writes one operation per transaction, which for 300,000 runs would take longer than the benchmark.
 * Deterministic for a given size (fixed random seed), relative to {@code now}.
 */
final class ObserveSeed {
  static final String ACTOR = "bench";
  static final int WORKSPACES = 5;
  private static final int BATCH = 10_000;
  private static final String[] CHANNELS = {null, "alpha", "beta"};
  private static final String[] PRIORITIES = {"low", "medium", "medium", "high", "urgent"};
  private static final int[] RANKS = {10, 20, 20, 30, 40};
  private static final String[] HUMANS = {ACTOR, "alice", "bob", "carol"};
  private static final int SESSIONS = 40;

  /** What a seeded task is; the mix is by permille of the task index (see {@link #kindOf}). */
  enum Kind {
    DRAFT, APPROVAL, DEPENDENCY, QUEUED, RETRY, ACTIVE, COMPLETED, FAILED, CANCELED
  }

  private final Connection db;
  private final Random random = new Random(7433);
  private final Instant now;
  private final List<String> workspaces = new ArrayList<>();
  private final List<String> sessions = new ArrayList<>();
  /** Totals of finished runs by (workspace key, status), as finished_run_totals holds them. */
  private final Map<List<String>, long[]> finished = new HashMap<>();
  /** Tasks by (workspace key, status, awaiting approval, dependency blocked), as task_status_totals holds them. */
  private final Map<List<String>, Long> taskTotals = new HashMap<>();
  private long eventSeq;
  private PreparedStatement events;
  private int pendingEvents;

  private ObserveSeed(Connection db, Instant now) {
    this.db = db;
    this.now = now;
  }

  /** Seeds {@code tasks} tasks and {@code runs} runs into the migrated, empty database at {@code jdbcUrl}. */
  static void seed(String jdbcUrl, int tasks, int runs, Instant now, Consumer<String> progress) {
    try (Connection db = DriverManager.getConnection(jdbcUrl)) {
      db.setAutoCommit(false);
      new ObserveSeed(db, now).fill(tasks, runs, progress);
    } catch (SQLException e) {
      throw new IllegalStateException("seeding failed: " + e.getMessage(), e);
    }
  }

  static Kind kindOf(int index) {
    int permille = Math.floorMod(index * 7919, 1000);
    if (permille < 30) {
      return Kind.DRAFT;
    }
    if (permille < 60) {
      return Kind.APPROVAL;
    }
    if (permille < 100) {
      return Kind.DEPENDENCY;
    }
    if (permille < 150) {
      return Kind.QUEUED;
    }
    if (permille < 180) {
      return Kind.RETRY;
    }
    if (permille < 185) {
      return Kind.ACTIVE;
    }
    if (permille < 230) {
      return Kind.FAILED;
    }
    if (permille < 260) {
      return Kind.CANCELED;
    }
    return Kind.COMPLETED;
  }

  private static boolean hasRuns(Kind kind) {
    return kind != Kind.DRAFT && kind != Kind.APPROVAL && kind != Kind.DEPENDENCY;
  }

  private void fill(int taskCount, int runCount, Consumer<String> progress) throws SQLException {
    // Stores from before V005 have no summaries: seeding them too lets the benchmark compare versions.
    boolean summaries = hasTable("finished_run_totals");
    seedWorkspacesAndSessions();
    events = db.prepareStatement("INSERT INTO task_events (sequence, id, task_id, run_id, event_type, actor_kind, "
        + "actor_ref, origin_kind, origin_ref, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)");
    int withRuns = 0;
    for (int i = 0; i < taskCount; i++) {
      if (hasRuns(kindOf(i))) {
        withRuns++;
      }
    }
    // Tasks that can be depended on while open: the active ones seeded before the blocked ones.
    List<String> openTargets = new ArrayList<>();
    PreparedStatement taskInsert = db.prepareStatement("INSERT INTO tasks (id, identifier, scope, workspace_id, "
        + "parent_task_id, depth, network_channel, title, description, priority, priority_rank, max_attempts, auto_enqueue, "
        + "status, approval_policy, approval_state, owner_kind, owner_ref, created_by_kind, created_by_ref, origin_kind, "
        + "origin_ref, created_at, updated_at, closed_at, metadata, last_activity_at, latest_event_seq, child_count, "
        + "dependency_count, current_run_id" + (summaries ? ", latest_run_id, latest_run_outcome" : "")
        + ") VALUES (?, ?, ?, ?, NULL, 0, ?, ?, ?, ?, ?, ?, FALSE, ?, ?, ?, ?, ?, 'human', ?, 'cli', 'bench', ?, ?, ?, NULL, "
        + "?, ?, 0, ?, ?" + (summaries ? ", ?, ?" : "") + ")");
    PreparedStatement runInsert = db.prepareStatement("INSERT INTO task_runs (id, task_id, status, attempt, claimed_by_kind, "
        + "claimed_by_ref, session_id, origin_kind, origin_ref, idempotency_key, network_channel, claim_token_hash, "
        + "lease_until, heartbeat_at, coordination_channel_id, queued_at, claimed_at, started_at, ended_at, error, metadata, "
        + "result, lease_expiries, claimable, workspace_key, priority_rank, owner_kind, owner_ref, required_capabilities, "
        + "holder_session_id) VALUES (?, ?, ?, ?, ?, ?, ?, 'cli', 'bench', NULL, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, NULL, NULL, "
        + "0, ?, ?, ?, ?, ?, NULL, ?)");
    PreparedStatement dependencyInsert = db.prepareStatement("INSERT INTO task_dependencies (task_id, depends_on_task_id, "
        + "kind, created_at) VALUES (?, ?, 'blocks', ?)");
    PreparedStatement triageInsert = db.prepareStatement("INSERT INTO task_triage_state (task_id, actor_kind, actor_ref, "
        + "is_read, archived, dismissed, last_seen_activity_at, updated_at) VALUES (?, 'human', ?, ?, ?, ?, ?, ?)");
    int runsLeft = runCount;
    int runTasksLeft = withRuns;
    int pendingTasks = 0;
    int pendingRuns = 0;
    int pendingOther = 0;
    for (int i = 0; i < taskCount; i++) {
      Kind kind = kindOf(i);
      String taskId = id("task-");
      int ws = i % (WORKSPACES + 1);
      String workspace = ws == WORKSPACES ? null : workspaces.get(ws);
      String channel = CHANNELS[i % CHANNELS.length];
      int p = random.nextInt(PRIORITIES.length);
      String ownerKind = null;
      String ownerRef = null;
      int owner = i % 10;
      if (owner < 4) {
        ownerKind = "human";
        ownerRef = HUMANS[owner];
      } else if (owner == 4) {
        ownerKind = "pool";
        ownerRef = "bench-agent";
      }
      long created = micros(now.minus(Duration.ofMinutes(60L * 24 * 30 * (taskCount - i) / Math.max(1, taskCount))
          .plusMinutes(90)));
      int n = 0;
      if (hasRuns(kind)) {
        n = runsLeft / runTasksLeft + (random.nextInt(runTasksLeft) < runsLeft % runTasksLeft ? 1 : 0);
        n = Math.max(1, n);
        runsLeft -= n;
        runTasksLeft--;
      }
      int maxAttempts = Math.min(10, Math.max(3, n + 1));
      if (kind == Kind.FAILED) {
        maxAttempts = Math.min(10, Math.max(1, n));
      }
      String status = switch (kind) {
        case DRAFT -> "draft";
        case APPROVAL, DEPENDENCY -> "blocked";
        case QUEUED, RETRY -> "ready";
        // A claimed run only waits (ready); starting and running ones execute (in progress).
        case ACTIVE -> i % 3 == 2 ? "ready" : "in_progress";
        case COMPLETED -> "completed";
        case FAILED -> "failed";
        case CANCELED -> "canceled";
      };
      long activity = created;
      String currentRun = null;
      String latestRun = null;
      String latestRunStatus = null;
      // Runs: attempts 1..n, a minute apart; the latest one decides the task status.
      for (int a = 1; a <= n; a++) {
        boolean last = a == n;
        String runStatus = last ? lastRunStatus(kind, i) : (random.nextInt(5) == 0 ? "failed" : "completed");
        String runId = id("run-");
        long queued = created + a * 60_000_000L;
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
          currentRun = runId;
        } else {
          // Queued runs: mostly minutes old, a few waiting for over the backlog threshold.
          queued = micros(now) - (i % 50 == 0 ? 20 : 1) * 60_000_000L - random.nextInt(30_000_000);
        }
        boolean open = ended == null;
        latestRun = runId;
        latestRunStatus = open ? null : runStatus;
        if (!open) {
          long[] t = finished.computeIfAbsent(List.of(workspace == null ? "" : workspace, runStatus), k -> new long[8]);
          long claim = claimed == null ? 0 : Math.max(0, claimed - queued);
          long start = started == null ? 0 : Math.max(0, started - (claimed != null ? claimed : queued));
          t[0]++;
          t[1] += claimed == null ? 0 : 1;
          t[2] += claim;
          t[3] = Math.max(t[3], claim);
          t[4] += started == null ? 0 : 1;
          t[5] += start;
          t[6] = Math.max(t[6], start);
          t[7] = Math.max(t[7], max(queued, claimed, started, ended));
        }
        runInsert.setString(1, runId);
        runInsert.setString(2, taskId);
        runInsert.setString(3, runStatus);
        runInsert.setInt(4, a);
        runInsert.setString(5, claimerKind);
        runInsert.setString(6, claimerRef);
        runInsert.setString(7, claimed == null ? null : session);
        runInsert.setString(8, channel);
        runInsert.setString(9, tokenHash);
        setLong(runInsert, 10, lease);
        setLong(runInsert, 11, lease == null ? null : micros(now));
        runInsert.setLong(12, queued);
        setLong(runInsert, 13, claimed);
        setLong(runInsert, 14, started);
        setLong(runInsert, 15, ended);
        runInsert.setString(16, runStatus.equals("failed") ? "exit status 1" : null);
        runInsert.setBoolean(17, open);
        runInsert.setString(18, workspace == null ? "" : workspace);
        runInsert.setInt(19, RANKS[p]);
        runInsert.setString(20, ownerKind);
        runInsert.setString(21, ownerRef);
        runInsert.setString(22, open && tokenHash != null && session != null ? session : null);
        runInsert.addBatch();
        pendingRuns++;
        long runActivity = max(queued, claimed, started, ended);
        activity = Math.max(activity, runActivity);
        event(taskId, runId, open ? "task.run_enqueued" : "task.run_" + runStatus, runActivity);
        if (runStatus.equals("failed") && i % 400 == 0) {
          event(taskId, runId, "task.run_force_stopped", runActivity);
        }
      }
      if (kind == Kind.DEPENDENCY && !openTargets.isEmpty()) {
        dependencyInsert.setString(1, taskId);
        dependencyInsert.setString(2, openTargets.get(random.nextInt(openTargets.size())));
        dependencyInsert.setLong(3, created);
        dependencyInsert.addBatch();
        pendingOther++;
      }
      if (kind == Kind.QUEUED || kind == Kind.ACTIVE) {
        openTargets.add(taskId);
      }
      long created2 = event(taskId, null, "task.created", created);
      long latestSeq = eventSeq;
      boolean closed = kind == Kind.COMPLETED || kind == Kind.FAILED || kind == Kind.CANCELED;
      taskInsert.setString(1, taskId);
      taskInsert.setString(2, "BENCH-" + (i + 1));
      taskInsert.setString(3, workspace == null ? "global" : "workspace");
      taskInsert.setString(4, workspace);
      taskInsert.setString(5, channel);
      taskInsert.setString(6, "bench task " + (i + 1) + " " + kind.name().toLowerCase());
      taskInsert.setString(7, "seeded by agh bench dashboard");
      taskInsert.setString(8, PRIORITIES[p]);
      taskInsert.setInt(9, RANKS[p]);
      taskInsert.setInt(10, maxAttempts);
      taskInsert.setString(11, status);
      taskInsert.setString(12, kind == Kind.APPROVAL || i % 11 == 0 ? "manual" : "none");
      taskInsert.setString(13, kind == Kind.APPROVAL ? "pending" : i % 11 == 0 ? "approved" : "not_required");
      taskInsert.setString(14, ownerKind);
      taskInsert.setString(15, ownerRef);
      taskInsert.setString(16, HUMANS[i % HUMANS.length]);
      taskInsert.setLong(17, created2);
      taskInsert.setLong(18, activity);
      setLong(taskInsert, 19, closed ? activity : null);
      taskInsert.setLong(20, activity);
      taskInsert.setLong(21, latestSeq);
      taskInsert.setInt(22, kind == Kind.DEPENDENCY && !openTargets.isEmpty() ? 1 : 0);
      taskInsert.setString(23, currentRun);
      if (summaries) {
        taskInsert.setString(24, latestRun);
        taskInsert.setString(25, latestRunStatus);
      }
      taskInsert.addBatch();
      pendingTasks++;
      boolean blocked = status.equals("blocked");
      taskTotals.merge(List.of(workspace == null ? "" : workspace, status,
          String.valueOf(blocked && kind == Kind.APPROVAL),
          String.valueOf(blocked && kind == Kind.DEPENDENCY && !openTargets.isEmpty())), 1L, Long::sum);
      // The actor has looked at one task in twenty: read, some dismissed, some archived.
      if (i % 20 == 0) {
        int t = (i / 20) % 10;
        triageInsert.setString(1, taskId);
        triageInsert.setString(2, ACTOR);
        triageInsert.setBoolean(3, t < 7);
        triageInsert.setBoolean(4, t == 9);
        triageInsert.setBoolean(5, t == 8);
        triageInsert.setLong(6, t % 3 == 0 ? activity - 1 : activity);
        triageInsert.setLong(7, activity);
        triageInsert.addBatch();
        pendingOther++;
      }
      if (pendingTasks >= BATCH || pendingRuns >= BATCH || pendingEvents >= BATCH || pendingOther >= BATCH) {
        // Tasks first: runs, events and dependencies reference them.
        taskInsert.executeBatch();
        runInsert.executeBatch();
        events.executeBatch();
        dependencyInsert.executeBatch();
        triageInsert.executeBatch();
        db.commit();
        pendingTasks = pendingRuns = pendingEvents = pendingOther = 0;
      }
      if ((i + 1) % 10_000 == 0) {
        progress.accept("seeded " + (i + 1) + "/" + taskCount + " tasks, " + (runCount - runsLeft) + " runs");
      }
    }
    taskInsert.executeBatch();
    runInsert.executeBatch();
    events.executeBatch();
    dependencyInsert.executeBatch();
    triageInsert.executeBatch();
    if (summaries) {
      insertFinishedTotals();
    }
    try (PreparedStatement counter = db.prepareStatement("UPDATE agh_counters SET counter_value = ? WHERE name = 'event_seq'")) {
      counter.setLong(1, eventSeq);
      counter.executeUpdate();
    }
    db.commit();
  }

  private void insertFinishedTotals() throws SQLException {
    try (PreparedStatement totals = db.prepareStatement("INSERT INTO finished_run_totals (workspace_key, status, runs, "
        + "claim_samples, claim_sum, claim_max, start_samples, start_sum, start_max, latest_activity) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Map.Entry<List<String>, long[]> bucket : finished.entrySet()) {
        totals.setString(1, bucket.getKey().get(0));
        totals.setString(2, bucket.getKey().get(1));
        for (int c = 0; c < 8; c++) {
          totals.setLong(3 + c, bucket.getValue()[c]);
        }
        totals.addBatch();
      }
      totals.executeBatch();
    }
    try (PreparedStatement totals = db.prepareStatement("INSERT INTO task_status_totals (workspace_key, status, "
        + "awaiting_approval, dependency_blocked, tasks) VALUES (?, ?, ?, ?, ?)")) {
      for (Map.Entry<List<String>, Long> bucket : taskTotals.entrySet()) {
        totals.setString(1, bucket.getKey().get(0));
        totals.setString(2, bucket.getKey().get(1));
        totals.setBoolean(3, Boolean.parseBoolean(bucket.getKey().get(2)));
        totals.setBoolean(4, Boolean.parseBoolean(bucket.getKey().get(3)));
        totals.setLong(5, bucket.getValue());
        totals.addBatch();
      }
      totals.executeBatch();
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

  /** The latest run's status for a task of {@code kind}, as the status rule requires. */
  private String lastRunStatus(Kind kind, int index) {
    return switch (kind) {
      case QUEUED -> "queued";
      case RETRY, FAILED -> "failed";
      case CANCELED -> "canceled";
      case ACTIVE -> switch (index % 3) {
        case 0 -> "running";
        case 1 -> "starting";
        default -> "claimed";
      };
      default -> "completed";
    };
  }

  private void seedWorkspacesAndSessions() throws SQLException {
    try (PreparedStatement ws = db.prepareStatement("INSERT INTO workspaces (id, name, path, created_at) VALUES (?, ?, ?, ?)");
        PreparedStatement s = db.prepareStatement("INSERT INTO agent_sessions (session_id, agent_name, workspace_id, name, "
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

  /** Queues one event; returns its time. */
  private long event(String taskId, String runId, String type, long at) throws SQLException {
    eventSeq++;
    events.setLong(1, eventSeq);
    events.setString(2, id("evt-"));
    events.setString(3, taskId);
    events.setString(4, runId);
    events.setString(5, type);
    events.setString(6, "human");
    events.setString(7, ACTOR);
    events.setString(8, "cli");
    events.setString(9, "bench");
    events.setLong(10, at);
    events.addBatch();
    pendingEvents++;
    return at;
  }

  private String id(String prefix) {
    byte[] bytes = new byte[8];
    random.nextBytes(bytes);
    return prefix + HexFormat.of().formatHex(bytes);
  }

  private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, value);
    }
  }

  private static long max(Long... values) {
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
