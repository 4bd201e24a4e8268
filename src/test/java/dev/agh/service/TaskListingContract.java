package dev.agh.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.api.TaskPayload;
import dev.agh.api.TaskSummaryPayload;
import dev.agh.api.WorkspacePayload;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.Limits;
import dev.agh.domain.TaskStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Listing tasks: order, draft visibility, every filter, the limit and bad query values. */
abstract class TaskListingContract extends TaskCreationContract {

    @Test
    void listsTasksByLatestActivityNewestFirst() {
        TaskPayload a = createGlobal("A");
        clock.tick();
        TaskPayload b = createGlobal("B");
        clock.tick();
        TaskPayload c = createGlobal("C");

        assertThat(listIds(query())).containsExactly(c.id(), b.id(), a.id());

        clock.tick();
        update(a.id(), patch().title("A, edited"));

        assertThat(listIds(query())).containsExactly(a.id(), c.id(), b.id());
        TaskSummaryPayload top = list(query()).get(0);
        assertThat(top.lastActivityAt()).isEqualTo(clock.instant());
        assertThat(top.title()).isEqualTo("A, edited");
    }

    @Test
    void movesTaskToTheTopWhenItGainsADependencyOrAChild() {
        TaskPayload a = createGlobal("A");
        clock.tick();
        TaskPayload b = createGlobal("B");
        clock.tick();
        TaskPayload c = createGlobal("C");
        clock.tick();

        depend(a.id(), c.id());
        assertThat(listIds(query())).startsWith(a.id());

        clock.tick();
        TaskPayload child = createChild(b.id(), task("B.1"));
        // Child and parent share the same activity time; the newer creation sorts first.
        assertThat(listIds(query())).containsExactly(child.id(), b.id(), a.id(), c.id());
    }

    @Test
    void hidesDraftsUnlessIncludeDraftsOrStatusFilterAsksForThem() {
        TaskPayload ready = createGlobal("Ready");
        clock.tick();
        TaskPayload draft = create(task("Draft").draft());

        assertThat(listIds(query())).containsExactly(ready.id());
        assertThat(listIds(query().limit(1))).containsExactly(ready.id());
        assertThat(listIds(query().includeDrafts())).containsExactly(draft.id(), ready.id());
        assertThat(listIds(query().status("draft"))).containsExactly(draft.id());
        TaskSummaryPayload listed = list(query().status("draft")).get(0);
        assertThat(listed.status()).isEqualTo(TaskStatus.DRAFT);
        assertThat(listed.draft()).isTrue();
    }

    @Test
    void filtersByScopeAndWorkspace() {
        WorkspacePayload alpha = addWorkspace("/srv/agh/alpha", "alpha");
        addWorkspace("/srv/agh/beta", "beta");
        TaskPayload global = createGlobal("Global");
        TaskPayload inAlpha = create(task("In alpha").in("alpha"));
        TaskPayload inBeta = create(task("In beta").in("beta"));

        assertThat(listIds(query().scope("global"))).containsExactly(global.id());
        assertThat(listIds(query().scope("workspace"))).containsExactlyInAnyOrder(inAlpha.id(), inBeta.id());
        assertThat(listIds(query().workspace("alpha"))).containsExactly(inAlpha.id());
        assertThat(listIds(query().workspace(alpha.id()))).containsExactly(inAlpha.id());
        assertThat(listIds(query().workspace("/srv/agh/beta"))).containsExactly(inBeta.id());
        assertThat(listIds(query().scope("workspace").workspace("beta"))).containsExactly(inBeta.id());
    }

    @Test
    void rejectsListingUnknownWorkspaceOrGlobalScopeWithWorkspace() {
        addWorkspace("/srv/agh/alpha", "alpha");

        failsWith(ErrorCode.WORKSPACE_NOT_FOUND, () -> list(query().workspace("nowhere")));
        failsWith(
                ErrorCode.VALIDATION_FAILED, () -> list(query().scope("global").workspace("alpha")));
    }

    @Test
    void filtersByStatus() {
        TaskPayload ready = createGlobal("Ready");
        TaskPayload blocked = create(task("Blocked").approval("manual"));
        TaskPayload dependent = createGlobal("Dependent");
        depend(dependent.id(), ready.id());

        assertThat(listIds(query().status("ready"))).containsExactly(ready.id());
        assertThat(listIds(query().status("blocked"))).containsExactlyInAnyOrder(blocked.id(), dependent.id());
        assertThat(listIds(query().status("completed"))).isEmpty();
        assertThat(listIds(query().status(" Ready "))).containsExactly(ready.id());
    }

