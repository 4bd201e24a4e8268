package dev.agh.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.api.ClaimPayload;
import dev.agh.api.DashboardActiveRunsPayload;
import dev.agh.api.DashboardPayload;
import dev.agh.api.InboxGroupPayload;
import dev.agh.api.InboxItemPayload;
import dev.agh.api.InboxPayload;
import dev.agh.api.Requests.DashboardQuery;
import dev.agh.api.Requests.InboxQuery;
import dev.agh.api.TaskPayload;
import dev.agh.domain.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dashboard and inbox operations every {@link TaskService} must answer the same way, embedded and over
 * HTTP: filters and their validation, the caller's own inbox, lanes, unread and the per-lane limit. Every
 * field and lane rule is covered against the store in {@code dev.agh.observe}; this suite proves the
 * operations reach those rules with the right filter and the right caller.
 */
public abstract class ObserveContract extends LiveViewContract {

    DashboardPayload dashboard(DashboardQuery query) {
        return service().dashboard(CALLER, query).dashboard();
    }

    static DashboardQuery dashboardOf(String scope, String workspace, String channel) {
        return new DashboardQuery(scope, workspace, null, null, channel, null);
    }

    InboxPayload inbox(InboxQuery query) {
        return service().inbox(CALLER, query).inbox();
    }

    static InboxQuery inboxOf(String lane, Boolean unread, String text, Integer limit) {
        return new InboxQuery(null, null, null, null, lane, unread, text, limit);
    }

    static InboxGroupPayload group(InboxPayload inbox, String lane) {
        return inbox.groups().stream()
                .filter(g -> g.lane().equals(lane))
                .findFirst()
                .orElseThrow();
    }

    static List<String> taskIds(InboxGroupPayload group) {
        return group.items() == null
                ? List.of()
                : group.items().stream().map(i -> i.task().id()).toList();
    }

    // ---- dashboard ------------------------------------------------------------------------------

    @Test
    void dashboardCountsTheTasksAndRunsTheFiltersSelect() {
        addWorkspace("/srv/api", "api");
        TaskPayload global = createGlobal("Global job");
        TaskPayload inApi = create(task("API job").in("api").channel("review"));
        create(task("API draft").in("api").draft());
        start(global.id());
        start(inApi.id());
        ClaimPayload claim = agent("coder").claimOne();

        DashboardPayload all = dashboard(DashboardQuery.ALL);
        assertThat(all.totals().tasksTotal()).isEqualTo(3);
        assertThat(all.totals().draftTasks()).isEqualTo(1);
        assertThat(all.totals().runsTotal()).isEqualTo(2);
        assertThat(all.totals().queuedRuns() + all.totals().claimedRuns()).isEqualTo(2);
        assertThat(all.totals().claimedRuns()).isEqualTo(1);
        assertThat(all.activeRuns().total()).isEqualTo(2);
        assertThat(all.activeRuns().items())
                .extracting(DashboardActiveRunsPayload.Item::runId)
                .contains(claim.run().id());
        assertThat(all.health().status()).isEqualTo("ok");

        DashboardPayload api = dashboard(dashboardOf(null, "api", null));
        assertThat(api.totals().tasksTotal()).as("the workspace, by name").isEqualTo(2);
        assertThat(api.totals().runsTotal()).isEqualTo(1);
        assertThat(dashboard(dashboardOf("workspace", "/srv/api", null))
                        .totals()
                        .tasksTotal())
                .as("by path")
                .isEqualTo(2);
        assertThat(dashboard(dashboardOf("global", null, null)).totals().tasksTotal())
                .isEqualTo(1);
        DashboardPayload review = dashboard(dashboardOf(null, null, "review"));
        assertThat(review.totals().tasksTotal()).isEqualTo(1);
        assertThat(review.queue().total() + review.totals().claimedRuns()).isEqualTo(1);
    }

