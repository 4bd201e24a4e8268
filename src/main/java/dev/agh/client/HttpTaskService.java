package dev.agh.client;

import static dev.agh.client.Transport.query;
import static dev.agh.client.Transport.segment;

import dev.agh.api.Json;
import dev.agh.api.LiveResponses.TimelineResponse;
import dev.agh.api.LiveResponses.TreeResponse;
import dev.agh.api.LiveResponses.TriageResponse;
import dev.agh.api.ObserveResponses.DashboardResponse;
import dev.agh.api.ObserveResponses.InboxResponse;
import dev.agh.api.Operation;
import dev.agh.api.Requests.AddDependency;
import dev.agh.api.Requests.AddWorkspace;
import dev.agh.api.Requests.AttachSession;
import dev.agh.api.Requests.Cancel;
import dev.agh.api.Requests.ClaimNext;
import dev.agh.api.Requests.ClaimRun;
import dev.agh.api.Requests.CompleteRun;
import dev.agh.api.Requests.CreateTask;
import dev.agh.api.Requests.DashboardQuery;
import dev.agh.api.Requests.ExecuteTask;
import dev.agh.api.Requests.FailRun;
import dev.agh.api.Requests.Heartbeat;
import dev.agh.api.Requests.InboxQuery;
import dev.agh.api.Requests.ListAllRuns;
import dev.agh.api.Requests.ListRuns;
import dev.agh.api.Requests.ListTasks;
import dev.agh.api.Requests.NewSession;
import dev.agh.api.Requests.Pause;
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
import dev.agh.api.StoreResponses;
import dev.agh.service.Caller;
import dev.agh.service.StreamSink;
import dev.agh.service.TaskService;
import dev.agh.service.TaskStream;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link TaskService} against a running {@code agh serve}. The server decides who the caller is
 * from the bearer token, so the {@link Caller} argument is not sent.
 */
public final class HttpTaskService implements TaskService {
    private final Transport transport;
    /** Passed on to clients made by {@link #withToken}; see {@link #ofDataDirectory}. */
    private final Supplier<URI> relocator;

    public HttpTaskService(URI server, String token) {
        this(server, token, ResponseListener.NONE);
    }

    /** A client that reports every response to {@code listener} (used to check the wire contract). */
    public HttpTaskService(URI server, String token, ResponseListener listener) {
        this(new Transport(server, token, listener), null);
    }

    private HttpTaskService(Transport transport, Supplier<URI> relocator) {
        this.transport = transport;
        this.relocator = relocator;
    }

    /**
     * A client of the server that owns a data directory's store. When that server refuses the connection (it
     * died or stopped by itself) or answers that it is stopping, {@code relocator} finds or starts its
     * successor and the request goes there, once: the old server never ran it.
     *
     * @param actingSession the operator's agent session to act as ({@code X-AGH-Session-ID}), or null
     */
    public static HttpTaskService ofDataDirectory(
            URI server, String operatorToken, String actingSession, Supplier<URI> relocator) {
        return new HttpTaskService(
                new Transport(server, operatorToken, ResponseListener.NONE, actingSession, relocator), relocator);
    }

    /**
     * A client that holds the operator token and acts as one of the operator's agent sessions: every request says
     * {@code X-AGH-Session-ID}, and the server treats it as that session (agent powers only). How {@code --session}
     * works against a server without the session's own token.
     */
    public static HttpTaskService actingAs(URI server, String operatorToken, String sessionId) {
        return new HttpTaskService(new Transport(server, operatorToken, ResponseListener.NONE, sessionId), null);
    }

    /** A client of the same server that authenticates with {@code token} (e.g. an agent session's). */
    public HttpTaskService withToken(String token) {
        return new HttpTaskService(new Transport(server(), token, ResponseListener.NONE, null, relocator), relocator);
    }

    /** The server this client talks to. */
    public URI server() {
        return transport.base();
    }

    @Override
    public TaskResponse createTask(Caller caller, CreateTask request) {
        return transport.call(Operation.CREATE_TASK, path(Operation.CREATE_TASK), null, request, TaskResponse.class);
    }