    @Test
    void filtersByPriority() {
        TaskPayload low = create(task("Low").priority("low"));
        TaskPayload urgent = create(task("Urgent").priority("urgent"));
        TaskPayload medium = createGlobal("Medium");

        assertThat(listIds(query().priority("low"))).containsExactly(low.id());
        assertThat(listIds(query().priority("urgent"))).containsExactly(urgent.id());
        assertThat(listIds(query().priority("medium"))).containsExactly(medium.id());
        assertThat(listIds(query().priority("high"))).isEmpty();
    }

    @Test
    void filtersByApprovalState() {
        TaskPayload free = createGlobal("Free");
        TaskPayload gated = create(task("Gated").approval("manual"));

        assertThat(listIds(query().approvalState("pending"))).containsExactly(gated.id());
        assertThat(listIds(query().approvalState("not_required"))).containsExactly(free.id());
        assertThat(listIds(query().approvalState("approved"))).isEmpty();
    }

    @Test
    void filtersByOwnerKindAndOwnerRef() {
        TaskPayload ana = create(task("Ana's").owner("human", "ana"));
        TaskPayload bob = create(task("Bob's").owner("human", "bob"));
        TaskPayload pool = create(task("Pool's").owner("pool", "ana"));
        createGlobal("Nobody's");

        assertThat(listIds(query().ownerKind("human"))).containsExactlyInAnyOrder(ana.id(), bob.id());
        assertThat(listIds(query().ownerRef("ana"))).containsExactlyInAnyOrder(ana.id(), pool.id());
        assertThat(listIds(query().ownerKind("human").ownerRef("ana"))).containsExactly(ana.id());
        assertThat(listIds(query().ownerKind("pool"))).containsExactly(pool.id());
        assertThat(listIds(query().ownerKind("automation"))).isEmpty();
    }

    @Test
    void filtersByParentTaskId() {
        TaskPayload parent = createGlobal("Parent");
        TaskPayload other = createGlobal("Other parent");
        clock.tick();
        TaskPayload first = createChild(parent.id(), task("First"));
        clock.tick();
        TaskPayload second = createChild(parent.id(), task("Second"));
        createChild(other.id(), task("Elsewhere"));

        assertThat(listIds(query().parent(parent.id()))).containsExactly(second.id(), first.id());
        assertThat(listIds(query().parent("task-0000000000000000"))).isEmpty();
    }

    @Test
    void filtersByNetworkChannel() {
        TaskPayload ops = create(task("Ops").channel("ops"));
        create(task("Dev").channel("dev"));
        createGlobal("None");

        assertThat(listIds(query().channel("ops"))).containsExactly(ops.id());
        assertThat(listIds(query().channel("qa"))).isEmpty();
        failsWith(ErrorCode.VALIDATION_FAILED, () -> list(query().channel("Not A Channel")));
    }

    @Test
    void searchesTitleAndIdentifierCaseInsensitively() {
        TaskPayload byTitle = createGlobal("Fix the LOGIN page");
        TaskPayload byIdentifier = create(task("Unrelated").identifier("LOGIN-42"));
        TaskPayload percent = createGlobal("Raise coverage to 50% soon");
        TaskPayload underscore = createGlobal("rename snake_case fields");
        createGlobal("Write docs");
        createGlobal("Raise coverage to 500 soon");
        createGlobal("rename snakeXcase fields");

        assertThat(listIds(query().text("login"))).containsExactlyInAnyOrder(byTitle.id(), byIdentifier.id());
        assertThat(listIds(query().text("Login-4"))).containsExactly(byIdentifier.id());
        assertThat(listIds(query().text("50%"))).containsExactly(percent.id());
        assertThat(listIds(query().text("snake_case"))).containsExactly(underscore.id());
        assertThat(listIds(query().text("nothing like this"))).isEmpty();
    }

    @Test
    void limitsTheNumberOfListedTasksToTheNewest() {
        createGlobal("Oldest");
        clock.tick();
        TaskPayload middle = createGlobal("Middle");
        clock.tick();
        TaskPayload newest = createGlobal("Newest");

        assertThat(listIds(query().limit(2))).containsExactly(newest.id(), middle.id());
        assertThat(listIds(query().limit(0))).hasSize(3);
        assertThat(listIds(query().limit(10))).hasSize(3);
        failsWith(ErrorCode.VALIDATION_FAILED, () -> list(query().limit(-1)));
    }

