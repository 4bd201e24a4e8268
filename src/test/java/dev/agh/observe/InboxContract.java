package dev.agh.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.agh.api.DashboardPayload;
import dev.agh.api.InboxGroupPayload;
import dev.agh.api.InboxItemPayload;
import dev.agh.api.InboxPayload;
import dev.agh.api.RunPayload;
import dev.agh.domain.OwnerKind;
import dev.agh.domain.RunStatus;
import dev.agh.domain.TaskStatus;
import dev.agh.service.Caller;
import dev.agh.store.ObserveTable.Filter;
import dev.agh.store.ObserveTable.Lane;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every lane rule of the inbox, on whichever database a subclass opens. */
abstract class InboxContract extends ObserveFixture {

    static InboxGroupPayload group(InboxPayload inbox, String lane) {
        return inbox.groups().stream()
                .filter(g -> g.lane().equals(lane))
                .findFirst()
                .orElseThrow();
    }

    static List<String> ids(InboxGroupPayload group) {
        return group.items() == null
                ? List.of()
                : group.items().stream().map(i -> i.task().id()).toList();
    }

    static InboxItemPayload item(InboxPayload inbox, String taskId) {
        return inbox.groups().stream()
                .filter(g -> g.items() != null)
                .flatMap(g -> g.items().stream())
                .filter(i -> i.task().id().equals(taskId))
                .findFirst()
                .orElseThrow();
    }

    void read(Caller caller, String taskId) {
        service.triageRead(caller, taskId);
    }

    void dismiss(Caller caller, String taskId) {
        service.triageDismiss(caller, taskId);
    }

    void archive(Caller caller, String taskId) {
        service.triageArchive(caller, taskId);
    }

    /** The worked example of the reference (agh-observe-cli.md 3.11). */
    private void seedWorkedExample() {
        create("mine-read", s -> s.owner("human", "alice"));
        create("resurfaced", s -> {
            s.owner("human", "alice");
            s.priority = "urgent";
            s.identifier = "resurfaced-item";
        });
        create("appr", s -> s.approvalPolicy = "manual");
        create("failedrun", s -> s.maxAttempts = 1);
        RunPayload failed = start("failedrun");
        claim(failed.id());
        run(failed.id());
        fail(failed.id(), "  boom  ");
        create("dep");
        depend("dep", "mine-read");
        create("arch", s -> s.owner("human", "alice"));
        create("hidden", s -> s.owner("human", "alice"));
        clock.advance(Duration.ofMinutes(1));
        read(ALICE, "mine-read");
        dismiss(ALICE, "resurfaced");
        dismiss(ALICE, "hidden");
        archive(ALICE, "arch");
        clock.advance(Duration.ofMinutes(24));
        touch("resurfaced");
        clock.advance(Duration.ofMinutes(5));
    }

