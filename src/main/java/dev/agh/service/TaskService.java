package dev.agh.service;

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

  WorkspaceResponse addWorkspace(Caller caller, AddWorkspace request);

  WorkspaceListResponse listWorkspaces(Caller caller);

  void removeWorkspace(Caller caller, String workspaceRef);

  @Override
  default void close() {}
}