    @Test
    void aListWithoutALimitIsOnePageOfTheDefaultSizeAndTheCursorWalksTheRestWithoutOverlap() {
        for (int i = 0; i < Limits.DEFAULT_LIST_LIMIT + 15; i++) {
            createGlobal("Task " + i);
            if (i % 7 == 0) {
                clock.tick();
            }
        }
        var first = service().listTasks(CALLER, query().build());
        assertThat(first.tasks()).hasSize(Limits.DEFAULT_LIST_LIMIT);
        assertThat(first.nextCursor()).isNotBlank();
        var second =
                service().listTasks(CALLER, query().cursor(first.nextCursor()).build());
        assertThat(second.tasks()).hasSize(15);
        assertThat(second.nextCursor()).isNull();
        List<String> walked = new java.util.ArrayList<>(
                first.tasks().stream().map(TaskSummaryPayload::id).toList());
        second.tasks().forEach(t -> walked.add(t.id()));
        assertThat(walked).doesNotHaveDuplicates().hasSize(Limits.DEFAULT_LIST_LIMIT + 15);
        assertThat(walked).containsExactlyElementsOf(listIds(query().limit(Limits.MAX_LIST_LIMIT)));
    }

    @Test
    void smallPagesFollowTheSameOrderAsOneLargeList() {
        for (int i = 0; i < 9; i++) {
            createGlobal("Paged " + i);
        }
        List<String> paged = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var page =
                    service().listTasks(CALLER, query().limit(2).cursor(cursor).build());
            assertThat(page.tasks().size()).isLessThanOrEqualTo(2);
            page.tasks().forEach(t -> paged.add(t.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(paged).containsExactlyElementsOf(listIds(query()));
    }

    @Test
    void aLimitOverTheMaximumOrACursorNotFromTheServerIsAValidationError() {
        createGlobal("Anything");
        failsWith(ErrorCode.VALIDATION_FAILED, () -> list(query().limit(Limits.MAX_LIST_LIMIT + 1)));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> list(query().cursor("not-a-cursor")));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> list(query().cursor("dDE6MTphYjox")));
    }

    @Test
    void aNulOrControlCharacterInTextIsAValidationErrorOnEveryEngine() {
        int before = listIds(query().limit(Limits.MAX_LIST_LIMIT)).size();
        failsWith(ErrorCode.VALIDATION_FAILED, () -> create(task("nul\u0000title")));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> create(task("bell\u0007title")));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> create(task("ok").id("id\u0000")));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> list(query().text("a\u0000")));
        assertThat(listIds(query().limit(Limits.MAX_LIST_LIMIT))).hasSize(before);
    }

    @Test
    void aWorkspacePathPastTheLabelLimitIsAValidationErrorOnEveryEngine() {
        failsWith(ErrorCode.VALIDATION_FAILED, () -> addWorkspace("/" + "a".repeat(5000), null));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> addWorkspace("/tmp/with\u0001control", null));
        assertThat(addWorkspace("/" + "b".repeat(900), null).path()).hasSize(901);
    }

    @Test
    void rejectsUnknownEnumValuesInListFilters() {
        createGlobal("Anything");

        failsWith(ErrorCode.VALIDATION_FAILED, () -> list(query().status("done")));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> list(query().priority("critical")));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> list(query().approvalState("maybe")));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> list(query().ownerKind("robot")));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> list(query().scope("team")));
    }

    @Test
    void listsSummariesWithCountsAndDependencyReferences() {
        TaskPayload blocker = createGlobal("Blocker");
        TaskPayload parent = createGlobal("Parent");
        createChild(parent.id(), task("Child"));
        depend(parent.id(), blocker.id());

        TaskSummaryPayload listed = list(query()).stream()
                .filter(t -> t.id().equals(parent.id()))
                .findFirst()
                .orElseThrow();

        assertThat(listed.childCount()).isEqualTo(1);
        assertThat(listed.dependencyCount()).isEqualTo(1);
        assertThat(listed.status()).isEqualTo(TaskStatus.BLOCKED);
        assertThat(listed.dependencies()).singleElement().satisfies(d -> {
            assertThat(d.dependsOnTaskId()).isEqualTo(blocker.id());
            assertThat(d.dependsOn().title()).isEqualTo("Blocker");
        });
        assertThat(listed.activeRun()).isNull();
        assertThat(listed).isEqualTo(summary(parent.id()));
    }
}
