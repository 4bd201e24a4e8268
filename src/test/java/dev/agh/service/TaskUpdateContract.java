package dev.agh.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agh.api.EventPayload;
import dev.agh.api.Json;
import dev.agh.api.TaskPayload;
import dev.agh.domain.AghException;
import dev.agh.domain.ApprovalPolicy;
import dev.agh.domain.ApprovalState;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.ErrorKind;
import dev.agh.domain.Origin;
import dev.agh.domain.OriginKind;
import dev.agh.domain.Owner;
import dev.agh.domain.OwnerKind;
import dev.agh.domain.Priority;
import dev.agh.domain.TaskStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** PATCH semantics and deleting tasks. */
abstract class TaskUpdateContract extends TaskListingContract {

    @Test
    void updatesEveryMutableField() {
        TaskPayload before = create(task("Old title").description("old").identifier("ID-1"));
        Instant editTime = clock.tick();

        TaskPayload after = update(
                before.id(),
                patch().title(" New title ")
                        .description(" new words ")
                        .priority("urgent")
                        .maxAttempts(7)
                        .autoEnqueue(true)
                        .approval("manual")
                        .metadata(json("{\"k\":[1,2]}"))
                        .channel("ops")
                        .owner("pool", "reviewers"));

        assertThat(after.title()).isEqualTo("New title");
        assertThat(after.description()).isEqualTo("new words");
        assertThat(after.priority()).isEqualTo(Priority.URGENT);
        assertThat(after.maxAttempts()).isEqualTo(7);
        assertThat(after.autoEnqueueOnReady()).isTrue();
        assertThat(after.approvalPolicy()).isEqualTo(ApprovalPolicy.MANUAL);
        assertThat(after.approvalState()).isEqualTo(ApprovalState.PENDING);
        assertThat(after.status()).isEqualTo(TaskStatus.BLOCKED);
        assertThat(after.metadata()).isEqualTo(json("{\"k\":[1,2]}"));
        assertThat(after.networkChannel()).isEqualTo("ops");
        assertThat(after.owner()).isEqualTo(new Owner(OwnerKind.POOL, "reviewers"));
        // Immutable fields stay.
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.identifier()).isEqualTo("ID-1");
        assertThat(after.scope()).isEqualTo(before.scope());
        assertThat(after.createdBy()).isEqualTo(ALICE);
        assertThat(after.origin()).isEqualTo(new Origin(OriginKind.HTTP, "tasks.create"));
        assertThat(after.createdAt()).isEqualTo(START);
        assertThat(after.updatedAt()).isEqualTo(editTime);
        assertThat(after.latestEventSeq()).isGreaterThan(before.latestEventSeq());
        assertThat(detail(before.id()).task()).isEqualTo(after);