    /** {@code active_limit} (agh extension): the active-runs list beyond its default of four. */
    @Test
    void dashboardListsAsManyActiveRunsAsAsked() {
        for (int i = 0; i < 6; i++) {
            start(createGlobal("Job " + i).id());
        }
        DashboardPayload standard = dashboard(DashboardQuery.ALL);
        assertThat(standard.activeRuns().total()).isEqualTo(6);
        assertThat(standard.activeRuns().items()).hasSize(4);
        assertThat(dashboard(DashboardQuery.ALL.withActiveLimit(10))
                        .activeRuns()
                        .items())
                .hasSize(6);
        assertThat(dashboard(DashboardQuery.ALL.withActiveLimit(2)).activeRuns().items())
                .hasSize(2);
        failsWith(ErrorCode.VALIDATION_FAILED, () -> dashboard(DashboardQuery.ALL.withActiveLimit(1001)));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> dashboard(DashboardQuery.ALL.withActiveLimit(-1)));
    }

    @Test
    void dashboardOfAnEmptyStoreIsEmptyAndHealthy() {
        DashboardPayload empty = dashboard(null);
        assertThat(empty.totals().tasksTotal()).isZero();
        assertThat(empty.statusBreakdown()).isNull();
        assertThat(empty.activeRuns().items()).isNull();
        assertThat(empty.freshness().status()).isEqualTo("empty");
        assertThat(empty.health().status()).isEqualTo("ok");
    }

    @Test
    void dashboardRefusesFiltersItCannotApply() {
        failsWith(ErrorCode.WORKSPACE_NOT_FOUND, () -> dashboard(dashboardOf(null, "nowhere", null)));
        addWorkspace("/srv/api", "api");
        failsWith(ErrorCode.VALIDATION_FAILED, () -> dashboard(dashboardOf("global", "api", null)));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> dashboard(dashboardOf("everywhere", null, null)));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> dashboard(dashboardOf(null, null, "Not A Channel")));
        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> dashboard(new DashboardQuery(null, null, "robot", null, null, null)));
        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> dashboard(new DashboardQuery(null, null, null, null, null, "pigeon")));
    }

    // ---- inbox ----------------------------------------------------------------------------------

    @Test
    void inboxListsWhatWantsTheCallersAttentionInLaneOrder() {
        TaskPayload approval = create(task("Deploy schema v7").approval("manual"));
        TaskPayload mine = create(task("Rotate keys").owner("human", ALICE.ref()));
        create(task("Someone else's").owner("human", "bob"));

        InboxPayload inbox = inbox(null);
        assertThat(inbox.groups())
                .extracting(InboxGroupPayload::lane)
                .containsExactly("my_work", "approvals", "failed_runs", "blocked", "archived");
        assertThat(taskIds(group(inbox, "approvals"))).containsExactly(approval.id());
        assertThat(taskIds(group(inbox, "my_work"))).containsExactly(mine.id());
        assertThat(inbox.total()).isEqualTo(2);
        assertThat(inbox.unreadTotal()).isEqualTo(2);
        InboxItemPayload item = group(inbox, "approvals").items().get(0);
        assertThat(item.blockingReason()).isEqualTo("awaiting_approval");
        assertThat(item.triage().actor()).isEqualTo(ALICE);

        InboxPayload approvals = inbox(inboxOf("approvals", null, null, null));
        assertThat(approvals.groups()).extracting(InboxGroupPayload::lane).containsExactly("approvals");
        assertThat(inbox(inboxOf(null, null, "rotate", null)).total())
                .as("text query")
                .isEqualTo(1);
    }

    @Test
    void inboxIsKeptPerCaller() {
        TaskPayload approval = create(task("Needs a yes").approval("manual"));
        Agent coder = agent("coder");
        TaskPayload job = createGlobal("Job");
        start(job.id());
        ClaimPayload claim = coder.claimOne();
        assertThat(claim.task().id()).isEqualTo(job.id());

        InboxPayload agents = coder.service.inbox(coder.caller, null).inbox();
        assertThat(taskIds(group(agents, "my_work"))).as("the run it holds").containsExactly(job.id());
        assertThat(taskIds(group(agents, "approvals"))).containsExactly(approval.id());
        assertThat(taskIds(group(inbox(null), "my_work")))
                .as("not the operator's work")
                .isEmpty();

        service().triageDismiss(CALLER, approval.id());
        assertThat(inbox(null).total()).as("dismissed by the operator").isZero();
        assertThat(coder.service.inbox(coder.caller, null).inbox().total())
                .as("still in the agent's inbox")
                .isEqualTo(2);
    }

    @Test
    void unreadOnlyAndLimitApplyPerLaneAfterCounting() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            TaskPayload t = create(task("Approve " + i).approval("manual"));
            ids.add(t.id());
            clock.tick();
        }
        read(CALLER, ids.get(0));

        InboxGroupPayload limited = group(inbox(inboxOf(null, null, null, 2)), "approvals");
        assertThat(limited.count()).as("counted before the limit").isEqualTo(4);
        assertThat(limited.unreadCount()).isEqualTo(3);
        assertThat(limited.items()).hasSize(2);
        assertThat(taskIds(limited)).as("unread first, newest first").containsExactly(ids.get(3), ids.get(2));

        InboxPayload unread = inbox(inboxOf(null, true, null, 0));
        assertThat(unread.total()).isEqualTo(3);
        assertThat(taskIds(group(unread, "approvals"))).doesNotContain(ids.get(0));
        assertThat(group(inbox(inboxOf(null, null, null, 0)), "approvals").items())
                .as("0: no limit")
                .hasSize(4);
    }

    @Test
    void inboxRefusesFiltersItCannotApply() {
        failsWith(ErrorCode.VALIDATION_FAILED, () -> inbox(inboxOf("someday", null, null, null)));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> inbox(inboxOf(null, null, null, -1)));
        failsWith(
                ErrorCode.WORKSPACE_NOT_FOUND,
                () -> inbox(new InboxQuery(null, "nowhere", null, null, null, null, null, null)));
        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> inbox(new InboxQuery("galaxy", null, null, null, null, null, null, null)));
    }
}
