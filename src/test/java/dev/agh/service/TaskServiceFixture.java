package dev.agh.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.agh.api.EventPayload;
import dev.agh.api.Requests.AddDependency;
import dev.agh.api.Requests.AddWorkspace;
import dev.agh.api.Requests.CreateTask;
import dev.agh.api.Requests.ListTasks;
import dev.agh.api.Requests.OwnerInput;
import dev.agh.api.Requests.RetryPolicyInput;
import dev.agh.api.Requests.UpdateTask;
import dev.agh.api.TaskDetailPayload;
import dev.agh.api.TaskPayload;
import dev.agh.api.TaskSummaryPayload;
import dev.agh.api.WorkspacePayload;
import dev.agh.domain.Actor;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.OriginKind;
import dev.agh.testing.TestClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * What every case of the {@link TaskServiceContract} works with: the service under test, the clock it
 * runs on, one caller, and short builders for requests. Kept apart from the cases so each topic file
 * reads as a list of behaviours.
 */
abstract class TaskServiceFixture {
    static final String USER = "alice";
    /** The caller of every operation; over HTTP the server's authenticator maps the token to the same caller. */
    static final Caller CALLER = Caller.human(USER, OriginKind.HTTP);

    static final Actor ALICE = Actor.human(USER);
    static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    static final String TASK_ID = "task-[0-9a-f]{16}";
    static final String EVENT_ID = "evt-[0-9a-f]{16}";

    private static final ObjectMapper EXACT_JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** The clock of the service under test; move it with {@link TestClock#tick()} where time matters. */
    protected final TestClock clock = new TestClock(START);

    /** The implementation under test, fresh and empty for each test (opened by the subclass's {@code @BeforeEach}). */
    protected abstract TaskService service();

    // ---- operations -----------------------------------------------------------------------------

    TaskPayload create(NewTask task) {
        return service().createTask(CALLER, task.build()).task();
    }

    TaskPayload createGlobal(String title) {
        return create(task(title));
    }

    TaskPayload createChild(String parentId, NewTask task) {
        return service().createChild(CALLER, parentId, task.build()).task();
    }

    TaskDetailPayload detail(String taskId) {
        return service().getTask(CALLER, taskId).task();
    }

    TaskSummaryPayload summary(String taskId) {
        return detail(taskId).summary();
    }

    TaskPayload update(String taskId, Patch patch) {
        return service().updateTask(CALLER, taskId, patch.build()).task();
    }

    TaskDetailPayload depend(String taskId, String dependsOnId) {
        return service()
                .addDependency(CALLER, taskId, new AddDependency(dependsOnId, null))
                .task();
    }

    TaskDetailPayload undepend(String taskId, String dependsOnId) {
        return service().removeDependency(CALLER, taskId, dependsOnId).task();
    }

    void delete(String taskId) {
        service().deleteTask(CALLER, taskId);
    }

    List<TaskSummaryPayload> list(Query query) {
        return service().listTasks(CALLER, query.build()).tasks();
    }

    List<String> listIds(Query query) {
        return list(query).stream().map(TaskSummaryPayload::id).toList();
    }

    WorkspacePayload addWorkspace(String path, String name) {
        return service().addWorkspace(CALLER, new AddWorkspace(path, name)).workspace();
    }

    /** The events of a task, newest first (as task detail lists them). */
    List<EventPayload> events(String taskId) {
        List<EventPayload> events = detail(taskId).events();
        return events == null ? List.of() : events;
    }

    List<String> eventTypes(String taskId) {
        return events(taskId).stream().map(EventPayload::eventType).toList();
    }

    EventPayload newestEvent(String taskId) {
        List<EventPayload> events = events(taskId);
        assertThat(events).as("events of %s", taskId).isNotEmpty();
        return events.get(0);
    }

    // ---- assertions -----------------------------------------------------------------------------

    /** Runs {@code call}, which must fail with {@code code} (and so with that code's kind); returns the failure. */
    static AghException failsWith(ErrorCode code, ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).as("expected a failure with code %s", code).isInstanceOf(AghException.class);
        AghException failure = (AghException) thrown;
        assertThat(failure.code())
                .as("code of failure \"%s\"", failure.getMessage())
                .isEqualTo(code);
        assertThat(failure.kind()).isEqualTo(code.kind());
        assertThat(failure.getMessage()).as("message of a %s failure", code).isNotBlank();
        return failure;
    }