        EventPayload updated = newestEvent(before.id());
        assertThat(updated.eventType()).isEqualTo("task.updated");
        assertThat(updated.origin()).isEqualTo(new Origin(OriginKind.HTTP, "tasks.update"));
        assertThat(updated.timestamp()).isEqualTo(editTime);
        assertThat(strings(updated.payload().get("changed_fields")))
                .containsExactly(
                        "title",
                        "description",
                        "priority",
                        "max_attempts",
                        "auto_enqueue_on_ready",
                        "approval_policy",
                        "metadata",
                        "network_channel",
                        "owner");
        assertThat(updated.payload().get("status").asText()).isEqualTo("blocked");
    }

    @Test
    void listsOnlyTheFieldsThatReallyChangedInTaskUpdatedEvent() {
        TaskPayload task = create(task("Same").priority("low").channel("ops"));
        clock.tick();

        update(
                task.id(),
                patch().channel("ops")
                        .title("Same")
                        .priority("high")
                        .maxAttempts(3)
                        .owner("human", "ana"));

        EventPayload updated = newestEvent(task.id());
        assertThat(updated.eventType()).isEqualTo("task.updated");
        assertThat(strings(updated.payload().get("changed_fields"))).containsExactly("priority", "owner");
        assertThat(updated.payload().get("status").asText()).isEqualTo("ready");
    }

    @Test
    void clearsNetworkChannelAndDescriptionWithEmptyStrings() {
        TaskPayload task = create(task("Chatty").channel("ops").description("words"));

        TaskPayload after = update(task.id(), patch().channel("").description(""));

        assertThat(after.networkChannel()).isNull();
        assertThat(after.description()).isNull();
        assertThat(strings(newestEvent(task.id()).payload().get("changed_fields")))
                .containsExactly("description", "network_channel");
        assertThat(listIds(query().channel("ops"))).isEmpty();
    }

    @Test
    void rejectsUpdateWithoutAnyMutableField() {
        TaskPayload task = createGlobal("Untouched");

        failsWith(ErrorCode.VALIDATION_FAILED, () -> update(task.id(), patch()));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> update(task.id(), patch().clearOwner(false)));

        assertThat(detail(task.id()).task()).isEqualTo(task);
    }

    @Test
    void rejectsOwnerTogetherWithClearOwner() {
        TaskPayload task = create(task("Owned").owner("human", "ana"));

        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> update(task.id(), patch().owner("human", "bob").clearOwner(true)));

        assertThat(detail(task.id()).task().owner()).isEqualTo(new Owner(OwnerKind.HUMAN, "ana"));
    }

    @Test
    void clearOwnerRemovesTheOwner() {
        TaskPayload task = create(task("Owned").owner("human", "ana"));
        clock.tick();

        TaskPayload after = update(task.id(), patch().clearOwner(true));

        assertThat(after.owner()).isNull();
        assertThat(detail(task.id()).task().owner()).isNull();
        assertThat(strings(newestEvent(task.id()).payload().get("changed_fields")))
                .containsExactly("owner");
        assertThat(listIds(query().ownerRef("ana"))).isEmpty();
    }

    @Test
    void changingApprovalPolicyResetsApprovalState() {
        TaskPayload task = createGlobal("Gate me");

        TaskPayload gated = update(task.id(), patch().approval("manual"));
        assertThat(gated.approvalPolicy()).isEqualTo(ApprovalPolicy.MANUAL);
        assertThat(gated.approvalState()).isEqualTo(ApprovalState.PENDING);
        assertThat(gated.status()).isEqualTo(TaskStatus.BLOCKED);
        assertThat(listIds(query().status("blocked"))).containsExactly(task.id());

        TaskPayload freed = update(task.id(), patch().approval("none"));
        assertThat(freed.approvalPolicy()).isEqualTo(ApprovalPolicy.NONE);
        assertThat(freed.approvalState()).isEqualTo(ApprovalState.NOT_REQUIRED);
        assertThat(freed.status()).isEqualTo(TaskStatus.READY);
        assertThat(listIds(query().status("ready"))).containsExactly(task.id());
        assertThat(eventTypes(task.id())).containsExactly("task.updated", "task.updated", "task.created");
    }

    @Test
    void keepsTaskBlockedByDependenciesWhenApprovalIsLifted() {
        TaskPayload blocker = createGlobal("Blocker");
        TaskPayload gated = create(task("Gated").approval("manual"));
        depend(gated.id(), blocker.id());

        TaskPayload lifted = update(gated.id(), patch().approval("none"));

        assertThat(lifted.approvalState()).isEqualTo(ApprovalState.NOT_REQUIRED);
        assertThat(lifted.status()).isEqualTo(TaskStatus.BLOCKED);
        assertThat(newestEvent(gated.id()).payload().get("status").asText()).isEqualTo("blocked");
    }

    @Test
    void keepsADraftADraftWhenItsApprovalPolicyChanges() {
        TaskPayload draft = create(task("Draft").draft());

        TaskPayload after = update(draft.id(), patch().approval("manual"));

        assertThat(after.status()).isEqualTo(TaskStatus.DRAFT);
        assertThat(after.draft()).isTrue();
        assertThat(after.approvalState()).isEqualTo(ApprovalState.PENDING);
    }

    @Test
    void noOpUpdateReturnsTaskUnchangedWithoutEvent() {
        TaskPayload task = create(task("Stable")
                .priority("high")
                .approval("manual")
                .owner("human", "ana")
                .metadata(json("{\"a\":1}"))
                .channel("ops"));
        clock.tick();

        TaskPayload after = update(
                task.id(),
                patch().title("Stable")
                        .priority("HIGH")
                        .approval("manual")
                        .owner("human", "ana")
                        .metadata(json("{\"a\":1}"))
                        .channel("ops")
                        .maxAttempts(3));

        assertThat(after).isEqualTo(task);
        assertThat(detail(task.id()).task()).isEqualTo(task);
        assertThat(eventTypes(task.id())).containsExactly("task.created");
    }

    @Test
    void rejectsInvalidUpdateValues() {
        TaskPayload task = createGlobal("Valid");

        failsWith(ErrorCode.VALIDATION_FAILED, () -> update(task.id(), patch().title("   ")));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> update(task.id(), patch().priority("critical")));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> update(task.id(), patch().maxAttempts(0)));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> update(task.id(), patch().maxAttempts(11)));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> update(task.id(), patch().approval("sometimes")));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> update(task.id(), patch().channel("Not Valid")));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> update(task.id(), patch().owner("robot", "r2")));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> update(task.id(), patch().owner("human", "")));

        assertThat(detail(task.id()).task()).isEqualTo(task);
        assertThat(eventTypes(task.id())).containsExactly("task.created");
    }

    @Test
    void rejectsOversizedMetadataOnUpdateAndKeepsTheTask() {
        TaskPayload task = createGlobal("Small");
        JsonNode oversized = Json.mapper().createObjectNode().put("blob", "x".repeat(16 * 1024));

        AghException failure = org.assertj.core.api.Assertions.catchThrowableOfType(
                AghException.class, () -> update(task.id(), patch().metadata(oversized)));

        // SPEC: metadata is limited to 16 KiB. The contract documents no 413 for updateTask, so over HTTP the
        // answer must be a documented status: the HTTP tier checks that, here only "refused as input" is required.
        assertThat(failure).as("oversized metadata must be refused").isNotNull();
        assertThat(failure.kind()).isIn(ErrorKind.TOO_LARGE, ErrorKind.INVALID);
        assertThat(detail(task.id()).task()).isEqualTo(task);
    }

    @Test
    void failsToUpdateUnknownTaskWithTaskNotFound() {
        failsWith(ErrorCode.TASK_NOT_FOUND, () -> update("task-0000000000000000", patch().title("Ghost")));
    }

    @Test
    void deletesTaskSoItCanNoLongerBeRead() {
        TaskPayload keep = createGlobal("Keep");
        TaskPayload gone = createGlobal("Gone");

        delete(gone.id());

        failsWith(ErrorCode.TASK_NOT_FOUND, () -> detail(gone.id()));
        failsWith(ErrorCode.TASK_NOT_FOUND, () -> delete(gone.id()));
        failsWith(ErrorCode.TASK_NOT_FOUND, () -> update(gone.id(), patch().title("Back")));
        assertThat(listIds(query().includeDrafts())).containsExactly(keep.id());
    }

    @Test
    void deletesDraftsAndTasksWithDependencies() {
        TaskPayload draft = create(task("Draft").draft());
        TaskPayload blocker = createGlobal("Blocker");
        TaskPayload dependent = createGlobal("Dependent");
        depend(dependent.id(), blocker.id());

        delete(draft.id());
        delete(dependent.id());

        assertThat(listIds(query().includeDrafts())).containsExactly(blocker.id());
        assertThat(detail(blocker.id()).task().status()).isEqualTo(TaskStatus.READY);
    }

    @Test
    void refusesToDeleteTaskWithChildrenWithTaskHasChildren() {
        TaskPayload parent = createGlobal("Parent");
        TaskPayload child = createChild(parent.id(), task("Child"));

        AghException refused = failsWith(ErrorCode.TASK_HAS_CHILDREN, () -> delete(parent.id()));
        assertThat(refused.kind()).isEqualTo(ErrorKind.REFUSED);
        assertThat(detail(parent.id()).summary().childCount()).isEqualTo(1);

        delete(child.id());
        assertThat(detail(parent.id()).summary().childCount()).isNull();
        assertThat(detail(parent.id()).children()).isNullOrEmpty();

        delete(parent.id());
        assertThat(listIds(query().includeDrafts())).isEmpty();
    }

    @Test
    void deletingABlockerUnblocksItsDependent() {
        TaskPayload blocker = createGlobal("Blocker");
        TaskPayload dependent = createGlobal("Dependent");
        depend(dependent.id(), blocker.id());
        assertThat(detail(dependent.id()).task().status()).isEqualTo(TaskStatus.BLOCKED);

        delete(blocker.id());

        var after = detail(dependent.id());
        assertThat(after.task().status()).isEqualTo(TaskStatus.READY);
        assertThat(after.summary().dependencyCount()).isNull();
        assertThat(after.dependencies()).isNullOrEmpty();
        assertThat(after.dependencyReferences()).isNullOrEmpty();
        assertThat(listIds(query().status("ready"))).containsExactly(dependent.id());
        assertThat(after.task().latestEventSeq())
                .isEqualTo(summary(dependent.id()).latestEventSeq());
    }

    @Test
    void deletingADependentLeavesItsBlockerUntouched() {
        TaskPayload blocker = createGlobal("Blocker");
        TaskPayload dependent = createGlobal("Dependent");
        depend(dependent.id(), blocker.id());
        TaskPayload blockerBefore = detail(blocker.id()).task();

        delete(dependent.id());

        assertThat(detail(blocker.id()).task()).isEqualTo(blockerBefore);
        // The edge went with the dependent: a new edge between new tasks is not a duplicate.
        TaskPayload again = createGlobal("Dependent again");
        assertThat(depend(again.id(), blocker.id()).dependencies()).hasSize(1);
    }
}
