package dev.agh.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.api.DashboardActiveRunsPayload;
import dev.agh.api.DashboardCardsPayload;
import dev.agh.api.DashboardPayload;
import dev.agh.api.DashboardQueuePayload;
import dev.agh.api.Requests.AddWorkspace;
import dev.agh.api.RunPayload;
import dev.agh.domain.OriginKind;
import dev.agh.domain.OwnerKind;
import dev.agh.domain.Priority;
import dev.agh.domain.RunStatus;
import dev.agh.domain.Scope;
import dev.agh.domain.TaskStatus;
import dev.agh.service.Caller;
import dev.agh.store.ObserveTable.Filter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every field of the dashboard, on whichever database a subclass opens. */
abstract class DashboardContract extends ObserveFixture {
    static final Instant ZERO = Instant.parse("0001-01-01T00:00:00Z");

    @TempDir
    Path workspaceDir;

    @Test
    void emptyDashboardHasZeroValuesAndZeroTimes() {
        DashboardPayload d = dashboard();
        assertThat(d.totals())
                .isEqualTo(new DashboardPayload.Totals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(d.statusBreakdown()).isNull();
        assertThat(d.queue()).isEqualTo(new DashboardQueuePayload(0, ZERO, 0, 600_000, false, "ok", null));
        assertThat(d.health()).isEqualTo(new DashboardPayload.Health("ok", 0, 0, false));
        assertThat(d.activeRuns()).isEqualTo(new DashboardActiveRunsPayload(0, 0, 0, 0, 0, null));
        assertThat(d.freshness())
                .isEqualTo(new DashboardPayload.Freshness(START, ZERO, 0, 120_000, false, false, "empty"));
        assertThat(d.cards())
                .isEqualTo(new DashboardCardsPayload(
                        new DashboardCardsPayload.InProgress(0, 0, 0, 0, 0, 0, "ok"),
                        new DashboardCardsPayload.Blocked(0, 0, 0, "ok"),
                        new DashboardCardsPayload.Failed(0, 0, 0, "ok"),
                        new DashboardCardsPayload.LatencyCard(
                                new DashboardCardsPayload.Latency(0, 0, 0),
                                new DashboardCardsPayload.Latency(0, 0, 0))));
        String json = dashboardJson();
        assertThat(json)
                .contains("\"oldest_queued_at\":\"0001-01-01T00:00:00Z\"")
                .contains("\"latest_activity_at\":\"0001-01-01T00:00:00Z\"")
                .doesNotContain("status_breakdown")
                .doesNotContain("\"depth\"")
                .doesNotContain("\"items\"");
    }

    @Test
    void totalsCountStoredStatusesAndRunStatuses() {
        create("d1", s -> s.draft = true);
        create("r1");
        create("r2");
        create("a1", s -> s.approvalPolicy = "manual");
        create("b1");
        depend("b1", "r2");
        create("ab", s -> s.approvalPolicy = "manual");
        depend("ab", "r2");
        create("p1");
        RunPayload p1 = start("p1");
        claim(p1.id());
        run(p1.id());
        create("c1");
        RunPayload c1 = start("c1");
        claim(c1.id());
        run(c1.id());
        complete(c1.id());
        create("f1", s -> s.maxAttempts = 1);
        RunPayload f1 = start("f1");
        claim(f1.id());
        run(f1.id());
        fail(f1.id(), "boom");
        create("x1");
        cancel("x1");
        assertThat(task("b1").status()).isEqualTo(TaskStatus.BLOCKED);
        assertThat(task("a1").status()).isEqualTo(TaskStatus.BLOCKED);
        assertThat(task("f1").status()).isEqualTo(TaskStatus.FAILED);

        DashboardPayload d = dashboard();
        // tasks, runs, draft, pending, ready, in_progress, blocked, completed, failed, canceled, awaiting approval,
        // dependency blocked, queued, claimed, starting, running, completed, failed, canceled runs, active runs
        assertThat(d.totals())
                .isEqualTo(new DashboardPayload.Totals(10, 3, 1, 0, 2, 1, 3, 1, 1, 1, 2, 2, 0, 0, 0, 1, 1, 1, 0, 1));
        assertThat(d.statusBreakdown())
                .containsExactly(
                        new DashboardPayload.StatusBucket(TaskStatus.COMPLETED, 1, 10),
                        new DashboardPayload.StatusBucket(TaskStatus.IN_PROGRESS, 1, 10),
                        new DashboardPayload.StatusBucket(TaskStatus.READY, 2, 20),
                        new DashboardPayload.StatusBucket(TaskStatus.BLOCKED, 3, 30),
                        new DashboardPayload.StatusBucket(TaskStatus.FAILED, 1, 10),
                        new DashboardPayload.StatusBucket(TaskStatus.CANCELED, 1, 10),
                        new DashboardPayload.StatusBucket(TaskStatus.DRAFT, 1, 10));
        // p1 runs without an agent session: an active orphan, so health (and the in-progress card) warn.
        assertThat(d.health()).isEqualTo(new DashboardPayload.Health("warn", 0, 1, false));
        assertThat(d.cards().inProgress()).isEqualTo(new DashboardCardsPayload.InProgress(1, 1, 1, 0, 0, 0, "warn"));
        assertThat(d.cards().blocked()).isEqualTo(new DashboardCardsPayload.Blocked(3, 2, 2, "warn"));
        assertThat(d.cards().failed()).isEqualTo(new DashboardCardsPayload.Failed(1, 1, 0, "warn"));
    }

    @Test
    void sharesAreRoundedHalfUpIndependently() {
        create("d", s -> s.draft = true);
        for (int i = 0; i < 7; i++) {
            create("r" + i);
        }
        assertThat(dashboard().statusBreakdown())
                .containsExactly(
                        new DashboardPayload.StatusBucket(TaskStatus.READY, 7, 88),
                        new DashboardPayload.StatusBucket(TaskStatus.DRAFT, 1, 13));
        assertThat(dashboard().cards().blocked().healthStatus()).isEqualTo("ok");
        assertThat(dashboard().cards().failed().healthStatus()).isEqualTo("ok");
    }

    @Test
    void latenciesAreAveragedTruncatedAndMaximizedOverAllRuns() {
        create("t1");
        create("t2");
        create("t3");
        RunPayload r1 = start("t1");
        clock.advance(Duration.ofSeconds(10));
        claim(r1.id());
        clock.advance(Duration.ofSeconds(20));
        run(r1.id());
        clock.advance(Duration.ofSeconds(1));
        complete(r1.id());
        RunPayload r2 = start("t2");
        clock.advance(Duration.ofMillis(4001));
        claim(r2.id());
        clock.advance(Duration.ofSeconds(6));
        run(r2.id());
        fail(r2.id(), "boom");
        start("t3");

        DashboardCardsPayload.LatencyCard latency = dashboard().cards().latency();
        assertThat(latency.claimLatencyMs()).isEqualTo(new DashboardCardsPayload.Latency(2, 7000, 10_000));
        assertThat(latency.startLatencyMs()).isEqualTo(new DashboardCardsPayload.Latency(2, 13_000, 20_000));
    }

    @Test
    void queueDepthPerChannelAndBacklogAtTheThreshold() {
        create("qa", s -> s.channel = "alpha");
        start("qa");
        clock.advance(Duration.ofMinutes(1));
        create("qb");
        start("qb");
        clock.advance(Duration.ofMinutes(1));
        create("qc", s -> s.channel = "alpha");
        start("qc");
        create("qe", s -> s.channel = "beta");
        start("qe");
        create("held", s -> s.channel = "beta");
        claim(start("held").id());

        DashboardQueuePayload q = dashboard().queue();
        assertThat(q.depth())
                .containsExactly(
                        new DashboardQueuePayload.Depth(null, 1, START.plus(Duration.ofMinutes(1)), 60_000),
                        new DashboardQueuePayload.Depth("alpha", 2, START, 120_000),
                        new DashboardQueuePayload.Depth("beta", 1, START.plus(Duration.ofMinutes(2)), 0));
        assertThat(q).isEqualTo(new DashboardQueuePayload(4, START, 120_000, 600_000, false, "ok", q.depth()));
        assertThat(dashboardJson()).contains("\"depth\":[{\"count\":1,");

        clock.set(START.plus(Duration.ofMinutes(10)).minusMillis(1));
        DashboardPayload before = dashboard();
        assertThat(before.queue().backlogWarning()).isFalse();
        assertThat(before.queue().oldestQueueAgeMs()).isEqualTo(599_999);
        assertThat(before.health().queueBacklog()).isFalse();

        clock.set(START.plus(Duration.ofMinutes(10)));
        DashboardPayload at = dashboard();
        assertThat(at.queue().backlogWarning()).isTrue();
        assertThat(at.queue().backlogStatus()).isEqualTo("warn");
        // The held run has been claimed for 8 minutes by now: stuck as well.
        assertThat(at.health()).isEqualTo(new DashboardPayload.Health("warn", 1, 0, true));
        assertThat(at.cards().inProgress().healthStatus()).isEqualTo("warn");
    }

    @Test
    void stuckRunsAtTheirThresholdsAndOrphansWithoutALiveSession() {
        create("s1");
        claim(start("s1").id());
        create("s2");
        RunPayload s2 = start("s2");
        claim(s2.id());
        attach(s2.id(), newSession("agent-1"));
        create("s3");
        RunPayload s3 = start("s3");
        claim(s3.id());
        run(s3.id());

        clock.set(START.plus(Duration.ofMinutes(5)).minusMillis(1));
        DashboardPayload early = dashboard();
        assertThat(early.health()).isEqualTo(new DashboardPayload.Health("warn", 0, 1, false));
        assertThat(early.activeRuns().items())
                .extracting(DashboardActiveRunsPayload.Item::stuck)
                .containsOnly(false);

        clock.set(START.plus(Duration.ofMinutes(5)));
        DashboardPayload claimedStuck = dashboard();
        assertThat(claimedStuck.health().stuckRuns()).isEqualTo(2);
        assertThat(claimedStuck.activeRuns().items())
                .extracting(
                        DashboardActiveRunsPayload.Item::taskId,
                        DashboardActiveRunsPayload.Item::stuck,
                        DashboardActiveRunsPayload.Item::healthStatus)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("s3", false, "ok"),
                        org.assertj.core.groups.Tuple.tuple("s2", true, "warn"),
                        org.assertj.core.groups.Tuple.tuple("s1", true, "warn"));

        clock.set(START.plus(Duration.ofMinutes(30)));
        DashboardPayload all = dashboard();
        assertThat(all.health()).isEqualTo(new DashboardPayload.Health("warn", 3, 1, false));
        assertThat(all.activeRuns().items())
                .extracting(DashboardActiveRunsPayload.Item::stuck)
                .containsOnly(true);
    }

