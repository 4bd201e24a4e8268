package dev.agh.domain;

/** Status of one run (attempt) of a task. */
public enum RunStatus implements WireEnum {
    QUEUED,
    CLAIMED,
    STARTING,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELED,
    NEEDS_ATTENTION;

    /** Terminal runs never change again. */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELED;
    }

    /** Held by a worker: claimed, starting or running. */
    public boolean isActive() {
        return this == CLAIMED || this == STARTING || this == RUNNING;
    }
}
