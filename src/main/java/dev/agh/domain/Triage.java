package dev.agh.domain;

import java.time.Instant;

/**
 * One caller's triage state of one task: whether they read, dismissed or archived it, and the
 * task's latest activity when they did. Each action records that activity, so anything newer makes
 * the task unread again (except once archived: archive is for good).
 *
 * @param lastSeenActivityAt the task's latest activity at the last triage action, or null
 */
public record Triage(
        String taskId,
        Actor actor,
        boolean read,
        boolean archived,
        boolean dismissed,
        Instant lastSeenActivityAt,
        Instant updatedAt) {

    /** The state of a caller who never triaged the task: unread, not archived, not dismissed. */
    public static Triage untouched(String taskId, Actor actor) {
        return new Triage(taskId, actor, false, false, false, null, null);
    }

    /** Triage actions: {@code POST /api/tasks/{id}/triage/{read|dismiss|archive}}. */
    public enum Action implements WireEnum {
        READ,
        DISMISS,
        ARCHIVE
    }

    /** The stored state after {@code action}, taken at {@code now} on a task last active at {@code latestActivity}. */
    public Triage apply(Action action, Instant latestActivity, Instant now) {
        return switch (action) {
            case READ -> new Triage(taskId, actor, true, archived, false, latestActivity, now);
            case DISMISS -> new Triage(taskId, actor, true, archived, true, latestActivity, now);
            case ARCHIVE -> new Triage(taskId, actor, true, true, false, latestActivity, now);
        };
    }

    /**
     * The state a reader sees given the task's latest activity: archived stays read; otherwise any
     * activity after {@link #lastSeenActivityAt} (or no triage yet) makes it unread and undismissed.
     */
    public Triage effective(Instant latestActivity) {
        if (archived) {
            return new Triage(taskId, actor, true, true, false, lastSeenActivityAt, updatedAt);
        }
        boolean newer =
                latestActivity != null && (lastSeenActivityAt == null || latestActivity.isAfter(lastSeenActivityAt));
        return newer ? new Triage(taskId, actor, false, false, false, lastSeenActivityAt, updatedAt) : this;
    }

    /** The latest activity of a task as its own row knows it: created, updated, closed or its newest event. */
    public static Instant latestActivity(Task task) {
        Instant latest = task.createdAt();
        for (Instant candidate : new Instant[] {task.updatedAt(), task.closedAt(), task.lastActivityAt()}) {
            if (candidate != null && (latest == null || candidate.isAfter(latest))) {
                latest = candidate;
            }
        }
        return latest;
    }
}