    @Test
    void activeRunItemsAreTheFirstFourByStatusThenActivityThenId() {
        create("q-old", s -> s.priority = "high");
        start("q-old");
        clock.advance(Duration.ofMinutes(1));
        create("q-new");
        start("q-new");
        clock.advance(Duration.ofMinutes(1));
        create("c1");
        claim(start("c1").id());
        clock.advance(Duration.ofMinutes(1));
        create("r1");
        RunPayload r1 = start("r1");
        claim(r1.id());
        run(r1.id());
        clock.advance(Duration.ofMinutes(1));
        create("r2", s -> {
            s.identifier = "R-2";
            s.channel = "alpha";
            s.maxAttempts = 5;
            s.owner("human", "alice");
        });
        RunPayload r2 = start("r2");
        claim(r2.id());
        run(r2.id());
        clock.advance(Duration.ofMinutes(1));
        create("st");
        RunPayload st = start("st");
        claim(st.id());
        String session = newSession("agent-1");
        attach(st.id(), session);

        DashboardPayload d = dashboard();
        DashboardActiveRunsPayload active = d.activeRuns();
        assertThat(active.total()).isEqualTo(6);
        assertThat(active.running()).isEqualTo(2);
        assertThat(active.starting()).isEqualTo(1);
        assertThat(active.claimed()).isEqualTo(1);
        assertThat(active.queued()).isEqualTo(2);
        assertThat(active.items())
                .extracting(DashboardActiveRunsPayload.Item::taskId)
                .containsExactly("r2", "r1", "st", "c1");

        Instant now = clock.instant();
        DashboardActiveRunsPayload.Item first = active.items().get(0);
        assertThat(first)
                .isEqualTo(new DashboardActiveRunsPayload.Item(
                        "r2",
                        "R-2",
                        "r2",
                        TaskStatus.IN_PROGRESS,
                        Priority.MEDIUM,
                        new dev.agh.domain.Owner(OwnerKind.HUMAN, "alice"),
                        Scope.GLOBAL,
                        null,
                        task("r2").latestEventSeq(),
                        r2.id(),
                        RunStatus.RUNNING,
                        1,
                        5,
                        null,
                        "alpha",
                        START.plus(Duration.ofMinutes(4)),
                        60_000,
                        "ok",
                        false,
                        null));
        DashboardActiveRunsPayload.Item starting = active.items().get(2);
        assertThat(starting.sessionId()).isEqualTo(session);
        assertThat(starting.runStatus()).isEqualTo(RunStatus.STARTING);
        assertThat(starting.ageMs()).isZero();
        DashboardActiveRunsPayload.Item claimed = active.items().get(3);
        assertThat(claimed.ageMs())
                .isEqualTo(
                        Duration.between(START.plus(Duration.ofMinutes(2)), now).toMillis());
        assertThat(claimed.maxAttempts()).isEqualTo(3);

        clock.advance(Duration.ofMinutes(2));
        DashboardActiveRunsPayload.Item later = dashboard().activeRuns().items().get(3);
        assertThat(later.stuck()).as("claimed 5 minutes ago").isTrue();
        assertThat(later.healthStatus()).isEqualTo("warn");
    }

