package dev.agh.client;

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
import dev.agh.api.StreamSink;
import dev.agh.api.TaskStream;
import dev.agh.service.Caller;
import dev.agh.service.TaskService;
import java.net.URI;
import java.util.Map;
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
        return call(Operation.CREATE_TASK, request, TaskResponse.class);
    }

    @Override
    public TaskListResponse listTasks(Caller caller, ListTasks q) {
        return read(Operation.LIST_TASKS, QueryStrings.of(q), TaskListResponse.class);
    }

    @Override
    public TaskDetailResponse getTask(Caller caller, String taskId) {
        return call(Operation.GET_TASK, null, TaskDetailResponse.class, taskId);
    }

    @Override
    public TaskResponse updateTask(Caller caller, String taskId, UpdateTask request) {
        return call(Operation.UPDATE_TASK, request, TaskResponse.class, taskId);
    }

    @Override
    public void deleteTask(Caller caller, String taskId) {
        transport.send(Operation.DELETE_TASK, path(Operation.DELETE_TASK, taskId), null, null);
    }

    @Override
    public TaskResponse createChild(Caller caller, String parentId, CreateTask request) {
        return call(Operation.CREATE_CHILD_TASK, request, TaskResponse.class, parentId);
    }

    @Override
    public TaskDetailResponse addDependency(Caller caller, String taskId, AddDependency request) {
        return call(Operation.ADD_TASK_DEPENDENCY, request, TaskDetailResponse.class, taskId);
    }

    @Override
    public TaskDetailResponse removeDependency(Caller caller, String taskId, String dependsOnId) {
        return call(Operation.REMOVE_TASK_DEPENDENCY, null, TaskDetailResponse.class, taskId, dependsOnId);
    }

    @Override
    public TaskRunResponse publishTask(Caller caller, String taskId, ExecuteTask request) {
        return call(Operation.PUBLISH_TASK, orEmpty(request), TaskRunResponse.class, taskId);
    }

    @Override
    public TaskRunResponse startTask(Caller caller, String taskId, ExecuteTask request) {
        return call(Operation.START_TASK, orEmpty(request), TaskRunResponse.class, taskId);
    }

    @Override
    public TaskRunResponse approveTask(Caller caller, String taskId, ExecuteTask request) {
        return call(Operation.APPROVE_TASK, orEmpty(request), TaskRunResponse.class, taskId);
    }

    @Override
    public TaskResponse rejectTask(Caller caller, String taskId) {
        return call(Operation.REJECT_TASK, null, TaskResponse.class, taskId);
    }

    @Override
    public StoreResponses.StoreCheckResponse checkStore(Caller caller) {
        return call(Operation.CHECK_STORE, null, StoreResponses.StoreCheckResponse.class);
    }

    @Override
    public StoreResponses.PruneResponse pruneStore(Caller caller, dev.agh.api.Requests.PruneStore request) {
        return call(Operation.PRUNE_STORE, request, StoreResponses.PruneResponse.class);
    }

    @Override
    public StoreResponses.CompactResponse compactStore(Caller caller) {
        return call(Operation.COMPACT_STORE, null, StoreResponses.CompactResponse.class);
    }

    @Override
    public StoreResponses.BackupResponse backupStore(Caller caller, dev.agh.api.Requests.BackupStore request) {
        return call(Operation.BACKUP_STORE, request, StoreResponses.BackupResponse.class);
    }

    @Override
    public TaskResponse pauseTask(Caller caller, String taskId, Pause request) {
        return call(Operation.PAUSE_TASK, orEmpty(request), TaskResponse.class, taskId);
    }

    @Override
    public TaskResponse resumeTask(Caller caller, String taskId, Pause request) {
        return call(Operation.RESUME_TASK, orEmpty(request), TaskResponse.class, taskId);
    }

    @Override
    public TaskResponse cancelTask(Caller caller, String taskId, Cancel request) {
        return call(Operation.CANCEL_TASK, orEmpty(request), TaskResponse.class, taskId);
    }

    @Override
    public RunResponse enqueueRun(Caller caller, String taskId, ExecuteTask request) {
        return call(Operation.ENQUEUE_TASK_RUN, orEmpty(request), RunResponse.class, taskId);
    }

    @Override
    public RunListResponse listRuns(Caller caller, String taskId, ListRuns q) {
        ListRuns query = q == null ? new ListRuns(null, null, null) : q;
        return read(Operation.LIST_TASK_RUNS, QueryStrings.of(query), RunListResponse.class, taskId);
    }

    @Override
    public RunPageResponse listAllRuns(Caller caller, ListAllRuns q) {
        ListAllRuns p = q == null ? ListAllRuns.ALL : q;
        return read(Operation.LIST_RUNS, QueryStrings.of(p), RunPageResponse.class);
    }

    @Override
    public RunDetailResponse getRun(Caller caller, String runId) {
        return call(Operation.GET_TASK_RUN, null, RunDetailResponse.class, runId);
    }

    @Override
    public RunResponse claimRun(Caller caller, String runId, ClaimRun request) {
        return call(Operation.CLAIM_TASK_RUN, orEmpty(request), RunResponse.class, runId);
    }

    @Override
    public RunResponse startRun(Caller caller, String runId, ClaimRun request) {
        return call(Operation.START_TASK_RUN, orEmpty(request), RunResponse.class, runId);
    }

    @Override
    public RunResponse attachSession(Caller caller, String runId, AttachSession request) {
        return call(Operation.ATTACH_TASK_RUN_SESSION, request, RunResponse.class, runId);
    }

    @Override
    public RunResponse completeRun(Caller caller, String runId, CompleteRun request) {
        return call(Operation.COMPLETE_TASK_RUN, orEmpty(request), RunResponse.class, runId);
    }

    @Override
    public RunResponse failRun(Caller caller, String runId, FailRun request) {
        return call(Operation.FAIL_TASK_RUN, request, RunResponse.class, runId);
    }

    @Override
    public RunResponse cancelRun(Caller caller, String runId, Cancel request) {
        return call(Operation.CANCEL_TASK_RUN, orEmpty(request), RunResponse.class, runId);
    }

    @Override
    public Optional<ClaimResponse> claimNext(Caller caller, ClaimNext request) {
        String body = transport.send(
                Operation.CLAIM_NEXT_AGENT_TASK, path(Operation.CLAIM_NEXT_AGENT_TASK), null, orEmpty(request));
        return body == null || body.isBlank() ? Optional.empty() : Optional.of(Json.read(body, ClaimResponse.class));
    }

    @Override
    public LeaseResponse heartbeat(Caller caller, String runId, Heartbeat request) {
        return call(Operation.HEARTBEAT_AGENT_TASK_RUN, orEmpty(request), LeaseResponse.class, runId);
    }

    @Override
    public LeaseResponse startLease(Caller caller, String runId) {
        return call(Operation.START_AGENT_TASK_RUN, Map.of(), LeaseResponse.class, runId);
    }

    @Override
    public LeaseResponse completeLease(Caller caller, String runId, CompleteRun request) {
        return call(Operation.COMPLETE_AGENT_TASK_RUN, orEmpty(request), LeaseResponse.class, runId);
    }

    @Override
    public LeaseResponse failLease(Caller caller, String runId, FailRun request) {
        return call(Operation.FAIL_AGENT_TASK_RUN, request, LeaseResponse.class, runId);
    }

    @Override
    public LeaseResponse releaseLease(Caller caller, String runId, Release request) {
        return call(Operation.RELEASE_AGENT_TASK_RUN, orEmpty(request), LeaseResponse.class, runId);
    }

    @Override
    public SessionResponse createSession(Caller caller, NewSession request) {
        return call(Operation.CREATE_SESSION, request, SessionResponse.class);
    }

    @Override
    public SessionListResponse listSessions(Caller caller) {
        return call(Operation.LIST_SESSIONS, null, SessionListResponse.class);
    }

    @Override
    public SessionResponse getSession(Caller caller, String sessionId) {
        return call(Operation.GET_SESSION, null, SessionResponse.class, sessionId);
    }

    @Override
    public SessionResponse stopSession(Caller caller, String sessionId) {
        return call(Operation.STOP_SESSION, null, SessionResponse.class, sessionId);
    }

    @Override
    public DashboardResponse dashboard(Caller caller, DashboardQuery q) {
        DashboardQuery p = q == null ? DashboardQuery.ALL : q;
        return read(Operation.GET_TASK_DASHBOARD, QueryStrings.of(p), DashboardResponse.class);
    }

    @Override
    public InboxResponse inbox(Caller caller, InboxQuery q) {
        InboxQuery p = q == null ? InboxQuery.ALL : q;
        return read(Operation.GET_TASK_INBOX, QueryStrings.of(p), InboxResponse.class);
    }

    @Override
    public TimelineResponse timeline(Caller caller, String taskId, Long afterSequence, Integer limit) {
        return read(
                Operation.GET_TASK_TIMELINE,
                QueryStrings.of()
                        .and("after_sequence", afterSequence)
                        .and("limit", limit)
                        .toMap(),
                TimelineResponse.class,
                taskId);
    }

    @Override
    public TreeResponse tree(Caller caller, String taskId) {
        return call(Operation.GET_TASK_TREE, null, TreeResponse.class, taskId);
    }

    @Override
    public TriageResponse triageRead(Caller caller, String taskId) {
        return call(Operation.MARK_TASK_READ, null, TriageResponse.class, taskId);
    }

    @Override
    public TriageResponse triageDismiss(Caller caller, String taskId) {
        return call(Operation.DISMISS_TASK, null, TriageResponse.class, taskId);
    }

    @Override
    public TriageResponse triageArchive(Caller caller, String taskId) {
        return call(Operation.ARCHIVE_TASK, null, TriageResponse.class, taskId);
    }

    @Override
    public TaskStream stream(Caller caller, String taskId, long afterSequence, StreamSink sink) {
        return SseStream.open(transport, path(Operation.STREAM_TASK, taskId), afterSequence, sink);
    }

    /** Sends {@code operation} with {@code body} to its path, filled with {@code pathParams}; reads a {@code type}. */
    private <T> T call(Operation operation, Object body, Class<T> type, String... pathParams) {
        return transport.call(operation, path(operation, pathParams), null, body, type);
    }

    /** Reads {@code operation} with a query string (see {@link Transport#query}). */
    private <T> T read(Operation operation, Map<String, ?> query, Class<T> type, String... pathParams) {
        return transport.call(operation, path(operation, pathParams), query, null, type);
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
        return request == null ? Map.of() : request;
    }

    @Override
    public WorkspaceResponse addWorkspace(Caller caller, AddWorkspace request) {
        return call(Operation.ADD_WORKSPACE, request, WorkspaceResponse.class);
    }

    @Override
    public WorkspaceListResponse listWorkspaces(Caller caller) {
        return call(Operation.LIST_WORKSPACES, null, WorkspaceListResponse.class);
    }

    @Override
    public void removeWorkspace(Caller caller, String workspaceRef) {
        transport.send(
                Operation.REMOVE_WORKSPACE,
                path(Operation.REMOVE_WORKSPACE),
                QueryStrings.of().and("ref", workspaceRef).toMap(),
                null);
    }
}
