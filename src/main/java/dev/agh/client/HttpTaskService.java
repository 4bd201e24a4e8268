package dev.agh.client;

import static dev.agh.client.Transport.query;
import static dev.agh.client.Transport.segment;

import dev.agh.api.Requests.AddDependency;
import dev.agh.api.Requests.AddWorkspace;
import dev.agh.api.Requests.CreateTask;
import dev.agh.api.Requests.ListTasks;
import dev.agh.api.Requests.UpdateTask;
import dev.agh.api.Responses.TaskDetailResponse;
import dev.agh.api.Responses.TaskListResponse;
import dev.agh.api.Responses.TaskResponse;
import dev.agh.api.Responses.WorkspaceListResponse;
import dev.agh.api.Responses.WorkspaceResponse;
import dev.agh.service.Caller;
import dev.agh.service.TaskService;
import java.net.URI;

/**
 * {@link TaskService} against a running {@code agh serve}. The server decides who the caller is
 * from the bearer token, so the {@link Caller} argument is not sent.
 */
public final class HttpTaskService implements TaskService {
  private final Transport transport;

  public HttpTaskService(URI server, String token) {
    this(server, token, ResponseListener.NONE);
  }

  /** A client that reports every response to {@code listener} (used to check the wire contract). */
  public HttpTaskService(URI server, String token, ResponseListener listener) {
    this.transport = new Transport(server, token, listener);
  }

  @Override
  public TaskResponse createTask(Caller caller, CreateTask request) {
    return transport.call("POST", "/api/tasks", null, request, TaskResponse.class);
  }

  @Override
  public TaskListResponse listTasks(Caller caller, ListTasks q) {
    return transport.call("GET", "/api/tasks", query("scope", q.scope(), "workspace", q.workspace(), "status", q.status(),
        "priority", q.priority(), "include_drafts", q.includeDrafts(), "approval_state", q.approvalState(),
        "owner_kind", q.ownerKind(), "owner_ref", q.ownerRef(), "parent_task_id", q.parentTaskId(),
        "network_channel", q.networkChannel(), "query", q.query(), "limit", q.limit()), null, TaskListResponse.class);
  }

  @Override
  public TaskDetailResponse getTask(Caller caller, String taskId) {
    return transport.call("GET", "/api/tasks/" + segment(taskId), null, null, TaskDetailResponse.class);
  }

  @Override
  public TaskResponse updateTask(Caller caller, String taskId, UpdateTask request) {
    return transport.call("PATCH", "/api/tasks/" + segment(taskId), null, request, TaskResponse.class);
  }

  @Override
  public void deleteTask(Caller caller, String taskId) {
    transport.send("DELETE", "/api/tasks/" + segment(taskId), null, null);
  }

  @Override
  public TaskResponse createChild(Caller caller, String parentId, CreateTask request) {
    return transport.call("POST", "/api/tasks/" + segment(parentId) + "/children", null, request, TaskResponse.class);
  }

  @Override
  public TaskDetailResponse addDependency(Caller caller, String taskId, AddDependency request) {
    return transport.call("POST", "/api/tasks/" + segment(taskId) + "/dependencies", null, request, TaskDetailResponse.class);
  }

  @Override
  public TaskDetailResponse removeDependency(Caller caller, String taskId, String dependsOnId) {
    return transport.call("DELETE", "/api/tasks/" + segment(taskId) + "/dependencies/" + segment(dependsOnId), null, null,
        TaskDetailResponse.class);
  }

  @Override
  public WorkspaceResponse addWorkspace(Caller caller, AddWorkspace request) {
    return transport.call("POST", "/api/workspaces", null, request, WorkspaceResponse.class);
  }

  @Override
  public WorkspaceListResponse listWorkspaces(Caller caller) {
    return transport.call("GET", "/api/workspaces", null, null, WorkspaceListResponse.class);
  }

  @Override
  public void removeWorkspace(Caller caller, String workspaceRef) {
    transport.send("DELETE", "/api/workspaces", query("ref", workspaceRef), null);
  }
}