    @Test
    void equalRunsAreOrderedByIdDescendingAndQueuedAgeIsSinceQueued() {
        create("a");
        create("b");
        RunPayload ra = start("a");
        RunPayload rb = start("b");
        clock.advance(Duration.ofSeconds(90));
        var items = dashboard().activeRuns().items();
        String high = ra.id().compareTo(rb.id()) > 0 ? ra.id() : rb.id();
        assertThat(items)
                .extracting(DashboardActiveRunsPayload.Item::runId)
                .first()
                .isEqualTo(high);
        assertThat(items).extracting(DashboardActiveRunsPayload.Item::ageMs).containsOnly(90_000L);
        assertThat(items)
                .extracting(DashboardActiveRunsPayload.Item::lastActivityAt)
                .containsOnly(START);
    }

    @Test
    void freshnessIsCurrentStaleOrEmpty() {
        assertThat(dashboard().freshness().status()).isEqualTo("empty");
        create("t");
        assertThat(dashboard().freshness())
                .isEqualTo(new DashboardPayload.Freshness(START, START, 0, 120_000, false, false, "current"));
        clock.advance(Duration.ofMinutes(10));
        assertThat(dashboard().freshness())
                .as("idle is never stale")
                .isEqualTo(new DashboardPayload.Freshness(
                        clock.instant(), START, 600_000, 120_000, false, false, "current"));
        start("t");
        Instant queued = clock.instant();
        clock.advance(Duration.ofMinutes(2));
        assertThat(dashboard().freshness())
                .isEqualTo(new DashboardPayload.Freshness(
                        clock.instant(), queued, 120_000, 120_000, true, false, "current"));
        clock.advance(Duration.ofMillis(1));
        assertThat(dashboard().freshness())
                .isEqualTo(
                        new DashboardPayload.Freshness(clock.instant(), queued, 120_001, 120_000, true, true, "stale"));
    }