    @Test
    void workedExampleAssignsLanesCountsAndReasons() {
        seedWorkedExample();
        InboxPayload inbox = inbox(ALICE);
        assertThat(inbox.total()).isEqualTo(6);
        assertThat(inbox.unreadTotal()).isEqualTo(4);
        assertThat(inbox.archivedTotal()).isEqualTo(1);
        assertThat(inbox.groups())
                .extracting(InboxGroupPayload::lane, InboxGroupPayload::count, InboxGroupPayload::unreadCount)
                .containsExactly(
                        tuple("my_work", 2L, 1L),
                        tuple("approvals", 1L, 1L),
                        tuple("failed_runs", 1L, 1L),
                        tuple("blocked", 1L, 1L),
                        tuple("archived", 1L, 0L));
        assertThat(ids(group(inbox, "my_work"))).containsExactly("resurfaced", "mine-read");
        assertThat(ids(group(inbox, "approvals"))).containsExactly("appr");
        assertThat(ids(group(inbox, "failed_runs"))).containsExactly("failedrun");
        assertThat(ids(group(inbox, "blocked"))).containsExactly("dep");
        assertThat(ids(group(inbox, "archived"))).containsExactly("arch");

        InboxItemPayload resurfaced = item(inbox, "resurfaced");
        assertThat(resurfaced.triage().read()).isFalse();
        assertThat(resurfaced.triage().dismissed()).isFalse();
        assertThat(resurfaced.triage().updatedAt()).isEqualTo(START.plus(Duration.ofMinutes(1)));
        assertThat(resurfaced.triage().actor()).isEqualTo(ALICE.actor());
        assertThat(resurfaced.latestActivityAt()).isEqualTo(START.plus(Duration.ofMinutes(25)));
        assertThat(resurfaced.blockingReason()).isNull();
        assertThat(item(inbox, "mine-read").triage().read()).isTrue();
        assertThat(item(inbox, "appr").blockingReason()).isEqualTo("awaiting_approval");
        assertThat(item(inbox, "appr").triage().updatedAt()).isEqualTo(DashboardPayload.ZERO_TIME);
        assertThat(item(inbox, "dep").blockingReason()).isEqualTo("awaiting_dependencies");
        InboxItemPayload failed = item(inbox, "failedrun");
        assertThat(failed.blockingReason()).isEqualTo("latest_run_failed");
        assertThat(failed.run().status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.run().maxAttempts()).isEqualTo(1);
        assertThat(failed.run().error()).isEqualTo("boom");
        InboxItemPayload archived = item(inbox, "arch");
        assertThat(archived.triage().archived()).isTrue();
        assertThat(archived.triage().read()).isTrue();
        assertThat(archived.lane()).isEqualTo("archived");

        String json = inboxJson(ALICE);
        assertThat(json).contains("\"updated_at\":\"0001-01-01T00:00:00Z\"");

        InboxPayload approvals = inbox(ALICE, Lane.APPROVALS, false, 0, Filter.NONE);
        assertThat(approvals.groups()).extracting(InboxGroupPayload::lane).containsExactly("approvals");
        assertThat(approvals.total()).isEqualTo(1);

        InboxPayload unread = inbox(ALICE, null, true, 0, Filter.NONE);
        assertThat(unread.total()).isEqualTo(4);
        assertThat(unread.archivedTotal()).isZero();
        assertThat(group(unread, "archived").count()).isZero();
        assertThat(group(unread, "archived").items()).isNull();
        assertThat(ids(group(unread, "my_work"))).containsExactly("resurfaced");

        InboxPayload search =
                inbox(ALICE, null, false, 0, new Filter(null, null, null, null, null, null, "RESURFACED"));
        assertThat(search.total()).isEqualTo(1);
        assertThat(ids(group(search, "my_work"))).containsExactly("resurfaced");
    }

    @Test
    void triageIsPerActor() {
        seedWorkedExample();
        read(ALICE, "appr");
        InboxPayload alice = inbox(ALICE);
        assertThat(group(alice, "approvals").unreadCount()).isZero();
        InboxPayload bob = inbox(BOB);
        assertThat(group(bob, "approvals").unreadCount()).isEqualTo(1);
        assertThat(group(bob, "my_work").count())
                .as("alice's tasks are not bob's work")
                .isZero();
        assertThat(group(bob, "archived").count()).isZero();
        // Shared lanes for bob, all unread: approvals, failed_runs, blocked.
        assertThat(bob.total()).isEqualTo(3);
        assertThat(bob.unreadTotal()).isEqualTo(3);
        assertThat(item(bob, "appr").triage().actor()).isEqualTo(BOB.actor());
    }

    @Test
    void readDismissAndArchiveResurfaceOnlyAsTheRulesSay() {
        create("t", s -> s.owner("human", "alice"));
        clock.tick();
        read(ALICE, "t");
        assertThat(item(inbox(ALICE), "t").triage().read()).isTrue();
        clock.tick();
        touch("t");
        assertThat(item(inbox(ALICE), "t").triage().read())
                .as("new activity after read")
                .isFalse();
        clock.tick();
        read(ALICE, "t");
        dismiss(ALICE, "t");
        InboxPayload hidden = inbox(ALICE);
        assertThat(hidden.total()).as("dismissed: in no lane, counted nowhere").isZero();
        clock.tick();
        touch("t");
        InboxPayload back = inbox(ALICE);
        assertThat(ids(group(back, "my_work"))).containsExactly("t");
        assertThat(item(back, "t").triage().read()).isFalse();
        assertThat(item(back, "t").triage().dismissed()).isFalse();
        clock.tick();
        archive(ALICE, "t");
        clock.tick();
        touch("t");
        InboxPayload archived = inbox(ALICE);
        assertThat(ids(group(archived, "archived")))
                .as("archive never resurfaces")
                .containsExactly("t");
        assertThat(archived.unreadTotal()).isZero();
        dismiss(ALICE, "t");
        assertThat(ids(group(inbox(ALICE), "archived")))
                .as("dismissing an archived task changes nothing")
                .containsExactly("t");
    }

