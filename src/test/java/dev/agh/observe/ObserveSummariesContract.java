package dev.agh.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agh.api.Requests.ClaimNext;
import dev.agh.api.Requests.CompleteRun;
import dev.agh.api.Requests.FailRun;
import dev.agh.api.Requests.NewSession;
import dev.agh.api.Requests.Release;
import dev.agh.api.Responses.ClaimResponse;
import dev.agh.api.Responses.SessionResponse;
import dev.agh.service.Caller;
import dev.agh.store.ObserveTable.Filter;
import dev.agh.store.ObserveTable.RunTotals;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The stored summaries of V005 stay equal to what they summarize through every run and task
 * transition: {@code tasks.latest_run_id}/{@code latest_run_outcome} to the latest run, {@code
 * finished_run_totals} to the finished runs, {@code task_status_totals} to the tasks, and the
 * dashboard's run totals (stored plus live) to a plain count over every run.
 */
abstract class ObserveSummariesContract extends ObserveFixture {
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path workspaceDir;

    private static final String LATEST = "SELECT t.id, t.latest_run_id, t.latest_run_outcome, "
            + "(SELECT r.id FROM task_runs r WHERE r.task_id = t.id ORDER BY r.attempt DESC, r.queued_at DESC, r.id DESC LIMIT 1) AS want_id, "
            + "(SELECT CASE WHEN r.status IN ('completed', 'failed', 'canceled') THEN r.status END FROM task_runs r "
            + "WHERE r.task_id = t.id ORDER BY r.attempt DESC, r.queued_at DESC, r.id DESC LIMIT 1) AS want_outcome "
            + "FROM tasks t ORDER BY t.id";
    private static final String STORED_TOTALS =
            "SELECT workspace_key, status, runs, claim_samples, claim_sum, claim_max, "
                    + "start_samples, start_sum, start_max, latest_activity FROM finished_run_totals ORDER BY workspace_key, status";
    private static final String RECOUNTED_TOTALS = "SELECT workspace_key, status, COUNT(*), "
            + "SUM(CASE WHEN claimed_at IS NOT NULL THEN 1 ELSE 0 END), "
            + "COALESCE(SUM(CASE WHEN claimed_at IS NOT NULL THEN GREATEST(claimed_at - queued_at, 0) ELSE 0 END), 0), "
            + "COALESCE(MAX(CASE WHEN claimed_at IS NOT NULL THEN GREATEST(claimed_at - queued_at, 0) ELSE 0 END), 0), "
            + "SUM(CASE WHEN started_at IS NOT NULL THEN 1 ELSE 0 END), "
            + "COALESCE(SUM(CASE WHEN started_at IS NOT NULL THEN GREATEST(started_at - COALESCE(claimed_at, queued_at), 0) ELSE 0 END), 0), "
            + "COALESCE(MAX(CASE WHEN started_at IS NOT NULL THEN GREATEST(started_at - COALESCE(claimed_at, queued_at), 0) ELSE 0 END), 0), "
            + "MAX(GREATEST(queued_at, COALESCE(claimed_at, 0), COALESCE(started_at, 0), COALESCE(ended_at, 0))) "
            + "FROM task_runs WHERE status IN ('completed', 'failed', 'canceled') GROUP BY workspace_key, status "
            + "ORDER BY workspace_key, status";
    private static final String STORED_TASK_TOTALS =
            "SELECT workspace_key, status, awaiting_approval, dependency_blocked, "
                    + "tasks FROM task_status_totals WHERE tasks <> 0 ORDER BY workspace_key, status, awaiting_approval, dependency_blocked";
    private static final String RECOUNTED_TASK_TOTALS =
            "SELECT workspace_key, status, awaiting_approval, dependency_blocked, "
                    + "COUNT(*) FROM (SELECT COALESCE(workspace_id, '') AS workspace_key, status, "
                    + "CASE WHEN status = 'blocked' AND approval_state = 'pending' THEN TRUE ELSE FALSE END AS awaiting_approval, "
                    + "CASE WHEN status = 'blocked' AND dependency_count > 0 THEN TRUE ELSE FALSE END AS dependency_blocked FROM tasks) k "
                    + "GROUP BY workspace_key, status, awaiting_approval, dependency_blocked "
                    + "ORDER BY workspace_key, status, awaiting_approval, dependency_blocked";
    private static final String ALL_RUNS = "SELECT COUNT(*), "
            + "COALESCE(SUM(CASE WHEN claimed_at IS NOT NULL THEN 1 ELSE 0 END), 0), "
            + "COALESCE(SUM(CASE WHEN claimed_at IS NOT NULL THEN GREATEST(claimed_at - queued_at, 0) ELSE 0 END), 0), "
            + "COALESCE(MAX(CASE WHEN claimed_at IS NOT NULL THEN GREATEST(claimed_at - queued_at, 0) END), 0), "
            + "COALESCE(SUM(CASE WHEN started_at IS NOT NULL THEN 1 ELSE 0 END), 0), "
            + "COALESCE(SUM(CASE WHEN started_at IS NOT NULL THEN GREATEST(started_at - COALESCE(claimed_at, queued_at), 0) ELSE 0 END), 0) "
            + "FROM task_runs";

