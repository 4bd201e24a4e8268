package dev.agh.domain;

/** Stored, canonical status of a task; see {@link TaskStatusRule} for how it is derived. */
public enum TaskStatus implements WireEnum {
  DRAFT,
  PENDING,
  BLOCKED,
  READY,
  IN_PROGRESS,
  COMPLETED,
  FAILED,
  CANCELED;

  public boolean isClosed() {
    return this == COMPLETED || this == FAILED || this == CANCELED;
  }
}
