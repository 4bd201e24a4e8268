package dev.agh.domain;

import java.util.Locale;

/**
 * What happened to a task, one constant per event type the service writes. The wire name is {@code task.} and the
 * constant's name in lower case ({@code RUN_CLAIMED} is {@code task.run_claimed}); it is what the timeline, the
 * stream's {@code event:} line and the store carry. Stored events keep their type as text, so a store written by
 * a newer build still reads.
 */
public enum EventType {
    CREATED,
    CHILD_CREATED,
    UPDATED,
    PUBLISHED,
    APPROVED,
    REJECTED,
    CANCELED,
    PAUSED,
    RESUMED,
    BLOCKED,
    UNBLOCKED,
    DEPENDENCY_ADDED,
    DEPENDENCY_REMOVED,
    RUN_ENQUEUED,
    RUN_RETRY_SCHEDULED,
    RUN_CLAIMED,
    RUN_SESSION_BOUND,
    RUN_STARTED,
    RUN_LEASE_EXTENDED,
    RUN_LEASE_EXPIRED,
    RUN_RELEASED,
    RUN_COMPLETED,
    RUN_FAILED,
    RUN_CANCELED,
    RUN_FORCE_STOPPED;

    private final String wire = "task." + name().toLowerCase(Locale.ROOT);

    public String wire() {
        return wire;
    }

    /** The event of a run that ended with {@code status} (completed, failed or canceled). */
    public static EventType runEnded(RunStatus status) {
        return switch (status) {
            case COMPLETED -> RUN_COMPLETED;
            case FAILED -> RUN_FAILED;
            case CANCELED -> RUN_CANCELED;
            default -> throw new IllegalArgumentException("not a terminal run status: " + status);
        };
    }
}
