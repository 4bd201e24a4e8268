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

    /** Whether the queued runs of a task in this status may be claimed (copied onto the runs). */
    public boolean runsClaimable() {
        return this != DRAFT && this != BLOCKED && this != CANCELED;
    }
}
