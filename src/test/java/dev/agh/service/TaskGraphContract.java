package dev.agh.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agh.api.EventPayload;
import dev.agh.api.Requests.AddDependency;
import dev.agh.api.TaskDetailPayload;
import dev.agh.api.TaskPayload;
import dev.agh.api.WorkspacePayload;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.Origin;
import dev.agh.domain.OriginKind;
import dev.agh.domain.Scope;
import dev.agh.domain.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The task tree (children) and the dependency graph, with their limits. */
abstract class TaskGraphContract extends TaskUpdateContract {

    // ---- children -------------------------------------------------------------------------------

    @Test
    void createsChildLinkedToItsParent() {
        TaskPayload parent = createGlobal("Parent");
        Instant childTime = clock.tick();

        TaskPayload child = createChild(parent.id(), task("Child").priority("high"));

        assertThat(child.id()).matches(TASK_ID);
        assertThat(child.parentTaskId()).isEqualTo(parent.id());
        assertThat(child.scope()).isEqualTo(Scope.GLOBAL);
        assertThat(child.priority()).isEqualTo(dev.agh.domain.Priority.HIGH);
        assertThat(child.status()).isEqualTo(TaskStatus.READY);
        assertThat(child.createdBy()).isEqualTo(ALICE);
        assertThat(child.origin()).isEqualTo(new Origin(OriginKind.HTTP, "tasks.create_child"));
        assertThat(child.createdAt()).isEqualTo(childTime);

        TaskDetailPayload parentDetail = detail(parent.id());
        assertThat(parentDetail.summary().childCount()).isEqualTo(1);
        assertThat(parentDetail.children()).extracting(c -> c.id()).containsExactly(child.id());
        assertThat(listIds(query().parent(parent.id()))).containsExactly(child.id());

        EventPayload childCreated = newestEvent(child.id());
        assertThat(eventTypes(child.id())).containsExactly("task.created");
        assertThat(childCreated.payload().get("parent_task_id").asText()).isEqualTo(parent.id());
        assertThat(childCreated.payload().get("status").asText()).isEqualTo("ready");
        assertThat(childCreated.origin().ref()).isEqualTo("tasks.create_child");

        EventPayload parentEvent = newestEvent(parent.id());
        assertThat(eventTypes(parent.id())).containsExactly("task.child_created", "task.created");
        assertThat(parentEvent.payload().get("child_task_id").asText()).isEqualTo(child.id());
        assertThat(parentEvent.payload().get("child_scope").asText()).isEqualTo("global");
        assertThat(parentEvent.timestamp()).isEqualTo(childTime);
        // The child's task.created comes before the parent's task.child_created.
        assertThat(parentDetail.task().latestEventSeq()).isEqualTo(child.latestEventSeq() + 1);
    }

    @Test
    void listsChildrenOldestFirstInParentDetail() {
        TaskPayload parent = createGlobal("Parent");
        List<String> created = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            clock.tick();
            created.add(createChild(parent.id(), task("Child " + i)).id());
        }

