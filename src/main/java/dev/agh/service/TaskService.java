package dev.agh.service;

import dev.agh.api.LiveResponses.TimelineResponse;
import dev.agh.api.LiveResponses.TreeResponse;
import dev.agh.api.LiveResponses.TriageResponse;
import dev.agh.api.ObserveResponses.DashboardResponse;
import dev.agh.api.ObserveResponses.InboxResponse;
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
import dev.agh.api.StreamEventPayload;
import dev.agh.api.StreamSink;
import dev.agh.api.TaskStream;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One method per operation of the Tasks API, taking and returning its wire records. Implemented
 * locally on the store ({@link LocalTaskService}) and remotely over HTTP, so every front end works
 * the same embedded and against {@code agh serve}. Failures are {@link dev.agh.domain.AghException}s.
 */
public interface TaskService extends AutoCloseable {
    TaskResponse createTask(Caller caller, CreateTask request);

    TaskListResponse listTasks(Caller caller, ListTasks query);

    TaskDetailResponse getTask(Caller caller, String taskId);

    TaskResponse updateTask(Caller caller, String taskId, UpdateTask request);

    void deleteTask(Caller caller, String taskId);

    TaskResponse createChild(Caller caller, String parentId, CreateTask request);

    TaskDetailResponse addDependency(Caller caller, String taskId, AddDependency request);

    TaskDetailResponse removeDependency(Caller caller, String taskId, String dependsOnId);

    TaskRunResponse publishTask(Caller caller, String taskId, ExecuteTask request);

    TaskRunResponse startTask(Caller caller, String taskId, ExecuteTask request);

    TaskRunResponse approveTask(Caller caller, String taskId, ExecuteTask request);

    TaskResponse rejectTask(Caller caller, String taskId);

    TaskResponse cancelTask(Caller caller, String taskId, Cancel request);

    /** Sizes and consistency of the store (agh extension). */
    StoreResponses.StoreCheckResponse checkStore(Caller caller);

    /** Removes (or counts, dry) finished task trees older than the request says, in small batches (agh extension). */
    StoreResponses.PruneResponse pruneStore(Caller caller, dev.agh.api.Requests.PruneStore request);

    /** Compacts the embedded file now, so it shrinks to about its live data (agh extension). */
    StoreResponses.CompactResponse compactStore(Caller caller);

    /** Writes a consistent copy of the embedded store to a new file, while serving (agh extension). */
    StoreResponses.BackupResponse backupStore(Caller caller, dev.agh.api.Requests.BackupStore request);

    /** Pauses the task and every task under it: their queued runs are not claimable until resumed (agh extension). */
    TaskResponse pauseTask(Caller caller, String taskId, Pause request);

    /** Resumes the task and every task under it (agh extension). */
    TaskResponse resumeTask(Caller caller, String taskId, Pause request);

    RunResponse enqueueRun(Caller caller, String taskId, ExecuteTask request);

    RunListResponse listRuns(Caller caller, String taskId, ListRuns query);

    /** {@code GET /api/task-runs} (agh extension): runs of every task, filtered, newest queued first, in pages. */
    RunPageResponse listAllRuns(Caller caller, ListAllRuns query);

    RunDetailResponse getRun(Caller caller, String runId);

    RunResponse claimRun(Caller caller, String runId, ClaimRun request);

    RunResponse startRun(Caller caller, String runId, ClaimRun request);

    RunResponse attachSession(Caller caller, String runId, AttachSession request);

    RunResponse completeRun(Caller caller, String runId, CompleteRun request);

    RunResponse failRun(Caller caller, String runId, FailRun request);

    RunResponse cancelRun(Caller caller, String runId, Cancel request);

    /** Claims the next run for the caller's agent session; empty means no claimable work (HTTP 204). */
    Optional<ClaimResponse> claimNext(Caller caller, ClaimNext request);

    /**
     * {@link #claimNext} for a server: with {@code wait: true} the answer may come later, and an implementation
     * that can should not hold the calling thread meanwhile. By default the call simply runs now.
     */
    default java.util.concurrent.CompletableFuture<Optional<ClaimResponse>> claimNextLater(
            Caller caller, ClaimNext request) {
        try {
            return java.util.concurrent.CompletableFuture.completedFuture(claimNext(caller, request));
        } catch (RuntimeException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    LeaseResponse heartbeat(Caller caller, String runId, Heartbeat request);

    /**
     * {@code POST /api/agent/tasks/{run_id}/start} (agh extension): the agent holding the lease says it is working
     * on the run; claimed becomes running (its task in progress). Running already: nothing changes.
     */
    LeaseResponse startLease(Caller caller, String runId);

    LeaseResponse completeLease(Caller caller, String runId, CompleteRun request);

    LeaseResponse failLease(Caller caller, String runId, FailRun request);

    LeaseResponse releaseLease(Caller caller, String runId, Release request);

    SessionResponse createSession(Caller caller, NewSession request);

    SessionListResponse listSessions(Caller caller);

    SessionResponse getSession(Caller caller, String sessionId);

    SessionResponse stopSession(Caller caller, String sessionId);

    WorkspaceResponse addWorkspace(Caller caller, AddWorkspace request);

    WorkspaceListResponse listWorkspaces(Caller caller);

    void removeWorkspace(Caller caller, String workspaceRef);

    /** The task's own events after {@code afterSequence} (null: 0), oldest first, at most {@code limit} (null or 0: all). */
    TimelineResponse timeline(Caller caller, String taskId, Long afterSequence, Integer limit);

    /** The task and all its descendants. */
    TreeResponse tree(Caller caller, String taskId);

    /** Marks the task read for the caller. */
    TriageResponse triageRead(Caller caller, String taskId);

    /** Dismisses the task from the caller's inbox until something new happens on it. */
    TriageResponse triageDismiss(Caller caller, String taskId);

    /** Archives the task for the caller, for good. */
    TriageResponse triageArchive(Caller caller, String taskId);

    /** Counters, health, queue and active runs of the tasks the query selects (not per caller). */
    DashboardResponse dashboard(Caller caller, DashboardQuery query);

    /** The caller's inbox: tasks that want attention, in lanes, with the caller's own triage state. */
    InboxResponse inbox(Caller caller, InboxQuery query);

    /**
     * Streams the events of the task and all its descendants (also ones created later) with a
     * sequence above {@code afterSequence}: the stored ones first, then live ones, in sequence order,
     * each once. Fails at once for an unknown task or a negative cursor. Locally the stream ends when
     * the sink falls more than 1024 events behind; over HTTP the client resumes a lost connection by
     * itself (Last-Event-ID).
     */
    TaskStream stream(Caller caller, String taskId, long afterSequence, StreamSink sink);

    /**
     * Follows the task's stream until the returned watch is closed, resuming after the last event
     * delivered whenever the stream is dropped. Fails at once for an unknown task or a negative cursor.
     */
    default TaskWatch watch(Caller caller, String taskId, long afterSequence, Consumer<StreamEventPayload> consumer) {
        return TaskWatch.start(this, caller, taskId, afterSequence, consumer);
    }

    @Override
    default void close() {}
}
