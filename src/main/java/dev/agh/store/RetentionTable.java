package dev.agh.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The reads retention needs: finished trees old enough to go, and how much history they hold. */
public interface RetentionTable {
    /**
     * Ids of root tasks (no parent) closed before {@code cutoff}, in id order after {@code afterId} ("" for the
     * first page): the trees retention may remove, if everything in them finished that long ago too.
     */
    List<String> closedRootsBefore(Instant cutoff, String afterId, int limit);

    /** Runs of these tasks. */
    long runsOf(Collection<String> taskIds);

    /** Events of these tasks. */
    long eventsOf(Collection<String> taskIds);
}