    @Override
    public TaskListResponse listTasks(Caller caller, ListTasks q) {
        return transport.call(
                Operation.LIST_TASKS,
                path(Operation.LIST_TASKS),
                query(
                        "scope",
                        q.scope(),
                        "workspace",
                        q.workspace(),
                        "status",
                        q.status(),
                        "priority",
                        q.priority(),
                        "include_drafts",
                        q.includeDrafts(),
                        "approval_state",
                        q.approvalState(),
                        "owner_kind",
                        q.ownerKind(),
                        "owner_ref",
                        q.ownerRef(),
                        "parent_task_id",
                        q.parentTaskId(),
                        "network_channel",
                        q.networkChannel(),
                        "query",
                        q.query(),
                        "limit",
                        q.limit(),
                        "cursor",
                        q.cursor()),
                null,
                TaskListResponse.class);
    }

    @Override
    public TaskDetailResponse getTask(Caller caller, String taskId) {
        return transport.call(
                Operation.GET_TASK, path(Operation.GET_TASK, taskId), null, null, TaskDetailResponse.class);
    }

    @Override
    public TaskResponse updateTask(Caller caller, String taskId, UpdateTask request) {
        return transport.call(
                Operation.UPDATE_TASK, path(Operation.UPDATE_TASK, taskId), null, request, TaskResponse.class);
    }

    @Override
    public void deleteTask(Caller caller, String taskId) {
        transport.send(Operation.DELETE_TASK, path(Operation.DELETE_TASK, taskId), null, null);
    }

    @Override
    public TaskResponse createChild(Caller caller, String parentId, CreateTask request) {
        return transport.call(
                Operation.CREATE_CHILD_TASK,
                path(Operation.CREATE_CHILD_TASK, parentId),
                null,
                request,
                TaskResponse.class);
    }

    @Override
    public TaskDetailResponse addDependency(Caller caller, String taskId, AddDependency request) {
        return transport.call(
                Operation.ADD_TASK_DEPENDENCY,
                path(Operation.ADD_TASK_DEPENDENCY, taskId),
                null,
                request,
                TaskDetailResponse.class);
    }

    @Override
    public TaskDetailResponse removeDependency(Caller caller, String taskId, String dependsOnId) {
        return transport.call(
                Operation.REMOVE_TASK_DEPENDENCY,
                path(Operation.REMOVE_TASK_DEPENDENCY, taskId, dependsOnId),
                null,
                null,
                TaskDetailResponse.class);
    }

    @Override
    public TaskRunResponse publishTask(Caller caller, String taskId, ExecuteTask request) {
        return transport.call(
                Operation.PUBLISH_TASK,
                path(Operation.PUBLISH_TASK, taskId),
                null,
                orEmpty(request),
                TaskRunResponse.class);
    }

    @Override
    public TaskRunResponse startTask(Caller caller, String taskId, ExecuteTask request) {
        return transport.call(
                Operation.START_TASK,
                path(Operation.START_TASK, taskId),
                null,
                orEmpty(request),
                TaskRunResponse.class);
    }

    @Override
    public TaskRunResponse approveTask(Caller caller, String taskId, ExecuteTask request) {
        return transport.call(
                Operation.APPROVE_TASK,
                path(Operation.APPROVE_TASK, taskId),
                null,
                orEmpty(request),
                TaskRunResponse.class);
    }

    @Override
    public TaskResponse rejectTask(Caller caller, String taskId) {
        return transport.call(
                Operation.REJECT_TASK, path(Operation.REJECT_TASK, taskId), null, null, TaskResponse.class);
    }

    @Override
    public StoreResponses.StoreCheckResponse checkStore(Caller caller) {
        return transport.call(
                Operation.CHECK_STORE,
                path(Operation.CHECK_STORE),
                null,
                null,
                StoreResponses.StoreCheckResponse.class);
    }