    @Test
    void itemsAreSortedUnreadFirstThenActivityThenPriorityThenId() {
        create("a-low", s -> {
            s.owner("human", "alice");
            s.priority = "low";
        });
        create("d-high", s -> {
            s.owner("human", "alice");
            s.priority = "high";
        });
        create("c-high", s -> {
            s.owner("human", "alice");
            s.priority = "high";
        });
        create("b-urgent", s -> {
            s.owner("human", "alice");
            s.priority = "urgent";
        });
        clock.advance(Duration.ofMinutes(1));
        create("e-new", s -> s.owner("human", "alice"));
        clock.advance(Duration.ofMinutes(1));
        create("f-read", s -> s.owner("human", "alice"));
        read(ALICE, "f-read");
        assertThat(ids(group(inbox(ALICE), "my_work")))
                .containsExactly("e-new", "b-urgent", "c-high", "d-high", "a-low", "f-read");
    }

    @Test
    void limitTruncatesEachLaneAfterCounting() {
        create("m1", s -> s.owner("human", "alice"));
        clock.tick();
        create("m2", s -> s.owner("human", "alice"));
        clock.tick();
        create("m3", s -> s.owner("human", "alice"));
        create("b1", s -> s.approvalPolicy = "manual");
        create("b2", s -> s.approvalPolicy = "manual");
        create("b3", s -> s.approvalPolicy = "manual");
        InboxPayload limited = inbox(ALICE, null, false, 2, Filter.NONE);
        assertThat(limited.total()).isEqualTo(6);
        assertThat(group(limited, "my_work").count()).isEqualTo(3);
        assertThat(ids(group(limited, "my_work"))).containsExactly("m3", "m2");
        assertThat(group(limited, "approvals").count()).isEqualTo(3);
        assertThat(ids(group(limited, "approvals"))).containsExactly("b1", "b2");
        InboxPayload one = inbox(ALICE, Lane.MY_WORK, false, 1, Filter.NONE);
        assertThat(one.groups()).hasSize(1);
        assertThat(one.total()).isEqualTo(3);
        assertThat(ids(one.groups().get(0))).containsExactly("m3");
    }

    @Test
    void myWorkIsOwnedOrHeldAndOpen() {
        create("unowned");
        RunPayload run = start("unowned");
        claim(ALICE, run.id());
        create("pooled", s -> s.owner("pool", "reviewers"));
        start("pooled");
        create("draft", s -> {
            s.owner("human", "alice");
            s.draft = true;
        });
        create("done", s -> s.owner("human", "alice"));
        RunPayload done = start("done");
        claim(done.id());
        run(done.id());
        complete(done.id());
        create("agents", s -> s.owner("agent_session", "alice"));
        assertThat(task("done").status()).isEqualTo(TaskStatus.COMPLETED);

        InboxPayload alice = inbox(ALICE);
        assertThat(ids(group(alice, "my_work")))
                .as("held by alice; not pool work, nor her draft, closed or agent-owned tasks")
                .containsExactly("unowned");
        assertThat(alice.total()).isEqualTo(1);
        assertThat(item(alice, "unowned").run().claimedBy()).isEqualTo(ALICE.actor());
        assertThat(inbox(BOB).total()).isZero();
        assertThat(inbox(ALICE, null, false, 0, new Filter(null, null, OwnerKind.HUMAN, "alice", null, null, null))
                        .total())
                .as("the owner filter applies to the task, not to the holder")
                .isZero();
    }

    @Test
    void failedRunsLaneFollowsTheLatestRun() {
        create("retry", s -> {
            s.owner("human", "alice");
            s.maxAttempts = 2;
        });
        RunPayload first = start("retry");
        claim(first.id());
        run(first.id());
        fail(first.id(), "boom");
        assertThat(task("retry").status()).isEqualTo(TaskStatus.READY);
        assertThat(ids(group(inbox(ALICE), "failed_runs")))
                .as("failed_runs wins over my_work")
                .containsExactly("retry");
        clock.tick();
        RunPayload second = enqueue("retry");
        InboxPayload after = inbox(ALICE);
        assertThat(group(after, "failed_runs").count()).isZero();
        InboxItemPayload item = item(after, "retry");
        assertThat(item.lane()).isEqualTo("my_work");
        assertThat(item.run().id()).isEqualTo(second.id());
        assertThat(item.run().attempt()).isEqualTo(2);
        assertThat(item.blockingReason()).isNull();
    }

    @Test
    void rejectedApprovalIsBlockedWithItsReason() {
        create("rej", s -> s.approvalPolicy = "manual");
        service.rejectTask(OPERATOR, "rej");
        InboxPayload inbox = inbox(ALICE);
        TaskStatus status = task("rej").status();
        if (status == TaskStatus.BLOCKED) {
            assertThat(item(inbox, "rej").lane()).isEqualTo("blocked");
            assertThat(item(inbox, "rej").blockingReason()).isEqualTo("approval_rejected");
        } else {
            assertThat(inbox.total())
                    .as("a rejected task that is not blocked is in no lane of a non-owner")
                    .isZero();
        }
    }
}
