package dev.agh.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agh.api.DependencyPayload;
import dev.agh.api.EventPayload;
import dev.agh.api.Json;
import dev.agh.api.TaskDetailPayload;
import dev.agh.api.TaskPayload;
import dev.agh.api.WorkspacePayload;
import dev.agh.domain.ApprovalPolicy;
import dev.agh.domain.ApprovalState;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.ErrorKind;
import dev.agh.domain.Origin;
import dev.agh.domain.OriginKind;
import dev.agh.domain.Owner;
import dev.agh.domain.OwnerKind;
import dev.agh.domain.Priority;
import dev.agh.domain.Scope;
import dev.agh.domain.TaskStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Creating tasks (defaults, validation, workspaces, metadata) and reading one task's detail. */
abstract class TaskCreationContract extends TaskServiceFixture {

    @Test
    void createsReadyTaskWithDefaults() {
        TaskPayload task = createGlobal("  Write the release notes  ");

        assertThat(task.id()).matches(TASK_ID);
        assertThat(task.title()).isEqualTo("Write the release notes");
        assertThat(task.scope()).isEqualTo(Scope.GLOBAL);
        assertThat(task.workspaceId()).isNull();
        assertThat(task.parentTaskId()).isNull();
        assertThat(task.identifier()).isNull();
        assertThat(task.description()).isNull();
        assertThat(task.networkChannel()).isNull();
        assertThat(task.priority()).isEqualTo(Priority.MEDIUM);
        assertThat(task.maxAttempts()).isEqualTo(3);
        assertThat(task.autoEnqueueOnReady()).isNull();
        assertThat(task.status()).isEqualTo(TaskStatus.READY);
        assertThat(task.approvalPolicy()).isEqualTo(ApprovalPolicy.NONE);
        assertThat(task.approvalState()).isEqualTo(ApprovalState.NOT_REQUIRED);
        assertThat(task.draft()).isNull();
        assertThat(task.owner()).isNull();
        assertThat(task.currentRunId()).isNull();
        assertThat(task.createdBy()).isEqualTo(ALICE);
        assertThat(task.origin()).isEqualTo(new Origin(OriginKind.HTTP, "tasks.create"));
        assertThat(task.createdAt()).isEqualTo(START);
        assertThat(task.updatedAt()).isEqualTo(START);
        assertThat(task.closedAt()).isNull();
        assertThat(task.metadata()).isNull();
        assertThat(task.latestEventSeq()).isPositive();
        assertThat(detail(task.id()).task()).isEqualTo(task);
    }

    @Test
    void createsTaskWithEveryOptionalField() {
        TaskPayload task = create(task("Ship it")
                .identifier(" REL-7 ")
                .description("  all of it  ")
                .priority(" High ")
                .maxAttempts(5)
                .autoEnqueue(true)
                .channel("release-train")
                .owner("pool", "reviewers")
                .metadata(json("{\"ticket\":42}")));

        assertThat(task.identifier()).isEqualTo("REL-7");
        assertThat(task.description()).isEqualTo("all of it");
        assertThat(task.priority()).isEqualTo(Priority.HIGH);
        assertThat(task.maxAttempts()).isEqualTo(5);
        assertThat(task.autoEnqueueOnReady()).isTrue();
        assertThat(task.networkChannel()).isEqualTo("release-train");
        assertThat(task.owner()).isEqualTo(new Owner(OwnerKind.POOL, "reviewers"));
        assertThat(task.metadata()).isEqualTo(json("{\"ticket\":42}"));
        assertThat(task.status()).isEqualTo(TaskStatus.READY);
        assertThat(detail(task.id()).task()).isEqualTo(task);

        EventPayload created = newestEvent(task.id());
        assertThat(created.eventType()).isEqualTo("task.created");
        assertThat(created.payload().get("network_channel").asText()).isEqualTo("release-train");
        assertThat(created.payload().get("owner")).isEqualTo(json("{\"kind\":\"pool\",\"ref\":\"reviewers\"}"));
        assertThat(created.payload().get("status").asText()).isEqualTo("ready");
    }

    @Test
    void createsDraftTaskWhenDraftIsRequested() {
        TaskPayload task = create(task("Sketch").draft());

        assertThat(task.status()).isEqualTo(TaskStatus.DRAFT);
        assertThat(task.draft()).isTrue();
        assertThat(task.approvalState()).isEqualTo(ApprovalState.NOT_REQUIRED);
        assertThat(task.closedAt()).isNull();
        assertThat(detail(task.id()).summary().draft()).isTrue();
    }

