package dev.agh.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** The reads retention needs: finished trees old enough to go, and how much history they hold. */
public interface RetentionTable {
    /**
     * A closed root task, which is also where a pass over closed roots resumes: passes go by status, then by the
     * time the task closed, then by id, the order of the {@code tasks_status} index.
     */
    record ClosedRoot(String status, Instant closedAt, String id) {}

    /**
     * Root tasks (no parent) closed before {@code cutoff}, in pass order after {@code after} (null for the first
     * page): the trees retention may remove, if everything in them finished that long ago too. Each page is a
     * short range scan of the index from where the last one stopped, however many closed tasks the store holds.
     */
    List<ClosedRoot> closedRootsAfter(Instant cutoff, ClosedRoot after, int limit);

    /**
     * Recounts the run totals' maxima that deleting tasks for a prune left stale (an upper bound until then);
     * returns how many totals were recounted. A prune ends with it, and so makes good one cut short.
     */
    int recountStaleMaxima();

    /** Runs of these tasks. */
    long runsOf(Collection<String> taskIds);

    /** Events of these tasks. */
    long eventsOf(Collection<String> taskIds);
}