    @Override
    public StoreResponses.PruneResponse pruneStore(Caller caller, dev.agh.api.Requests.PruneStore request) {
        return transport.call(
                Operation.PRUNE_STORE, path(Operation.PRUNE_STORE), null, request, StoreResponses.PruneResponse.class);
    }

    @Override
    public StoreResponses.CompactResponse compactStore(Caller caller) {
        return transport.call(
                Operation.COMPACT_STORE,
                path(Operation.COMPACT_STORE),
                null,
                null,
                StoreResponses.CompactResponse.class);
    }

    @Override
    public StoreResponses.BackupResponse backupStore(Caller caller, dev.agh.api.Requests.BackupStore request) {
        return transport.call(
                Operation.BACKUP_STORE,
                path(Operation.BACKUP_STORE),
                null,
                request,
                StoreResponses.BackupResponse.class);
    }

    @Override
    public TaskResponse pauseTask(Caller caller, String taskId, Pause request) {
        return transport.call(
                Operation.PAUSE_TASK, path(Operation.PAUSE_TASK, taskId), null, orEmpty(request), TaskResponse.class);
    }

    @Override
    public TaskResponse resumeTask(Caller caller, String taskId, Pause request) {
        return transport.call(
                Operation.RESUME_TASK, path(Operation.RESUME_TASK, taskId), null, orEmpty(request), TaskResponse.class);
    }

    @Override
    public TaskResponse cancelTask(Caller caller, String taskId, Cancel request) {
        return transport.call(
                Operation.CANCEL_TASK, path(Operation.CANCEL_TASK, taskId), null, orEmpty(request), TaskResponse.class);
    }

    @Override
    public RunResponse enqueueRun(Caller caller, String taskId, ExecuteTask request) {
        return transport.call(
                Operation.ENQUEUE_TASK_RUN,
                path(Operation.ENQUEUE_TASK_RUN, taskId),
                null,
                orEmpty(request),
                RunResponse.class);
    }

    @Override
    public RunListResponse listRuns(Caller caller, String taskId, ListRuns q) {
        ListRuns query = q == null ? new ListRuns(null, null, null) : q;
        return transport.call(
                Operation.LIST_TASK_RUNS,
                path(Operation.LIST_TASK_RUNS, taskId),
                query("status", query.status(), "session_id", query.sessionId(), "limit", query.limit()),
                null,
                RunListResponse.class);
    }

    @Override
    public RunPageResponse listAllRuns(Caller caller, ListAllRuns q) {
        ListAllRuns p = q == null ? ListAllRuns.ALL : q;
        return transport.call(
                Operation.LIST_RUNS,
                path(Operation.LIST_RUNS),
                query(
                        "status",
                        p.status(),
                        "task_id",
                        p.taskId(),
                        "session_id",
                        p.sessionId(),
                        "network_channel",
                        p.networkChannel(),
                        "workspace",
                        p.workspace(),
                        "limit",
                        p.limit(),
                        "cursor",
                        p.cursor()),
                null,
                RunPageResponse.class);
    }

    @Override
    public RunDetailResponse getRun(Caller caller, String runId) {
        return transport.call(
                Operation.GET_TASK_RUN, path(Operation.GET_TASK_RUN, runId), null, null, RunDetailResponse.class);
    }

    @Override
    public RunResponse claimRun(Caller caller, String runId, ClaimRun request) {
        return transport.call(
                Operation.CLAIM_TASK_RUN,
                path(Operation.CLAIM_TASK_RUN, runId),
                null,
                orEmpty(request),
                RunResponse.class);
    }

    @Override
    public RunResponse startRun(Caller caller, String runId, ClaimRun request) {
        return transport.call(
                Operation.START_TASK_RUN,
                path(Operation.START_TASK_RUN, runId),
                null,
                orEmpty(request),
                RunResponse.class);
    }

    @Override
    public RunResponse attachSession(Caller caller, String runId, AttachSession request) {
        return transport.call(
                Operation.ATTACH_TASK_RUN_SESSION,
                path(Operation.ATTACH_TASK_RUN_SESSION, runId),
                null,
                request,
                RunResponse.class);
    }