    @Test
    void summariesFollowEveryRunAndTaskTransition() throws Exception {
        service.addWorkspace(OPERATOR, new dev.agh.api.Requests.AddWorkspace(workspaceDir.toString(), "ws-one"));
        create("done", s -> s.maxAttempts = 3);
        create("retried", s -> s.maxAttempts = 3);
        create("local", s -> {
            s.scope = "workspace";
            s.workspace = "ws-one";
        });
        create("canceled-queued");
        create("canceled-running");
        create("deleted");
        create("quick");
        create("agent-work");
        create("released");
        create("gated", s -> s.approvalPolicy = "manual");
        create("waiting");
        create("draft", s -> s.draft = true);
        check();

        // Approval: blocked awaiting approval, then approved; a dependency on an open task blocks.
        service.approveTask(OPERATOR, "gated", new dev.agh.api.Requests.ExecuteTask(null, null, null));
        check();
        depend("waiting", "done");
        check();

        // Operator path: queued -> claimed -> running -> completed.
        String run = start("done").id();
        check();
        clock.advance(Duration.ofSeconds(3));
        claim(run);
        check();
        clock.advance(Duration.ofSeconds(2));
        run(run);
        check();
        clock.advance(Duration.ofSeconds(7));
        complete(run);
        check();
        assertEquals("ready", task("waiting").status().wire());

        // A failure, then a retry that completes, then a third attempt after the completion.
        String first = start("retried").id();
        claim(first);
        run(first);
        clock.advance(Duration.ofSeconds(1));
        fail(first, "boom");
        check();
        assertEquals("failed", latestOutcome("retried"));
        String second = enqueue("retried").id();
        check();
        assertEquals(null, latestOutcome("retried"));
        claim(second);
        run(second);
        clock.advance(Duration.ofSeconds(4));
        complete(second);
        check();

        // A workspace task: its finished run is counted under its workspace.
        String local = start("local").id();
        claim(local);
        run(local);
        fail(local, "no");
        check();

        // Canceling a task cancels its open run, queued or running.
        start("canceled-queued");
        cancel("canceled-queued");
        check();
        String running = start("canceled-running").id();
        claim(running);
        run(running);
        clock.advance(Duration.ofSeconds(30));
        cancel("canceled-running");
        check();

        // Agents: claim-next and the fenced lease writes (complete, fail, release back to the queue).
        start("agent-work");
        start("released");
        SessionResponse session =
                service.createSession(OPERATOR, new NewSession("summary-agent", null, "a", null, null));
        Caller agent = new Caller(
                dev.agh.domain.Actor.agentSession(session.session().sessionId()),
                dev.agh.domain.OriginKind.HTTP,
                session.session().sessionId());
        // One lease per session at a time: claim, release back to the queue, claim again and complete;
        // then claim the other run and fail it.
        String released = claimNext(agent);
        check();
        clock.advance(Duration.ofSeconds(1));
        service.releaseLease(agent, released, new Release("later"));
        check();
        String completed = claimNext(agent);
        check();
        service.completeLease(agent, completed, new CompleteRun(null));
        check();
        String failed = claimNext(agent);
        clock.advance(Duration.ofSeconds(2));
        service.failLease(agent, failed, new FailRun("agent gave up", null));
        check();

        // Deleting a task takes its finished runs out of the totals, maxima included: first one that holds no
        // maximum (the totals keep theirs without a recount), then the one that holds them all.
        String quick = start("quick").id();
        claim(quick);
        run(quick);
        complete(quick);
        clock.advance(Duration.ofSeconds(1));
        String slow = start("deleted").id();
        clock.advance(Duration.ofHours(2));
        claim(slow);
        clock.advance(Duration.ofHours(1));
        run(slow);
        complete(slow);
        check();
        service.deleteTask(OPERATOR, "quick");
        check();
        service.deleteTask(OPERATOR, "deleted");
        check();

        // A prune of the old work leaves the maxima it takes out stale while it deletes, and recounts them at its
        // end from what stays: the young run, quick in every respect.
        clock.advance(Duration.ofDays(2));
        create("young");
        String young = start("young").id();
        claim(young);
        run(young);
        complete(young);
        long pruned = service.pruneStore(OPERATOR, new dev.agh.api.Requests.PruneStore(86_400L, null))
                .prune()
                .tasks();
        assertTrue(pruned >= 3, "pruned " + pruned);
        check();
    }

