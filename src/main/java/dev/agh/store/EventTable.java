package dev.agh.store;

import dev.agh.domain.Event;
import java.util.List;

/** The append-only event log. Sequences are global and increase in commit order. */
public interface EventTable {
    /** Appends the event with the next global sequence and returns that sequence. */
    long append(Event event);

    /** This task's events, newest first. */
    List<Event> ofTask(String taskId);

    /** This task's events after {@code afterSequence}, oldest first; {@code limit} 0 means all. */
    List<Event> ofTask(String taskId, long afterSequence, int limit);

    /** Events of every task after {@code afterSequence}, oldest first, at most {@code limit}. */
    List<Event> after(long afterSequence, int limit);

    /**
     * Events of {@code rootTaskId} and all its descendants with a sequence in {@code (afterSequence,
     * throughSequence]}, oldest first, at most {@code limit}.
     */
    List<Event> ofSubtree(String rootTaskId, long afterSequence, long throughSequence, int limit);
}