    static List<String> strings(JsonNode array) {
        assertThat(array).as("JSON array").isNotNull();
        assertThat(array.isArray()).as("%s is an array", array).isTrue();
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.asText()));
        return out;
    }

    /**
     * Parses JSON exactly as written: decimals keep their scale ({@code 1.50} stays {@code 1.50}, {@code 1.0}
     * stays a decimal), so metadata checks see what a client really sent.
     */
    static JsonNode json(String text) {
        try {
            return EXACT_JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("bad test JSON: " + text, e);
        }
    }

    // ---- request builders -----------------------------------------------------------------------

    static NewTask task(String title) {
        return new NewTask(title);
    }

    static Patch patch() {
        return new Patch();
    }

    static Query query() {
        return new Query();
    }

    /** Builds a {@link CreateTask}; a global task unless told otherwise. */
    static final class NewTask {
        private String id;
        private String identifier;
        private String scope = "global";
        private String workspace;
        private String networkChannel;
        private String title;
        private String description;
        private String priority;
        private Integer maxAttempts;
        private Boolean autoEnqueueOnReady;
        private Boolean draft;
        private String approvalPolicy;
        private OwnerInput owner;
        private JsonNode metadata;
        private RetryPolicyInput retryPolicy;

        NewTask(String title) {
            this.title = title;
        }

        NewTask id(String value) {
            id = value;
            return this;
        }

        NewTask identifier(String value) {
            identifier = value;
            return this;
        }

        NewTask scope(String value) {
            scope = value;
            return this;
        }

        /** Workspace-scoped in {@code ref} (an id, name or path). */
        NewTask in(String ref) {
            scope = "workspace";
            workspace = ref;
            return this;
        }

        NewTask workspace(String value) {
            workspace = value;
            return this;
        }

        NewTask channel(String value) {
            networkChannel = value;
            return this;
        }

        NewTask title(String value) {
            title = value;
            return this;
        }

        NewTask description(String value) {
            description = value;
            return this;
        }

        NewTask priority(String value) {
            priority = value;
            return this;
        }

        NewTask maxAttempts(Integer value) {
            maxAttempts = value;
            return this;
        }

        NewTask autoEnqueue(Boolean value) {
            autoEnqueueOnReady = value;
            return this;
        }

        NewTask draft() {
            draft = true;
            return this;
        }

        NewTask approval(String value) {
            approvalPolicy = value;
            return this;
        }

        NewTask owner(String kind, String ref) {
            owner = new OwnerInput(kind, ref);
            return this;
        }

        NewTask metadata(JsonNode value) {
            metadata = value;
            return this;
        }

        NewTask retry(String strategy, Long baseSeconds, Long maxSeconds, Double jitter) {
            retryPolicy = new RetryPolicyInput(strategy, baseSeconds, maxSeconds, jitter);
            return this;
        }

        CreateTask build() {
            return new CreateTask(
                    id,
                    identifier,
                    scope,
                    workspace,
                    networkChannel,
                    title,
                    description,
                    priority,
                    maxAttempts,
                    autoEnqueueOnReady,
                    draft,
                    approvalPolicy,
                    owner,
                    metadata,
                    retryPolicy);
        }
    }

    /** Builds an {@link UpdateTask}; fields left unset are absent. */
    static final class Patch {
        private String title;
        private String description;
        private String priority;
        private Integer maxAttempts;
        private Boolean autoEnqueueOnReady;
        private String approvalPolicy;
        private JsonNode metadata;
        private String networkChannel;
        private OwnerInput owner;
        private Boolean clearOwner;
        private RetryPolicyInput retryPolicy;
        private Boolean clearRetryPolicy;

        Patch retry(String strategy, Long baseSeconds, Long maxSeconds, Double jitter) {
            retryPolicy = new RetryPolicyInput(strategy, baseSeconds, maxSeconds, jitter);
            return this;
        }

        Patch clearRetry() {
            clearRetryPolicy = true;
            return this;
        }

        Patch title(String value) {
            title = value;
            return this;
        }

        Patch description(String value) {
            description = value;
            return this;
        }

        Patch priority(String value) {
            priority = value;
            return this;
        }

        Patch maxAttempts(Integer value) {
            maxAttempts = value;
            return this;
        }

        Patch autoEnqueue(Boolean value) {
            autoEnqueueOnReady = value;
            return this;
        }

        Patch approval(String value) {
            approvalPolicy = value;
            return this;
        }

        Patch metadata(JsonNode value) {
            metadata = value;
            return this;
        }

        Patch channel(String value) {
            networkChannel = value;
            return this;
        }

        Patch owner(String kind, String ref) {
            owner = new OwnerInput(kind, ref);
            return this;
        }

        Patch clearOwner(Boolean value) {
            clearOwner = value;
            return this;
        }

        UpdateTask build() {
            return new UpdateTask(
                    title,
                    description,
                    priority,
                    maxAttempts,
                    autoEnqueueOnReady,
                    approvalPolicy,
                    metadata,
                    networkChannel,
                    owner,
                    clearOwner,
                    retryPolicy,
                    clearRetryPolicy);
        }
    }

    /** Builds a {@link ListTasks}; no filter unless told. */
    static final class Query {
        private String scope;
        private String workspace;
        private String status;
        private String priority;
        private Boolean includeDrafts;
        private String approvalState;
        private String ownerKind;
        private String ownerRef;
        private String parentTaskId;
        private String networkChannel;
        private String text;
        private Integer limit;
        private String cursor;

        Query scope(String value) {
            scope = value;
            return this;
        }

        Query workspace(String value) {
            workspace = value;
            return this;
        }

        Query status(String value) {
            status = value;
            return this;
        }

        Query priority(String value) {
            priority = value;
            return this;
        }

        Query includeDrafts() {
            includeDrafts = true;
            return this;
        }

        Query approvalState(String value) {
            approvalState = value;
            return this;
        }

        Query ownerKind(String value) {
            ownerKind = value;
            return this;
        }

        Query ownerRef(String value) {
            ownerRef = value;
            return this;
        }

        Query parent(String value) {
            parentTaskId = value;
            return this;
        }

        Query channel(String value) {
            networkChannel = value;
            return this;
        }

        Query text(String value) {
            text = value;
            return this;
        }

        Query limit(Integer value) {
            limit = value;
            return this;
        }

        Query cursor(String value) {
            cursor = value;
            return this;
        }

        ListTasks build() {
            return new ListTasks(
                    scope,
                    workspace,
                    status,
                    priority,
                    includeDrafts,
                    approvalState,
                    ownerKind,
                    ownerRef,
                    parentTaskId,
                    networkChannel,
                    text,
                    limit,
                    cursor);
        }
    }
}