        assertThat(detail(parent.id()).children()).extracting(c -> c.id()).containsExactlyElementsOf(created);
        assertThat(detail(parent.id()).summary().childCount()).isEqualTo(3);
    }

    @Test
    void refusesANinthLevelOfNestingWithGraphLimitExceeded() {
        TaskPayload level = createGlobal("Level 1");
        for (int depth = 2; depth <= 8; depth++) {
            level = createChild(level.id(), task("Level " + depth));
        }
        String deepest = level.id();

        failsWith(ErrorCode.GRAPH_LIMIT_EXCEEDED, () -> createChild(deepest, task("Level 9")));

        assertThat(detail(deepest).children()).isNullOrEmpty();
        assertThat(listIds(query())).hasSize(8);
    }

    @Test
    void refusesThe65thChildWithGraphLimitExceeded() {
        TaskPayload parent = createGlobal("Crowded");
        for (int i = 1; i <= 64; i++) {
            createChild(parent.id(), task("Child " + i));
        }

        failsWith(ErrorCode.GRAPH_LIMIT_EXCEEDED, () -> createChild(parent.id(), task("Child 65")));

        assertThat(detail(parent.id()).summary().childCount()).isEqualTo(64);
        assertThat(listIds(query().parent(parent.id()))).hasSize(64);
    }

    @Test
    void requiresChildOfWorkspaceTaskToBeInTheSameWorkspace() {
        WorkspacePayload alpha = addWorkspace("/srv/agh/alpha", "alpha");
        WorkspacePayload beta = addWorkspace("/srv/agh/beta", "beta");
        TaskPayload parent = create(task("Alpha parent").in("alpha"));

        failsWith(ErrorCode.VALIDATION_FAILED, () -> createChild(parent.id(), task("Global child")));
        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> createChild(parent.id(), task("Beta child").in("beta")));
        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> createChild(parent.id(), task("No workspace").scope("workspace")));
        assertThat(detail(parent.id()).summary().childCount()).isNull();

        TaskPayload sameWorkspace = createChild(parent.id(), task("Alpha child").in("/srv/agh/alpha"));
        assertThat(sameWorkspace.workspaceId()).isEqualTo(alpha.id());
        EventPayload childCreated = newestEvent(parent.id());
        assertThat(childCreated.eventType()).isEqualTo("task.child_created");
        assertThat(childCreated.payload().get("child_scope").asText()).isEqualTo("workspace");
        assertThat(childCreated.payload().get("child_workspace_id").asText()).isEqualTo(alpha.id());

        TaskPayload globalParent = createGlobal("Global parent");
        TaskPayload betaChild =
                createChild(globalParent.id(), task("Beta child").in(beta.id()));
        assertThat(betaChild.workspaceId()).isEqualTo(beta.id());
        assertThat(betaChild.parentTaskId()).isEqualTo(globalParent.id());
    }

    @Test
    void failsToCreateChildOfUnknownParentWithTaskNotFound() {
        failsWith(ErrorCode.TASK_NOT_FOUND, () -> createChild("task-0000000000000000", task("Orphan")));
        assertThat(listIds(query().includeDrafts())).isEmpty();
    }

    @Test
    void validatesChildRequestsLikeCreate() {
        TaskPayload parent = createGlobal("Parent");

        failsWith(ErrorCode.VALIDATION_FAILED, () -> createChild(parent.id(), task(" ")));
        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> createChild(parent.id(), task("No scope").scope(null)));
        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> createChild(parent.id(), task("Bad").maxAttempts(11)));
        failsWith(
                ErrorCode.WORKSPACE_NOT_FOUND,
                () -> createChild(parent.id(), task("Lost").in("nowhere")));

        TaskPayload draftChild = createChild(parent.id(), task("Draft child").draft());
        assertThat(draftChild.status()).isEqualTo(TaskStatus.DRAFT);
        assertThat(detail(parent.id()).summary().childCount()).isEqualTo(1);
    }

    // ---- dependencies ---------------------------------------------------------------------------

    @Test
    void blocksATaskThatDependsOnAnUnfinishedTask() {
        TaskPayload blocker = createGlobal("Blocker");
        TaskPayload dependent = createGlobal("Dependent");
        Instant edgeTime = clock.tick();

        TaskDetailPayload detail = depend(dependent.id(), blocker.id());

        assertThat(detail.task().id()).isEqualTo(dependent.id());
        assertThat(detail.task().status()).isEqualTo(TaskStatus.BLOCKED);
        assertThat(detail.summary().status()).isEqualTo(TaskStatus.BLOCKED);
        assertThat(detail.summary().dependencyCount()).isEqualTo(1);
        assertThat(detail.dependencies()).singleElement().satisfies(d -> {
            assertThat(d.taskId()).isEqualTo(dependent.id());
            assertThat(d.dependsOnTaskId()).isEqualTo(blocker.id());
            assertThat(d.kind()).isEqualTo("blocks");
            assertThat(d.createdAt()).isEqualTo(edgeTime);
        });
        assertThat(detail.dependencyReferences())
                .singleElement()
                .satisfies(d -> assertThat(d.dependsOn().id()).isEqualTo(blocker.id()));
        assertThat(detail).isEqualTo(detail(dependent.id()));

        EventPayload added = newestEvent(dependent.id());
        assertThat(added.eventType()).isEqualTo("task.dependency_added");
        assertThat(added.origin()).isEqualTo(new Origin(OriginKind.HTTP, "tasks.add_dependency"));
        assertThat(added.timestamp()).isEqualTo(edgeTime);
        assertThat(added.payload().get("depends_on_task_id").asText()).isEqualTo(blocker.id());
        assertThat(added.payload().get("kind").asText()).isEqualTo("blocks");
        assertThat(added.payload().get("status").asText()).isEqualTo("blocked");

        assertThat(detail(blocker.id()).task().status()).isEqualTo(TaskStatus.READY);
        assertThat(eventTypes(blocker.id())).containsExactly("task.created");
        assertThat(listIds(query().status("blocked"))).containsExactly(dependent.id());
    }

    @Test
    void acceptsTheExplicitBlocksKindAndRejectsOthers() {
        TaskPayload blocker = createGlobal("Blocker");
        TaskPayload dependent = createGlobal("Dependent");

        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> service().addDependency(CALLER, dependent.id(), new AddDependency(blocker.id(), "relates")));
        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> service().addDependency(CALLER, dependent.id(), new AddDependency(null, null)));
        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> service().addDependency(CALLER, dependent.id(), new AddDependency("  ", null)));
        assertThat(detail(dependent.id()).dependencies()).isNullOrEmpty();

        TaskDetailPayload detail = service()
                .addDependency(CALLER, dependent.id(), new AddDependency(blocker.id(), "blocks"))
                .task();
        assertThat(detail.dependencies()).extracting(d -> d.kind()).containsExactly("blocks");
    }

    @Test
    void removingTheDependencyUnblocksTheTask() {
        TaskPayload blocker = createGlobal("Blocker");
        TaskPayload dependent = createGlobal("Dependent");
        depend(dependent.id(), blocker.id());
        Instant removeTime = clock.tick();

        TaskDetailPayload detail = undepend(dependent.id(), blocker.id());

        assertThat(detail.task().status()).isEqualTo(TaskStatus.READY);
        assertThat(detail.summary().dependencyCount()).isNull();
        assertThat(detail.dependencies()).isNullOrEmpty();
        assertThat(detail.dependencyReferences()).isNullOrEmpty();
        EventPayload removed = newestEvent(dependent.id());
        assertThat(removed.eventType()).isEqualTo("task.dependency_removed");
        assertThat(removed.origin()).isEqualTo(new Origin(OriginKind.HTTP, "tasks.remove_dependency"));
        assertThat(removed.timestamp()).isEqualTo(removeTime);
        assertThat(removed.payload().get("depends_on_task_id").asText()).isEqualTo(blocker.id());
        assertThat(removed.payload().get("kind").asText()).isEqualTo("blocks");
        assertThat(removed.payload().get("status").asText()).isEqualTo("ready");
        assertThat(eventTypes(dependent.id()))
                .containsExactly("task.dependency_removed", "task.dependency_added", "task.created");
        assertThat(eventTypes(blocker.id())).containsExactly("task.created");
        assertThat(listIds(query().status("ready"))).containsExactlyInAnyOrder(blocker.id(), dependent.id());
    }

    @Test
    void rejectsADependencyOnItself() {
        TaskPayload task = createGlobal("Narcissus");

        failsWith(ErrorCode.VALIDATION_FAILED, () -> depend(task.id(), task.id()));

        assertThat(detail(task.id()).task()).isEqualTo(task);
    }

    @Test
    void rejectsADuplicateDependencyWithDependencyExists() {
        TaskPayload blocker = createGlobal("Blocker");
        TaskPayload dependent = createGlobal("Dependent");
        depend(dependent.id(), blocker.id());

        failsWith(ErrorCode.DEPENDENCY_EXISTS, () -> depend(dependent.id(), blocker.id()));

        assertThat(detail(dependent.id()).dependencies()).hasSize(1);
        assertThat(detail(dependent.id()).summary().dependencyCount()).isEqualTo(1);
    }

    @Test
    void rejectsADirectCycleWithDependencyCycle() {
        TaskPayload a = createGlobal("A");
        TaskPayload b = createGlobal("B");
        depend(a.id(), b.id());

        failsWith(ErrorCode.DEPENDENCY_CYCLE, () -> depend(b.id(), a.id()));

        assertThat(detail(b.id()).dependencies()).isNullOrEmpty();
        assertThat(detail(b.id()).task().status()).isEqualTo(TaskStatus.READY);
    }

    @Test
    void rejectsALongerCycleWithDependencyCycle() {
        TaskPayload a = createGlobal("A");
        TaskPayload b = createGlobal("B");
        TaskPayload c = createGlobal("C");
        depend(a.id(), b.id());
        depend(b.id(), c.id());

        failsWith(ErrorCode.DEPENDENCY_CYCLE, () -> depend(c.id(), a.id()));

        assertThat(detail(c.id()).dependencies()).isNullOrEmpty();
        assertThat(detail(c.id()).task().status()).isEqualTo(TaskStatus.READY);
        // A diamond is not a cycle.
        TaskPayload d = createGlobal("D");
        depend(a.id(), d.id());
        depend(d.id(), c.id());
        assertThat(detail(a.id()).summary().dependencyCount()).isEqualTo(2);
    }

    @Test
    void refusesThe33rdDependencyWithGraphLimitExceeded() {
        TaskPayload hub = createGlobal("Hub");
        for (int i = 1; i <= 32; i++) {
            depend(hub.id(), createGlobal("Blocker " + i).id());
        }
        TaskPayload extra = createGlobal("Blocker 33");

        failsWith(ErrorCode.GRAPH_LIMIT_EXCEEDED, () -> depend(hub.id(), extra.id()));

        assertThat(detail(hub.id()).summary().dependencyCount()).isEqualTo(32);
        assertThat(detail(hub.id()).dependencies()).hasSize(32);
    }

    @Test
    void failsToAddDependencyOnOrOfUnknownTaskWithTaskNotFound() {
        TaskPayload task = createGlobal("Real");

        failsWith(ErrorCode.TASK_NOT_FOUND, () -> depend(task.id(), "task-0000000000000000"));
        failsWith(ErrorCode.TASK_NOT_FOUND, () -> depend("task-0000000000000000", task.id()));

        assertThat(detail(task.id()).task()).isEqualTo(task);
    }

    @Test
    void failsToRemoveAMissingDependencyWithDependencyNotFound() {
        TaskPayload a = createGlobal("A");
        TaskPayload b = createGlobal("B");
        depend(a.id(), b.id());

        failsWith(ErrorCode.DEPENDENCY_NOT_FOUND, () -> undepend(b.id(), a.id()));
        failsWith(ErrorCode.DEPENDENCY_NOT_FOUND, () -> undepend(a.id(), "task-0000000000000000"));
        failsWith(ErrorCode.TASK_NOT_FOUND, () -> undepend("task-0000000000000000", a.id()));

        undepend(a.id(), b.id());
        failsWith(ErrorCode.DEPENDENCY_NOT_FOUND, () -> undepend(a.id(), b.id()));
    }

    @Test
    void cascadesBlockedStatusThroughADependencyChain() {
        TaskPayload a = createGlobal("A");
        TaskPayload b = createGlobal("B");
        TaskPayload c = createGlobal("C");

        depend(c.id(), b.id());
        depend(b.id(), a.id());

        assertThat(detail(a.id()).task().status()).isEqualTo(TaskStatus.READY);
        assertThat(detail(b.id()).task().status()).isEqualTo(TaskStatus.BLOCKED);
        assertThat(detail(c.id()).task().status()).isEqualTo(TaskStatus.BLOCKED);
        assertThat(detail(c.id()).dependencyReferences())
                .singleElement()
                .satisfies(d -> assertThat(d.dependsOn().status()).isEqualTo(TaskStatus.BLOCKED));

        undepend(b.id(), a.id());

        assertThat(detail(b.id()).task().status()).isEqualTo(TaskStatus.READY);
        // B is ready but not completed, so C still waits for it.
        assertThat(detail(c.id()).task().status()).isEqualTo(TaskStatus.BLOCKED);
    }

    @Test
    void blocksOnDraftAndApprovalGatedDependencies() {
        TaskPayload draft = create(task("Draft").draft());
        TaskPayload gated = create(task("Gated").approval("manual"));
        TaskPayload dependent = createGlobal("Dependent");

        assertThat(depend(dependent.id(), draft.id()).task().status()).isEqualTo(TaskStatus.BLOCKED);
        undepend(dependent.id(), draft.id());
        assertThat(depend(dependent.id(), gated.id()).task().status()).isEqualTo(TaskStatus.BLOCKED);

        // A draft stays a draft when it gains a dependency.
        assertThat(depend(draft.id(), gated.id()).task().status()).isEqualTo(TaskStatus.DRAFT);
    }

    @Test
    void allowsDependenciesAcrossScopesAndWorkspaces() {
        addWorkspace("/srv/agh/alpha", "alpha");
        addWorkspace("/srv/agh/beta", "beta");
        TaskPayload inAlpha = create(task("Alpha").in("alpha"));
        TaskPayload inBeta = create(task("Beta").in("beta"));
        TaskPayload global = createGlobal("Global");

        depend(inAlpha.id(), inBeta.id());
        depend(global.id(), inAlpha.id());

        assertThat(detail(global.id()).dependencyReferences()).singleElement().satisfies(d -> {
            assertThat(d.dependsOn().scope()).isEqualTo(Scope.WORKSPACE);
            assertThat(d.dependsOn().workspaceId()).isEqualTo(inAlpha.workspaceId());
        });
    }
}
