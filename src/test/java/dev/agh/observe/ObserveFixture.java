package dev.agh.observe;

import dev.agh.api.DashboardPayload;
import dev.agh.api.InboxPayload;
import dev.agh.api.Json;
import dev.agh.api.ObserveResponses.DashboardResponse;
import dev.agh.api.ObserveResponses.InboxResponse;
import dev.agh.api.Requests.AddDependency;
import dev.agh.api.Requests.AttachSession;
import dev.agh.api.Requests.Cancel;
import dev.agh.api.Requests.ClaimRun;
import dev.agh.api.Requests.CompleteRun;
import dev.agh.api.Requests.CreateTask;
import dev.agh.api.Requests.ExecuteTask;
import dev.agh.api.Requests.FailRun;
import dev.agh.api.Requests.NewSession;
import dev.agh.api.Requests.OwnerInput;
import dev.agh.api.Requests.UpdateTask;
import dev.agh.api.RunPayload;
import dev.agh.api.TaskPayload;
import dev.agh.domain.Actor;
import dev.agh.domain.OriginKind;
import dev.agh.service.Caller;
import dev.agh.service.LocalTaskService;
import dev.agh.store.ObserveTable;
import dev.agh.store.ObserveTable.Filter;
import dev.agh.store.ObserveTable.InboxFilter;
import dev.agh.store.ObserveTable.Lane;
import dev.agh.store.jdbi.JdbiTaskStore;
import dev.agh.testing.ContractValidator;
import dev.agh.testing.TestClock;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Seeds data through {@link LocalTaskService} (with a {@link TestClock}) and reads the observe models through
 * the store's own read path, as the service does ({@code store.read(tx -> ... tx.observe() ...)}), with filters
 * the tests build directly. Subclasses name the database.
 */
abstract class ObserveFixture {
    static final Instant START = Instant.parse("2026-03-01T09:00:00Z");
    static final Caller OPERATOR = Caller.human("operator", OriginKind.HTTP);
    static final Caller ALICE = Caller.human("alice", OriginKind.HTTP);
    static final Caller BOB = Caller.human("bob", OriginKind.HTTP);
    static final ContractValidator CONTRACT = ContractValidator.load();

    final TestClock clock = new TestClock(START);
    JdbiTaskStore store;
    LocalTaskService service;
    String url;

    /** A fresh, empty database URL. */
    abstract String openUrl();

    /** Drops what {@link #openUrl} made, if anything. */
    void dropUrl(String url) {}

    @BeforeEach
    void open() throws Exception {
        url = openUrl();
        store = JdbiTaskStore.open(url, 4);
        service = new LocalTaskService(store, clock);
    }

    @AfterEach
    void close() {
        try {
            if (service != null) {
                service.close();
            }
        } finally {
            dropUrl(url);
        }
    }

    /** Reads the observe table as the service does: one {@code store.read}, the isolation of every read. */
    <T> T observe(Function<ObserveTable, T> work) {
        return store.read(tx -> work.apply(tx.observe()));
    }

    DashboardPayload dashboard() {
        return dashboard(Filter.NONE);
    }

    DashboardPayload dashboard(Filter filter) {
        Instant now = clock.instant();
        DashboardPayload payload = observe(t -> DashboardQuery.query(t, filter, now, START));
        CONTRACT.assertResponse("GET", "/api/observe/tasks/dashboard", 200, Json.write(new DashboardResponse(payload)));
        return payload;
    }

    String dashboardJson() {
        return Json.write(new DashboardResponse(dashboard()));
    }

    InboxPayload inbox(Caller caller) {
        return inbox(caller, null, false, 0, Filter.NONE);
    }

    InboxPayload inbox(Caller caller, Lane lane, boolean unread, int limit, Filter filter) {
        InboxFilter f = new InboxFilter(caller.actor(), filter, lane, unread, limit);
        InboxPayload payload = observe(t -> InboxQuery.query(t, f));
        CONTRACT.assertResponse("GET", "/api/observe/tasks/inbox", 200, Json.write(new InboxResponse(payload)));
        return payload;
    }

    String inboxJson(Caller caller) {
        return Json.write(new InboxResponse(inbox(caller)));
    }

    // ------------------------------------------------------------------ writes

    /** A task spec; unset fields take the service defaults. */
    static final class Spec {
        String id;
        String identifier;
        String scope;
        String workspace;
        String channel;
        String title;
        String priority;
        Integer maxAttempts;
        Boolean draft;
        String approvalPolicy;
        OwnerInput owner;

        Spec owner(String kind, String ref) {
            owner = new OwnerInput(kind, ref);
            return this;
        }

        CreateTask build() {
            return new CreateTask(
                    id,
                    identifier,
                    scope == null ? "global" : scope,
                    workspace,
                    channel,
                    title == null ? id : title,
                    null,
                    priority,
                    maxAttempts,
                    null,
                    draft,
                    approvalPolicy,
                    owner,
                    null);
        }
    }

    TaskPayload create(String id) {
        return create(id, s -> {});
    }

    TaskPayload create(String id, Consumer<Spec> customize) {
        return create(OPERATOR, id, customize);
    }

    TaskPayload create(Caller caller, String id, Consumer<Spec> customize) {
        Spec spec = new Spec();
        spec.id = id;
        customize.accept(spec);
        return service.createTask(caller, spec.build()).task();
    }

    TaskPayload task(String id) {
        return service.getTask(OPERATOR, id).task().task();
    }

    RunPayload start(String taskId) {
        return service.startTask(OPERATOR, taskId, new ExecuteTask(null, null, null))
                .run();
    }

    RunPayload enqueue(String taskId) {
        return service.enqueueRun(OPERATOR, taskId, new ExecuteTask(null, null, null))
                .run();
    }

    RunPayload enqueue(String taskId, String channel) {
        return service.enqueueRun(OPERATOR, taskId, new ExecuteTask(null, channel, null))
                .run();
    }

    RunPayload claim(String runId) {
        return claim(OPERATOR, runId);
    }

    RunPayload claim(Caller caller, String runId) {
        return service.claimRun(caller, runId, new ClaimRun(null)).run();
    }

    RunPayload run(String runId) {
        return service.startRun(OPERATOR, runId, new ClaimRun(null)).run();
    }

    RunPayload attach(String runId, String sessionId) {
        return service.attachSession(OPERATOR, runId, new AttachSession(sessionId))
                .run();
    }

    String newSession(String agent) {
        return service.createSession(OPERATOR, new NewSession(agent, null, null, null, null))
                .session()
                .sessionId();
    }

    RunPayload complete(String runId) {
        return service.completeRun(OPERATOR, runId, new CompleteRun(null)).run();
    }

    RunPayload fail(String runId, String error) {
        return service.failRun(OPERATOR, runId, new FailRun(error, null)).run();
    }

    void cancel(String taskId) {
        service.cancelTask(OPERATOR, taskId, new Cancel(null, null));
    }

    void depend(String taskId, String on) {
        service.addDependency(OPERATOR, taskId, new AddDependency(on, null));
    }

    /** New activity on a task: a title change (an update and its event). */
    void touch(String taskId) {
        service.updateTask(
                OPERATOR,
                taskId,
                new UpdateTask("touched " + clock.instant(), null, null, null, null, null, null, null, null, null));
    }

    static Actor actorOf(Caller caller) {
        return caller.actor();
    }
}
