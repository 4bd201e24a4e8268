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
import dev.agh.api.TaskPayload;
import dev.agh.api.WorkspacePayload;
import dev.agh.domain.AghException;
import dev.agh.domain.Task;
import dev.agh.store.TaskStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

/** {@link TaskService} on a {@link TaskStore}: each operation is one transaction. */
public final class LocalTaskService implements TaskService {
  private final TaskStore store;
  private final Clock clock;

  public LocalTaskService(TaskStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public TaskResponse createTask(Caller caller, CreateTask request) {
    Task task = write(caller, "tasks.create", m -> TaskCreation.create(m, request, null));
    return new TaskResponse(TaskPayload.of(task));
  }

  @Override
  public TaskListResponse listTasks(Caller caller, ListTasks query) {
    return store.read(tx -> new TaskListResponse(TaskViews.summaries(tx, tx.tasks().list(TaskListing.query(tx, query)))));
  }

  @Override
  public TaskDetailResponse getTask(Caller caller, String taskId) {
    return store.read(tx -> new TaskDetailResponse(TaskViews.detail(tx, taskId)));
  }

  @Override
  public TaskResponse updateTask(Caller caller, String taskId, UpdateTask request) {
    Task task = write(caller, "tasks.update", m -> TaskUpdate.apply(m, taskId, request));
    return new TaskResponse(TaskPayload.of(task));
  }

  @Override
  public void deleteTask(Caller caller, String taskId) {
    write(caller, "tasks.delete", m -> {
      TaskDeletion.delete(m, taskId);
      return null;
    });
  }

  @Override
  public TaskResponse createChild(Caller caller, String parentId, CreateTask request) {
    Task task = write(caller, "tasks.create_child", m -> {
      Task parent = m.tx.tasks().find(parentId).orElseThrow(() -> AghException.taskNotFound(parentId));
      return TaskCreation.create(m, request, parent);
    });
    return new TaskResponse(TaskPayload.of(task));
  }

  @Override
  public TaskDetailResponse addDependency(Caller caller, String taskId, AddDependency request) {
    return write(caller, "tasks.add_dependency", m -> {
      Dependencies.add(m, taskId, request);
      return new TaskDetailResponse(TaskViews.detail(m.tx, taskId));
    });
  }

  @Override
  public TaskDetailResponse removeDependency(Caller caller, String taskId, String dependsOnId) {
    return write(caller, "tasks.remove_dependency", m -> {
      Dependencies.remove(m, taskId, dependsOnId);
      return new TaskDetailResponse(TaskViews.detail(m.tx, taskId));
    });
  }

  @Override
  public WorkspaceResponse addWorkspace(Caller caller, AddWorkspace request) {
    return write(caller, "workspaces.add", m -> new WorkspaceResponse(WorkspacePayload.of(Workspaces.add(m.tx, request, m.now))));
  }

  @Override
  public WorkspaceListResponse listWorkspaces(Caller caller) {
    return store.read(tx -> new WorkspaceListResponse(tx.workspaces().list().stream().map(WorkspacePayload::of).toList()));
  }

  @Override
  public void removeWorkspace(Caller caller, String workspaceRef) {
    write(caller, "workspaces.remove", m -> {
      Workspaces.remove(m.tx, workspaceRef);
      return null;
    });
  }

  @Override
  public void close() {
    store.close();
  }

  private <T> T write(Caller caller, String action, Function<Mutation, T> work) {
    return store.write(tx -> work.apply(new Mutation(tx, caller, action, now())));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