    @Override
    public RunResponse completeRun(Caller caller, String runId, CompleteRun request) {
        return transport.call(
                Operation.COMPLETE_TASK_RUN,
                path(Operation.COMPLETE_TASK_RUN, runId),
                null,
                orEmpty(request),
                RunResponse.class);
    }

    @Override
    public RunResponse failRun(Caller caller, String runId, FailRun request) {
        return transport.call(
                Operation.FAIL_TASK_RUN, path(Operation.FAIL_TASK_RUN, runId), null, request, RunResponse.class);
    }

    @Override
    public RunResponse cancelRun(Caller caller, String runId, Cancel request) {
        return transport.call(
                Operation.CANCEL_TASK_RUN,
                path(Operation.CANCEL_TASK_RUN, runId),
                null,
                orEmpty(request),
                RunResponse.class);
    }

    @Override
    public Optional<ClaimResponse> claimNext(Caller caller, ClaimNext request) {
        String body = transport.send(
                Operation.CLAIM_NEXT_AGENT_TASK, path(Operation.CLAIM_NEXT_AGENT_TASK), null, orEmpty(request));
        return body == null || body.isBlank() ? Optional.empty() : Optional.of(Json.read(body, ClaimResponse.class));
    }

    @Override
    public LeaseResponse heartbeat(Caller caller, String runId, Heartbeat request) {
        return transport.call(
                Operation.HEARTBEAT_AGENT_TASK_RUN,
                path(Operation.HEARTBEAT_AGENT_TASK_RUN, runId),
                null,
                orEmpty(request),
                LeaseResponse.class);
    }

    @Override
    public LeaseResponse startLease(Caller caller, String runId) {
        return transport.call(
                Operation.START_AGENT_TASK_RUN,
                path(Operation.START_AGENT_TASK_RUN, runId),
                null,
                java.util.Map.of(),
                LeaseResponse.class);
    }

    @Override
    public LeaseResponse completeLease(Caller caller, String runId, CompleteRun request) {
        return transport.call(
                Operation.COMPLETE_AGENT_TASK_RUN,
                path(Operation.COMPLETE_AGENT_TASK_RUN, runId),
                null,
                orEmpty(request),
                LeaseResponse.class);
    }

    @Override
    public LeaseResponse failLease(Caller caller, String runId, FailRun request) {
        return transport.call(
                Operation.FAIL_AGENT_TASK_RUN,
                path(Operation.FAIL_AGENT_TASK_RUN, runId),
                null,
                request,
                LeaseResponse.class);
    }

    @Override
    public LeaseResponse releaseLease(Caller caller, String runId, Release request) {
        return transport.call(
                Operation.RELEASE_AGENT_TASK_RUN,
                path(Operation.RELEASE_AGENT_TASK_RUN, runId),
                null,
                orEmpty(request),
                LeaseResponse.class);
    }

    @Override
    public SessionResponse createSession(Caller caller, NewSession request) {
        return transport.call(
                Operation.CREATE_SESSION, path(Operation.CREATE_SESSION), null, request, SessionResponse.class);
    }

    @Override
    public SessionListResponse listSessions(Caller caller) {
        return transport.call(
                Operation.LIST_SESSIONS, path(Operation.LIST_SESSIONS), null, null, SessionListResponse.class);
    }

    @Override
    public SessionResponse getSession(Caller caller, String sessionId) {
        return transport.call(
                Operation.GET_SESSION, path(Operation.GET_SESSION, sessionId), null, null, SessionResponse.class);
    }

    @Override
    public SessionResponse stopSession(Caller caller, String sessionId) {
        return transport.call(
                Operation.STOP_SESSION, path(Operation.STOP_SESSION, sessionId), null, null, SessionResponse.class);
    }

