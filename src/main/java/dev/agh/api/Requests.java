package dev.agh.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The request bodies and query parameters of the Tasks API. Enum-valued fields stay strings here:
 * the service validates them, so an unknown value is the same 422 embedded and over HTTP.
 */
public final class Requests {
  private Requests() {}

  /** {@code owner} as sent: both parts required when present. */
  public record OwnerInput(String kind, String ref) {}

  /** Body of {@code POST /api/tasks} and {@code POST /api/tasks/{id}/children}. */
  public record CreateTask(
      String id,
      String identifier,
      String scope,
      String workspace,
      String networkChannel,
      String title,
      String description,
      String priority,
      Integer maxAttempts,
      Boolean autoEnqueueOnReady,
      Boolean draft,
      String approvalPolicy,
      OwnerInput owner,
      JsonNode metadata) {}

  /** Body of {@code PATCH /api/tasks/{id}}; absent (or null) fields stay as they are. */
  public record UpdateTask(
      String title,
      String description,
      String priority,
      Integer maxAttempts,
      Boolean autoEnqueueOnReady,
      String approvalPolicy,
      JsonNode metadata,
      String networkChannel,
      OwnerInput owner,
      Boolean clearOwner) {}

  /** Body of {@code POST /api/tasks/{id}/dependencies}. */
  public record AddDependency(String dependsOnTaskId, String kind) {}

  /** Query of {@code GET /api/tasks}; {@code limit} 0 or null means no limit. */
  public record ListTasks(
      String scope,
      String workspace,
      String status,
      String priority,
      Boolean includeDrafts,
      String approvalState,
      String ownerKind,
      String ownerRef,
      String parentTaskId,
      String networkChannel,
      String query,
      Integer limit) {}

  /** Body of the workspace registration (agh extension). */
  public record AddWorkspace(String path, String name) {}
}
