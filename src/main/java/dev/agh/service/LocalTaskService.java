package dev.agh.service;

import dev.agh.api.LiveResponses.TimelineResponse;
import dev.agh.api.LiveResponses.TreeResponse;
import dev.agh.api.LiveResponses.TriageResponse;
import dev.agh.api.ObserveResponses.DashboardResponse;
import dev.agh.api.ObserveResponses.InboxResponse;
import dev.agh.api.Operation;
import dev.agh.api.Requests.AddDependency;
import dev.agh.api.Requests.AddWorkspace;
import dev.agh.api.Requests.AttachSession;
import dev.agh.api.Requests.BackupStore;
import dev.agh.api.Requests.Cancel;
import dev.agh.api.Requests.ClaimNext;
import dev.agh.api.Requests.ClaimRun;
import dev.agh.api.Requests.CompleteRun;
import dev.agh.api.Requests.CreateTask;
import dev.agh.api.Requests.ExecuteTask;
import dev.agh.api.Requests.FailRun;
import dev.agh.api.Requests.Heartbeat;
import dev.agh.api.Requests.ListAllRuns;
import dev.agh.api.Requests.ListRuns;
import dev.agh.api.Requests.ListTasks;
import dev.agh.api.Requests.NewSession;
import dev.agh.api.Requests.Pause;
import dev.agh.api.Requests.PruneStore;
import dev.agh.api.Requests.Release;
import dev.agh.api.Requests.UpdateTask;
import dev.agh.api.Responses.ClaimResponse;
import dev.agh.api.Responses.LeaseResponse;
import dev.agh.api.Responses.RunDetailResponse;
import dev.agh.api.Responses.RunListResponse;
import dev.agh.api.Responses.RunPageResponse;
import dev.agh.api.Responses.RunResponse;
import dev.agh.api.Responses.SessionListResponse;
import dev.agh.api.Responses.SessionResponse;
import dev.agh.api.Responses.TaskDetailResponse;
import dev.agh.api.Responses.TaskListResponse;
import dev.agh.api.Responses.TaskResponse;
import dev.agh.api.Responses.TaskRunResponse;
import dev.agh.api.Responses.WorkspaceListResponse;
import dev.agh.api.Responses.WorkspaceResponse;
import dev.agh.api.RunPayload;
import dev.agh.api.SessionPayload;
import dev.agh.api.StoreResponses;
import dev.agh.api.StreamSink;
import dev.agh.api.TaskPayload;
import dev.agh.api.TaskStream;
import dev.agh.api.TriagePayload;
import dev.agh.api.WorkspacePayload;
import dev.agh.domain.Actor;
import dev.agh.domain.AgentSession;
import dev.agh.domain.AghException;
import dev.agh.domain.Limits;
import dev.agh.domain.OriginKind;
import dev.agh.domain.RetryPolicy;
import dev.agh.domain.Run;
import dev.agh.domain.Task;
import dev.agh.domain.Tokens;
import dev.agh.domain.Triage;
import dev.agh.observe.DashboardQuery;
import dev.agh.observe.EventFeed;
import dev.agh.observe.InboxQuery;
import dev.agh.observe.Timelines;
import dev.agh.observe.Trees;
import dev.agh.observe.TriageActions;
import dev.agh.store.TaskCursor;
import dev.agh.store.TaskQuery;
import dev.agh.store.TaskStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** {@link TaskService} on a {@link TaskStore}: each operation is one transaction. */
public final class LocalTaskService implements TaskService {
    private final TaskStore store;
    private final Clock clock;
    private final WorkSignal workSignal = new WorkSignal();
    private final ClaimWaiter claims;
    /**
     * Runs the attempts of parked claims (waiting ones hold no thread between attempts). Two threads: each attempt
     * is a short read, and a claim's write goes through the single writer anyway.
     */
    private final ExecutorService claimAttempts = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "agh-claim-attempts");
        thread.setDaemon(true);
        return thread;
    });

    private final EventFeed feed;
    /** The retry policy of tasks without one of their own ({@code agh serve --default-retry}); none by default. */
    private volatile RetryPolicy defaultRetry = RetryPolicy.NONE;
    /** Lower bound of the dashboard's "since start" counters. */
    private final Instant startedAt;

    public LocalTaskService(TaskStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.claims = new ClaimWaiter(store, workSignal, new ChangePoller(store, workSignal), this::now);
        store.onCommittedEvents(sequence -> workSignal.signal());
        this.feed = new EventFeed(store);
        this.startedAt = now();
    }

    /** Sets the retry policy of tasks that have none of their own. */
    public void setDefaultRetryPolicy(RetryPolicy policy) {
        this.defaultRetry = java.util.Objects.requireNonNull(policy, "policy");
    }

    /** Puts runs with lapsed leases back in the queue; {@code agh serve} calls this every second. */
    public int sweepExpiredLeases() {
        return store.write(tx -> LeaseSweeper.sweep(tx, now()));
    }

    /** Who a bearer token belongs to, if it is an active agent session's token. */
    public Optional<Caller> authenticateSession(String token, OriginKind surface) {
        String hash = Tokens.hash(token);
        return store.read(tx -> tx.sessions().findByTokenHash(hash))
                .filter(AgentSession::active)
                .map(s -> new Caller(Actor.agentSession(s.sessionId()), surface, s.sessionId()));
    }

    @Override
    public TaskResponse createTask(Caller caller, CreateTask request) {
        Roles.require(caller, Operation.CREATE_TASK);
        Task task = write(caller, "tasks.create", m -> TaskCreation.create(m, request, null));
        return new TaskResponse(TaskPayload.of(task));
    }

    @Override
    public TaskListResponse listTasks(Caller caller, ListTasks query) {
        return store.read(tx -> {
            TaskQuery q = TaskListing.query(tx, query);
            // The query asks for one task more than the page: its presence is what says another page follows.
            List<Task> found = tx.tasks().list(q);
            int page = q.limit() - 1;
            List<Task> shown = found.size() > page ? found.subList(0, page) : found;
            String next =
                    found.size() > page ? TaskCursor.after(shown.get(page - 1)).encode() : null;
            return new TaskListResponse(TaskViews.summaries(tx, shown), next);
        });
    }

    @Override
    public TaskDetailResponse getTask(Caller caller, String taskId) {
        return store.read(tx -> new TaskDetailResponse(TaskViews.detail(tx, taskId)));
    }

    @Override
    public TaskResponse updateTask(Caller caller, String taskId, UpdateTask request) {
        Roles.require(caller, Operation.UPDATE_TASK);
        Task task = write(caller, "tasks.update", m -> TaskUpdate.apply(m, taskId, request));
        return new TaskResponse(TaskPayload.of(task));
    }

    @Override
    public void deleteTask(Caller caller, String taskId) {
        Roles.require(caller, Operation.DELETE_TASK);
        write(caller, "tasks.delete", m -> {
            TaskDeletion.delete(m, taskId);
            return null;
        });
    }

    @Override
    public TaskResponse createChild(Caller caller, String parentId, CreateTask request) {
        Roles.require(caller, Operation.CREATE_CHILD_TASK);
        Task task = write(caller, "tasks.create_child", m -> {
            Task parent = m.tx.tasks().find(parentId).orElseThrow(() -> AghException.taskNotFound(parentId));
            return TaskCreation.create(m, request, parent);
        });
        return new TaskResponse(TaskPayload.of(task));
    }

    @Override
    public TaskDetailResponse addDependency(Caller caller, String taskId, AddDependency request) {
        Roles.require(caller, Operation.ADD_TASK_DEPENDENCY);
        return write(caller, "tasks.add_dependency", m -> {
            Dependencies.add(m, taskId, request);
            return new TaskDetailResponse(TaskViews.detail(m.tx, taskId));
        });
    }

    @Override
    public TaskDetailResponse removeDependency(Caller caller, String taskId, String dependsOnId) {
        Roles.require(caller, Operation.REMOVE_TASK_DEPENDENCY);
        return write(caller, "tasks.remove_dependency", m -> {
            Dependencies.remove(m, taskId, dependsOnId);
            return new TaskDetailResponse(TaskViews.detail(m.tx, taskId));
        });
    }

    @Override
    public TaskRunResponse publishTask(Caller caller, String taskId, ExecuteTask request) {
        Roles.require(caller, Operation.PUBLISH_TASK);
        return write(caller, "tasks.publish", m -> taskAndRun(m, TaskLifecycle.publish(m, taskId, request)));
    }

    @Override
    public TaskRunResponse startTask(Caller caller, String taskId, ExecuteTask request) {
        Roles.require(caller, Operation.START_TASK);
        return write(caller, "tasks.start", m -> taskAndRun(m, TaskLifecycle.start(m, taskId, request)));
    }

    @Override
    public TaskRunResponse approveTask(Caller caller, String taskId, ExecuteTask request) {
        Roles.require(caller, Operation.APPROVE_TASK);
        return write(caller, "tasks.approve", m -> taskAndRun(m, TaskLifecycle.approve(m, taskId, request)));
    }

    @Override
    public TaskResponse rejectTask(Caller caller, String taskId) {
        Roles.require(caller, Operation.REJECT_TASK);
        return new TaskResponse(TaskPayload.of(write(caller, "tasks.reject", m -> TaskLifecycle.reject(m, taskId))));
    }

    @Override
    public StoreResponses.StoreCheckResponse checkStore(Caller caller) {
        Roles.require(caller, Operation.CHECK_STORE);
        return new StoreResponses.StoreCheckResponse(StoreMaintenance.check(store));
    }

    @Override
    public StoreResponses.PruneResponse pruneStore(Caller caller, PruneStore request) {
        Roles.require(caller, Operation.PRUNE_STORE);
        return new StoreResponses.PruneResponse(StoreMaintenance.prune(store, caller, request, now()));
    }

    @Override
    public StoreResponses.CompactResponse compactStore(Caller caller) {
        Roles.require(caller, Operation.COMPACT_STORE);
        long[] sizes = store.compact();
        return new StoreResponses.CompactResponse(new StoreResponses.CompactPayload(sizes[0], sizes[1]));
    }

    @Override
    public StoreResponses.BackupResponse backupStore(Caller caller, BackupStore request) {
        Roles.require(caller, Operation.BACKUP_STORE);
        return new StoreResponses.BackupResponse(StoreMaintenance.backup(store, request));
    }

    @Override
    public TaskResponse pauseTask(Caller caller, String taskId, Pause request) {
        Roles.require(caller, Operation.PAUSE_TASK);
        String reason = Inputs.label("pause.reason", request == null ? null : request.reason(), false);
        return new TaskResponse(TaskPayload.of(write(caller, "tasks.pause", m -> TaskPause.pause(m, taskId, reason))));
    }

    @Override
    public TaskResponse resumeTask(Caller caller, String taskId, Pause request) {
        Roles.require(caller, Operation.RESUME_TASK);
        String reason = Inputs.label("resume.reason", request == null ? null : request.reason(), false);
        return new TaskResponse(
                TaskPayload.of(write(caller, "tasks.resume", m -> TaskPause.resume(m, taskId, reason))));
    }

    @Override
    public TaskResponse cancelTask(Caller caller, String taskId, Cancel request) {
        Roles.require(caller, Operation.CANCEL_TASK);
        return new TaskResponse(
                TaskPayload.of(write(caller, "tasks.cancel", m -> TaskCancellation.cancel(m, taskId, request))));
    }

    @Override
    public RunResponse enqueueRun(Caller caller, String taskId, ExecuteTask request) {
        Roles.require(caller, Operation.ENQUEUE_TASK_RUN);
        return write(
                caller,
                "tasks.enqueue_run",
                m -> new RunResponse(RunPayload.of(
                        Execution.enqueue(m, taskId, request, null).run())));
    }

    @Override
    public RunListResponse listRuns(Caller caller, String taskId, ListRuns query) {
        return store.read(tx -> new RunListResponse(RunViews.list(tx, taskId, query)));
    }

    @Override
    public RunPageResponse listAllRuns(Caller caller, ListAllRuns query) {
        return store.read(tx -> RunListing.page(tx, query));
    }

    @Override
    public RunDetailResponse getRun(Caller caller, String runId) {
        return store.read(tx -> new RunDetailResponse(RunViews.detail(tx, runId)));
    }

    @Override
    public RunResponse claimRun(Caller caller, String runId, ClaimRun request) {
        Roles.require(caller, Operation.CLAIM_TASK_RUN);
        return runResponse(write(caller, "tasks.claim_run", m -> OperatorRuns.claim(m, runId, request)));
    }

    @Override
    public RunResponse startRun(Caller caller, String runId, ClaimRun request) {
        Roles.require(caller, Operation.START_TASK_RUN);
        return runResponse(write(caller, "tasks.start_run", m -> OperatorRuns.start(m, runId, request)));
    }

    @Override
    public RunResponse attachSession(Caller caller, String runId, AttachSession request) {
        Roles.require(caller, Operation.ATTACH_TASK_RUN_SESSION);
        return runResponse(write(caller, "tasks.attach_run_session", m -> OperatorRuns.attach(m, runId, request)));
    }

    @Override
    public RunResponse completeRun(Caller caller, String runId, CompleteRun request) {
        Roles.require(caller, Operation.COMPLETE_TASK_RUN);
        return runResponse(write(caller, "tasks.complete_run", m -> OperatorRuns.complete(m, runId, request)));
    }

    @Override
    public RunResponse failRun(Caller caller, String runId, FailRun request) {
        Roles.require(caller, Operation.FAIL_TASK_RUN);
        return runResponse(write(caller, "tasks.fail_run", m -> OperatorRuns.fail(m, runId, request)));
    }

    @Override
    public RunResponse cancelRun(Caller caller, String runId, Cancel request) {
        Roles.require(caller, Operation.CANCEL_TASK_RUN);
        return runResponse(write(caller, "tasks.cancel_run", m -> OperatorRuns.cancel(m, runId, request)));
    }

    @Override
    public Optional<ClaimResponse> claimNext(Caller caller, ClaimNext request) {
        return claims.claim(caller, request).map(ClaimResponse::new);
    }

    @Override
    public CompletableFuture<Optional<ClaimResponse>> claimNextLater(Caller caller, ClaimNext request) {
        if (request == null || !Boolean.TRUE.equals(request.waitForWork())) {
            return TaskService.super.claimNextLater(caller, request);
        }
        try {
            return claims.claimParked(caller, request, claimAttempts).thenApply(claim -> claim.map(ClaimResponse::new));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public LeaseResponse heartbeat(Caller caller, String runId, Heartbeat request) {
        Long seconds = request == null ? null : request.leaseSeconds();
        return new LeaseResponse(write(caller, "agent.task.heartbeat", m -> Leases.heartbeat(m, runId, seconds)));
    }

    @Override
    public LeaseResponse startLease(Caller caller, String runId) {
        return new LeaseResponse(write(caller, "agent.task.start", m -> Leases.start(m, runId)));
    }

    @Override
    public LeaseResponse completeLease(Caller caller, String runId, CompleteRun request) {
        String result =
                RunPayloads.checked("result", request == null ? null : request.result(), Limits.MAX_PAYLOAD_BYTES);
        ClaimNext next = request == null ? null : request.next();
        return write(
                caller, "agent.task.complete", m -> Leases.finishing(m, next, () -> Leases.complete(m, runId, result)));
    }

    @Override
    public LeaseResponse failLease(Caller caller, String runId, FailRun request) {
        String error = Inputs.label("fail.error", request == null ? null : request.error(), true);
        String metadata = RunPayloads.checked("metadata", request.metadata(), Limits.MAX_METADATA_BYTES);
        boolean retryable = !Boolean.FALSE.equals(request.retryable());
        return write(
                caller,
                "agent.task.fail",
                m -> Leases.finishing(
                        m, request.next(), () -> Leases.fail(m, runId, error, metadata, retryable, defaultRetry)));
    }

    @Override
    public LeaseResponse releaseLease(Caller caller, String runId, Release request) {
        String reason = Inputs.label("reason", request == null ? null : request.reason(), false);
        return new LeaseResponse(write(caller, "agent.task.release", m -> Leases.release(m, runId, reason)));
    }

    @Override
    public SessionResponse createSession(Caller caller, NewSession request) {
        Roles.require(caller, Operation.CREATE_SESSION);
        Sessions.Created created = write(caller, "sessions.create", m -> Sessions.create(m, request));
        return new SessionResponse(SessionPayload.of(created.session()), created.token());
    }

    @Override
    public SessionListResponse listSessions(Caller caller) {
        return store.read(tx -> new SessionListResponse(
                tx.sessions().list().stream().map(SessionPayload::of).toList()));
    }

    @Override
    public SessionResponse getSession(Caller caller, String sessionId) {
        return store.read(tx -> new SessionResponse(SessionPayload.of(Sessions.find(tx, sessionId)), null));
    }

    @Override
    public SessionResponse stopSession(Caller caller, String sessionId) {
        Roles.require(caller, Operation.STOP_SESSION, sessionId);
        return new SessionResponse(
                SessionPayload.of(write(caller, "sessions.stop", m -> Sessions.stop(m, sessionId))), null);
    }

    private static TaskRunResponse taskAndRun(Mutation m, Execution.Enqueued enqueued) {
        Task task = m.tx.tasks().find(enqueued.run().taskId()).orElseThrow();
        return new TaskRunResponse(TaskPayload.of(task), RunPayload.of(enqueued.run()));
    }

    private static RunResponse runResponse(Run run) {
        return new RunResponse(RunPayload.of(run));
    }

    @Override
    public WorkspaceResponse addWorkspace(Caller caller, AddWorkspace request) {
        Roles.require(caller, Operation.ADD_WORKSPACE);
        return write(
                caller,
                "workspaces.add",
                m -> new WorkspaceResponse(WorkspacePayload.of(Workspaces.add(m.tx, request, m.now))));
    }

    @Override
    public WorkspaceListResponse listWorkspaces(Caller caller) {
        return store.read(tx -> new WorkspaceListResponse(
                tx.workspaces().list().stream().map(WorkspacePayload::of).toList()));
    }

    @Override
    public void removeWorkspace(Caller caller, String workspaceRef) {
        Roles.require(caller, Operation.REMOVE_WORKSPACE);
        write(caller, "workspaces.remove", m -> {
            Workspaces.remove(m.tx, workspaceRef);
            return null;
        });
    }

    @Override
    public TimelineResponse timeline(Caller caller, String taskId, Long afterSequence, Integer limit) {
        return store.read(tx -> new TimelineResponse(Timelines.of(tx, taskId, afterSequence, limit)));
    }

    @Override
    public TreeResponse tree(Caller caller, String taskId) {
        return store.read(tx -> new TreeResponse(Trees.of(tx, taskId)));
    }

    @Override
    public TriageResponse triageRead(Caller caller, String taskId) {
        return triage(caller, taskId, Triage.Action.READ);
    }

    @Override
    public TriageResponse triageDismiss(Caller caller, String taskId) {
        return triage(caller, taskId, Triage.Action.DISMISS);
    }

    @Override
    public TriageResponse triageArchive(Caller caller, String taskId) {
        return triage(caller, taskId, Triage.Action.ARCHIVE);
    }

    private TriageResponse triage(Caller caller, String taskId, Triage.Action action) {
        Triage stored = store.write(tx -> TriageActions.apply(tx, taskId, caller.actor(), action, now()));
        return new TriageResponse(TriagePayload.of(stored));
    }

    @Override
    public DashboardResponse dashboard(Caller caller, dev.agh.api.Requests.DashboardQuery query) {
        return store.read(tx -> new DashboardResponse(DashboardQuery.query(
                tx.observe(),
                ObserveFilters.dashboard(tx, query),
                now(),
                startedAt,
                ObserveFilters.activeLimit(query))));
    }

    @Override
    public InboxResponse inbox(Caller caller, dev.agh.api.Requests.InboxQuery query) {
        return store.read(
                tx -> new InboxResponse(InboxQuery.query(tx.observe(), ObserveFilters.inbox(tx, caller, query))));
    }

    @Override
    public TaskStream stream(Caller caller, String taskId, long afterSequence, StreamSink sink) {
        if (afterSequence < 0) {
            throw AghException.invalid("after_sequence must be 0 or more, got " + afterSequence);
        }
        if (!store.read(tx -> tx.tasks().exists(taskId))) {
            throw AghException.taskNotFound(taskId);
        }
        return feed.subscribe(taskId, afterSequence, sink);
    }

    /** Streams open right now (diagnostics and tests). */
    public int openStreams() {
        return feed.subscribers();
    }

    /** Ends every stream and stops following the event log (part of shutting the service down). */
    public void closeStreams() {
        feed.close();
    }

    @Override
    public void close() {
        // Streams first: a watcher of a closed service would otherwise keep retrying.
        feed.close();
        claimAttempts.shutdownNow();
        store.close();
    }

    private <T> T write(Caller caller, String action, Function<Mutation, T> work) {
        return store.write(tx -> work.apply(new Mutation(tx, caller, action, now())));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The sequence of the newest stored event: a cheap global change signal for live front ends (the
     * terminal UI re-reads its views only when this moves).
     */
    public long latestEventSequence() {
        return store.latestEventSequence();
    }
}