    @Test
    void filtersSelectTasksAndRuns() throws Exception {
        String ws = service.addWorkspace(OPERATOR, new AddWorkspace(workspaceDir.toString(), "ws"))
                .workspace()
                .id();
        create("w1", s -> {
            s.scope = "workspace";
            s.workspace = "ws";
        });
        create("g1");
        create("o1", s -> s.owner("human", "alice"));
        create("ch1", s -> s.channel = "alpha");
        start("ch1");
        create("ch2", s -> s.channel = "alpha");
        service.enqueueRun(OPERATOR, "ch2", new dev.agh.api.Requests.ExecuteTask(null, "beta", null));
        Caller cli = Caller.human("cli-user", OriginKind.CLI);
        create(cli, "cli1", s -> {});
        start("cli1");

        assertThat(dashboard(new Filter(Scope.WORKSPACE, ws, null, null, null, null, null))
                        .totals()
                        .tasksTotal())
                .isEqualTo(1);
        assertThat(dashboard(new Filter(Scope.GLOBAL, null, null, null, null, null, null))
                        .totals()
                        .tasksTotal())
                .isEqualTo(5);
        assertThat(dashboard(new Filter(null, null, OwnerKind.HUMAN, "alice", null, null, null))
                        .totals()
                        .tasksTotal())
                .isEqualTo(1);
        DashboardPayload alpha = dashboard(new Filter(null, null, null, null, "alpha", null, null));
        assertThat(alpha.totals().tasksTotal()).isEqualTo(2);
        assertThat(alpha.totals().runsTotal())
                .as("the run on channel beta is left out")
                .isEqualTo(1);
        assertThat(alpha.queue().total()).isEqualTo(1);
        assertThat(alpha.queue().depth())
                .extracting(DashboardQueuePayload.Depth::networkChannel)
                .containsExactly("alpha");
        DashboardPayload byCli = dashboard(new Filter(null, null, null, null, null, OriginKind.CLI, null));
        assertThat(byCli.totals().tasksTotal()).isEqualTo(1);
        assertThat(byCli.totals().runsTotal())
                .as("its run was started over HTTP")
                .isZero();
        assertThat(dashboard().totals().runsTotal()).isEqualTo(3);

        // Forced stops count task.run_force_stopped events since the service started (START), per task filter.
        forcedStop(900_001, "ch1", START.minusSeconds(1));
        forcedStop(900_002, "ch1", START.plusSeconds(1));
        forcedStop(900_003, "g1", START.plusSeconds(2));
        assertThat(dashboard().cards().failed()).isEqualTo(new DashboardCardsPayload.Failed(0, 0, 2, "warn"));
        assertThat(dashboard(new Filter(null, null, null, null, "alpha", null, null))
                        .cards()
                        .failed()
                        .forcedStops())
                .isEqualTo(1);
    }

    abstract String currentUrl();

    private void forcedStop(long sequence, String taskId, Instant at) throws Exception {
        try (Connection c = DriverManager.getConnection(currentUrl());
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO task_events (sequence, id, task_id, run_id, event_type, "
                                + "actor_kind, actor_ref, origin_kind, origin_ref, payload, created_at) "
                                + "VALUES (?, ?, ?, NULL, 'task.run_force_stopped', 'human', 'operator', 'http', 'test', NULL, ?)")) {
            s.setLong(1, sequence);
            s.setString(2, "ev-" + sequence);
            s.setString(3, taskId);
            s.setLong(4, ChronoUnit.MICROS.between(Instant.EPOCH, at));
            s.executeUpdate();
        }
    }
}