    @Test
    void createsBlockedTaskAwaitingApprovalWhenPolicyIsManual() {
        TaskPayload task = create(task("Deploy").approval("manual"));

        assertThat(task.status()).isEqualTo(TaskStatus.BLOCKED);
        assertThat(task.approvalPolicy()).isEqualTo(ApprovalPolicy.MANUAL);
        assertThat(task.approvalState()).isEqualTo(ApprovalState.PENDING);
        assertThat(task.draft()).isNull();

        TaskPayload draft = create(task("Deploy later").approval("manual").draft());
        assertThat(draft.status()).isEqualTo(TaskStatus.DRAFT);
        assertThat(draft.approvalState()).isEqualTo(ApprovalState.PENDING);
    }

    @Test
    void createsTaskWithClientSuppliedId() {
        TaskPayload task = create(task("Named").id("release-notes-1"));

        assertThat(task.id()).isEqualTo("release-notes-1");
        assertThat(detail("release-notes-1").task().title()).isEqualTo("Named");
    }

    @Test
    void rejectsDuplicateClientIdWithTaskAlreadyExists() {
        create(task("First").id("dup-1"));

        failsWith(ErrorCode.TASK_ALREADY_EXISTS, () -> create(task("Second").id("dup-1")));

        assertThat(detail("dup-1").task().title()).isEqualTo("First");
        assertThat(listIds(query().includeDrafts())).containsExactly("dup-1");
    }