    private String claimNext(Caller agent) {
        Optional<ClaimResponse> next =
                service.claimNext(agent, new ClaimNext(null, null, null, 600L, false, null, null));
        assertTrue(next.isPresent());
        return next.get().claim().run().id();
    }

    /** Every stored summary equals its recount, and the dashboard's run totals equal a plain count. */
    private void check() throws Exception {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(LATEST)) {
                while (rs.next()) {
                    assertEquals(
                            rs.getString("want_id"),
                            rs.getString("latest_run_id"),
                            "latest_run_id of " + rs.getString("id"));
                    assertEquals(
                            rs.getString("want_outcome"),
                            rs.getString("latest_run_outcome"),
                            "latest_run_outcome of " + rs.getString("id"));
                }
            }
            assertEquals(rows(s, RECOUNTED_TOTALS), rows(s, STORED_TOTALS), "finished_run_totals");
            assertEquals(rows(s, RECOUNTED_TASK_TOTALS), rows(s, STORED_TASK_TOTALS), "task_status_totals");
            List<String> latest = rows(
                    s,
                    "SELECT MAX(GREATEST(created_at, updated_at, COALESCE(closed_at, 0), last_activity_at)) "
                            + "FROM tasks");
            dev.agh.store.ObserveTable.TaskTotals tasks = observe(t -> t.taskTotals(Filter.NONE));
            assertEquals(
                    latest.get(0),
                    tasks.latestActivity() == null
                            ? null
                            : String.valueOf(java.time.temporal.ChronoUnit.MICROS.between(
                                    java.time.Instant.EPOCH, tasks.latestActivity())),
                    "latest task activity");
            List<String> all = rows(s, ALL_RUNS);
            RunTotals totals = observe(t -> t.runTotals(Filter.NONE));
            assertEquals(
                    all.get(0),
                    String.join(
                            "|",
                            String.valueOf(totals.total()),
                            String.valueOf(totals.claimLatency().samples()),
                            String.valueOf(totals.claimLatency().totalMicros()),
                            String.valueOf(totals.claimLatency().maxMicros()),
                            String.valueOf(totals.startLatency().samples()),
                            String.valueOf(totals.startLatency().totalMicros())),
                    "run totals");
        }
    }

    private String latestOutcome(String taskId) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT latest_run_outcome FROM tasks WHERE id = '" + taskId + "'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> rows(Statement s, String query) throws Exception {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(rs.getString(i));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }
}