    @Override
    public DashboardResponse dashboard(Caller caller, DashboardQuery q) {
        DashboardQuery p = q == null ? DashboardQuery.ALL : q;
        return transport.call(
                Operation.GET_TASK_DASHBOARD,
                path(Operation.GET_TASK_DASHBOARD),
                query(
                        "scope",
                        p.scope(),
                        "workspace",
                        p.workspace(),
                        "owner_kind",
                        p.ownerKind(),
                        "owner_ref",
                        p.ownerRef(),
                        "network_channel",
                        p.networkChannel(),
                        "origin_kind",
                        p.originKind(),
                        "active_limit",
                        p.activeLimit()),
                null,
                DashboardResponse.class);
    }

    @Override
    public InboxResponse inbox(Caller caller, InboxQuery q) {
        InboxQuery p = q == null ? InboxQuery.ALL : q;
        return transport.call(
                Operation.GET_TASK_INBOX,
                path(Operation.GET_TASK_INBOX),
                query(
                        "scope",
                        p.scope(),
                        "workspace",
                        p.workspace(),
                        "owner_kind",
                        p.ownerKind(),
                        "owner_ref",
                        p.ownerRef(),
                        "lane",
                        p.lane(),
                        "unread",
                        p.unread(),
                        "query",
                        p.query(),
                        "limit",
                        p.limit()),
                null,
                InboxResponse.class);
    }

    @Override
    public TimelineResponse timeline(Caller caller, String taskId, Long afterSequence, Integer limit) {
        return transport.call(
                Operation.GET_TASK_TIMELINE,
                path(Operation.GET_TASK_TIMELINE, taskId),
                query("after_sequence", afterSequence, "limit", limit),
                null,
                TimelineResponse.class);
    }

    @Override
    public TreeResponse tree(Caller caller, String taskId) {
        return transport.call(
                Operation.GET_TASK_TREE, path(Operation.GET_TASK_TREE, taskId), null, null, TreeResponse.class);
    }

    @Override
    public TriageResponse triageRead(Caller caller, String taskId) {
        return transport.call(
                Operation.MARK_TASK_READ, path(Operation.MARK_TASK_READ, taskId), null, null, TriageResponse.class);
    }

    @Override
    public TriageResponse triageDismiss(Caller caller, String taskId) {
        return transport.call(
                Operation.DISMISS_TASK, path(Operation.DISMISS_TASK, taskId), null, null, TriageResponse.class);
    }

    @Override
    public TriageResponse triageArchive(Caller caller, String taskId) {
        return transport.call(
                Operation.ARCHIVE_TASK, path(Operation.ARCHIVE_TASK, taskId), null, null, TriageResponse.class);
    }

    @Override
    public TaskStream stream(Caller caller, String taskId, long afterSequence, StreamSink sink) {
        return SseStream.open(transport, path(Operation.STREAM_TASK, taskId), afterSequence, sink);
    }

    /** The path of {@code operation} with its parameters filled in, each one percent-encoded as one segment. */
    private static String path(Operation operation, String... values) {
        String template = operation.path();
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (String value : values) {
            int open = template.indexOf('{', at);
            out.append(template, at, open).append(segment(value));
            at = template.indexOf('}', open) + 1;
        }
        if (template.indexOf('{', at) >= 0) {
            throw new IllegalArgumentException(operation.id() + " needs more path parameters than " + values.length);
        }
        return out.append(template.substring(at)).toString();
    }

    /** Operations whose body is optional still get {@code {}}, so the request is the same on the wire. */
    private static Object orEmpty(Object request) {
        return request == null ? java.util.Map.of() : request;
    }

    @Override
    public WorkspaceResponse addWorkspace(Caller caller, AddWorkspace request) {
        return transport.call(
                Operation.ADD_WORKSPACE, path(Operation.ADD_WORKSPACE), null, request, WorkspaceResponse.class);
    }

    @Override
    public WorkspaceListResponse listWorkspaces(Caller caller) {
        return transport.call(
                Operation.LIST_WORKSPACES, path(Operation.LIST_WORKSPACES), null, null, WorkspaceListResponse.class);
    }

    @Override
    public void removeWorkspace(Caller caller, String workspaceRef) {
        transport.send(Operation.REMOVE_WORKSPACE, path(Operation.REMOVE_WORKSPACE), query("ref", workspaceRef), null);
    }
}
