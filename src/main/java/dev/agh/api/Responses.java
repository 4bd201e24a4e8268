package dev.agh.api;

import java.util.List;

/** The response envelopes of the Tasks API, one record per body shape. */
public final class Responses {
  private Responses() {}

  /** {@code {"task": TaskPayload}} */
  public record TaskResponse(TaskPayload task) {}

  /** {@code {"task": TaskDetailPayload}} */
  public record TaskDetailResponse(TaskDetailPayload task) {}

  /** {@code {"tasks": [TaskSummaryPayload]}} */
  public record TaskListResponse(List<TaskSummaryPayload> tasks) {}

  /** {@code {"workspace": WorkspacePayload}} (agh extension). */
  public record WorkspaceResponse(WorkspacePayload workspace) {}

  /** {@code {"workspaces": [WorkspacePayload]}} (agh extension). */
  public record WorkspaceListResponse(List<WorkspacePayload> workspaces) {}
}