    @Test
    void rejectsWorkspaceScopeWithoutWorkspace() {
        failsWith(ErrorCode.VALIDATION_FAILED, () -> create(task("No home").scope("workspace")));
        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> create(task("No home").scope("workspace").workspace("   ")));
        assertThat(listIds(query().includeDrafts())).isEmpty();
    }

    @Test
    void rejectsGlobalScopeWithWorkspace() {
        addWorkspace("/srv/agh/alpha", "alpha");

        failsWith(
                ErrorCode.VALIDATION_FAILED,
                () -> create(task("Both").scope("global").workspace("alpha")));
        assertThat(listIds(query().includeDrafts())).isEmpty();
    }

    @Test
    void rejectsMissingOrUnknownScope() {
        failsWith(ErrorCode.VALIDATION_FAILED, () -> create(task("No scope").scope(null)));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> create(task("Blank scope").scope(" ")));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> create(task("Team scope").scope("team")));
        assertThat(listIds(query().includeDrafts())).isEmpty();
    }

    @Test
    void rejectsMissingOrBlankTitle() {
        failsWith(ErrorCode.VALIDATION_FAILED, () -> create(task(null)));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> create(task("")));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> create(task(" \t ")));
        assertThat(listIds(query().includeDrafts())).isEmpty();
    }

    @Test
    void rejectsUnknownPriority() {
        failsWith(ErrorCode.VALIDATION_FAILED, () -> create(task("Hot").priority("critical")));
        assertThat(listIds(query().includeDrafts())).isEmpty();
    }

    @Test
    void rejectsMaxAttemptsOutsideOneToTen() {
        failsWith(ErrorCode.VALIDATION_FAILED, () -> create(task("Zero").maxAttempts(0)));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> create(task("Eleven").maxAttempts(11)));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> create(task("Negative").maxAttempts(-1)));
        assertThat(listIds(query().includeDrafts())).isEmpty();

        assertThat(create(task("One").maxAttempts(1)).maxAttempts()).isEqualTo(1);
        assertThat(create(task("Ten").maxAttempts(10)).maxAttempts()).isEqualTo(10);
    }

    @Test
    void rejectsMalformedNetworkChannel() {
        for (String bad : new String[] {"Ops", "-ops", "_ops", "ops channel", "ops!", "a".repeat(65)}) {
            failsWith(ErrorCode.VALIDATION_FAILED, () -> create(task("Chan").channel(bad)));
        }
        assertThat(listIds(query().includeDrafts())).isEmpty();

        assertThat(create(task("Chan").channel("ops-1_x")).networkChannel()).isEqualTo("ops-1_x");
        assertThat(create(task("Chan").channel("a".repeat(64))).networkChannel())
                .isEqualTo("a".repeat(64));
    }

    @Test
    void rejectsUnknownApprovalPolicyAndIncompleteOwner() {
        failsWith(ErrorCode.VALIDATION_FAILED, () -> create(task("Policy").approval("sometimes")));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> create(task("Owner").owner("robot", "r2")));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> create(task("Owner").owner(null, "r2")));
        failsWith(ErrorCode.VALIDATION_FAILED, () -> create(task("Owner").owner("human", " ")));
        assertThat(listIds(query().includeDrafts())).isEmpty();
    }

    @Test
    void failsWithWorkspaceNotFoundForUnknownWorkspace() {
        failsWith(ErrorCode.WORKSPACE_NOT_FOUND, () -> create(task("Lost").in("nowhere")));
        assertThat(listIds(query().includeDrafts())).isEmpty();
    }

    @Test
    void bindsWorkspaceTaskByWorkspaceIdNameOrPath() {
        WorkspacePayload alpha = addWorkspace("/srv/agh/alpha", "alpha");
        addWorkspace("/srv/agh/beta", "beta");

        TaskPayload byId = create(task("By id").in(alpha.id()));
        TaskPayload byName = create(task("By name").in("alpha"));
        TaskPayload byPath = create(task("By path").in("/srv/agh/alpha"));
        TaskPayload byMessyPath = create(task("By messy path").in("/srv/agh/beta/../alpha/"));

        for (TaskPayload task : new TaskPayload[] {byId, byName, byPath, byMessyPath}) {
            assertThat(task.scope()).as(task.title()).isEqualTo(Scope.WORKSPACE);
            assertThat(task.workspaceId()).as(task.title()).isEqualTo(alpha.id());
        }
        EventPayload created = newestEvent(byName.id());
        assertThat(created.payload().get("workspace_id").asText()).isEqualTo(alpha.id());
        assertThat(created.payload().get("scope").asText()).isEqualTo("workspace");
    }

    @Test
    void rejectsMetadataOver16KibWithPayloadTooLarge() {
        // {"blob":"xxx…"} is 11 bytes of JSON around the string.
        JsonNode oversized = Json.mapper().createObjectNode().put("blob", "x".repeat(16 * 1024 - 11 + 1));
        assertThat(Json.byteSize(oversized)).isEqualTo(16 * 1024 + 1);

        var failure =
                failsWith(ErrorCode.PAYLOAD_TOO_LARGE, () -> create(task("Big").metadata(oversized)));

        assertThat(failure.kind()).isEqualTo(ErrorKind.TOO_LARGE);
        assertThat(listIds(query().includeDrafts())).isEmpty();
    }

    @Test
    void acceptsMetadataOfExactly16Kib() {
        JsonNode atLimit = Json.mapper().createObjectNode().put("blob", "x".repeat(16 * 1024 - 11));
        assertThat(Json.byteSize(atLimit)).isEqualTo(16 * 1024);

        TaskPayload task = create(task("Just fits").metadata(atLimit));

        assertThat(task.metadata()).isEqualTo(atLimit);
    }

    @Test
    void roundTripsMetadataExactly() {
        String text = "{\"name\":\"Zoë ✓ \\\"quoted\\\"\",\"count\":3,\"big\":12345678901234567890,\"negative\":-7,"
                + "\"flag\":false,\"nothing\":null,\"list\":[1,\"two\",{\"three\":[]}],\"nested\":{\"empty\":{}}}";

        TaskPayload created = create(task("Meta").metadata(json(text)));
        TaskPayload read = detail(created.id()).task();

        assertThat(Json.write(created.metadata())).isEqualTo(text);
        assertThat(Json.write(read.metadata())).isEqualTo(text);
        assertThat(read.metadata()).isEqualTo(json(text));
    }

    @Test
    void roundTripsDecimalMetadataWithoutRewritingNumbers() {
        // A client that stores 1.0 must not get the integer 1 back, nor 100.0 as 1E+2.
        String text = "{\"ratio\":1.50,\"whole\":1.0,\"hundred\":100.0,\"tiny\":0.000125,\"zero\":0.0}";

        TaskPayload created = create(task("Decimals").metadata(json(text)));

        assertThat(Json.write(created.metadata())).isEqualTo(text);
        assertThat(Json.write(detail(created.id()).task().metadata())).isEqualTo(text);
    }

    @Test
    void getsDetailWithSummaryTaskChildrenDependenciesAndEvents() {
        TaskPayload blocker = create(task("Blocker").identifier("B-1"));
        clock.tick();
        TaskPayload parent = createGlobal("Parent");
        clock.tick();
        TaskPayload child = createChild(parent.id(), task("Child"));
        clock.tick();
        Instant edgeTime = clock.instant();
        depend(parent.id(), blocker.id());

        TaskDetailPayload detail = detail(parent.id());

        assertThat(detail.task().id()).isEqualTo(parent.id());
        assertThat(detail.task().status()).isEqualTo(TaskStatus.BLOCKED);
        assertThat(detail.summary().id()).isEqualTo(parent.id());
        assertThat(detail.summary().status()).isEqualTo(TaskStatus.BLOCKED);
        assertThat(detail.summary().childCount()).isEqualTo(1);
        assertThat(detail.summary().dependencyCount()).isEqualTo(1);
        assertThat(detail.summary().latestEventSeq()).isEqualTo(detail.task().latestEventSeq());
        assertThat(detail.summary().lastActivityAt()).isEqualTo(edgeTime);
        assertThat(detail.children()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(child.id());
            assertThat(c.parentTaskId()).isEqualTo(parent.id());
            assertThat(c.status()).isEqualTo(TaskStatus.READY);
        });
        assertThat(detail.dependencies()).singleElement().satisfies(d -> {
            assertThat(d.taskId()).isEqualTo(parent.id());
            assertThat(d.dependsOnTaskId()).isEqualTo(blocker.id());
            assertThat(d.kind()).isEqualTo("blocks");
            assertThat(d.createdAt()).isEqualTo(edgeTime);
        });
        assertThat(detail.dependencyReferences()).singleElement().satisfies(d -> {
            assertThat(d.taskId()).isEqualTo(parent.id());
            assertThat(d.dependsOnTaskId()).isEqualTo(blocker.id());
            assertThat(d.kind()).isEqualTo("blocks");
            assertThat(d.dependsOn()).isNotNull();
            assertThat(d.dependsOn().id()).isEqualTo(blocker.id());
            assertThat(d.dependsOn().identifier()).isEqualTo("B-1");
            assertThat(d.dependsOn().title()).isEqualTo("Blocker");
            assertThat(d.dependsOn().status()).isEqualTo(TaskStatus.READY);
            assertThat(d.dependsOn().scope()).isEqualTo(Scope.GLOBAL);
            assertThat(d.dependsOn().latestEventSeq()).isEqualTo(blocker.latestEventSeq());
        });
        assertThat(detail.summary().dependencies())
                .extracting(DependencyPayload::dependsOnTaskId)
                .containsExactly(blocker.id());
        assertThat(detail.runs()).isNullOrEmpty();
        assertThat(detail.events())
                .extracting(EventPayload::eventType)
                .containsExactly("task.dependency_added", "task.child_created", "task.created");
        assertThat(detail.events()).allSatisfy(e -> {
            assertThat(e.id()).matches(EVENT_ID);
            assertThat(e.taskId()).isEqualTo(parent.id());
            assertThat(e.runId()).isNull();
            assertThat(e.actor()).isEqualTo(ALICE);
            assertThat(e.origin().kind()).isEqualTo(OriginKind.HTTP);
        });
        assertThat(detail.events())
                .extracting(e -> e.origin().ref())
                .containsExactly("tasks.add_dependency", "tasks.create_child", "tasks.create");
        assertThat(detail.events())
                .extracting(EventPayload::timestamp)
                .containsExactly(edgeTime, START.plusSeconds(2), START.plusSeconds(1));
        EventPayload created = detail.events().get(2);
        assertThat(created.payload().get("scope").asText()).isEqualTo("global");
        assertThat(created.payload().get("status").asText()).isEqualTo("ready");
    }

    @Test
    void failsToGetUnknownTaskWithTaskNotFound() {
        createGlobal("Somebody else");

        failsWith(ErrorCode.TASK_NOT_FOUND, () -> detail("task-0000000000000000"));
        failsWith(ErrorCode.TASK_NOT_FOUND, () -> detail("no such task"));
    }

    @Test
    void failsToGetTaskWhoseIdHasReservedCharactersWithTaskNotFound() {
        createGlobal("Somebody else");

        for (String id : new String[] {"a/b", "../tasks", "50%", "a?b=c", "a#b", "x;y"}) {
            failsWith(ErrorCode.TASK_NOT_FOUND, () -> detail(id));
        }
    }
}
