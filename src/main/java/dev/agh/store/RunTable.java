package dev.agh.store;

import dev.agh.domain.Run;
import dev.agh.domain.RunStatus;
import dev.agh.domain.Task;
import dev.agh.domain.TaskStatusRule.RunFacts;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Run rows, the work queue. */
public interface RunTable {
    Optional<Run> find(String id);

    /** Newest first, optionally filtered; {@code limit} 0 means all. */
    List<Run> ofTask(String taskId, RunStatus status, String sessionId, int limit);

    /** All runs, newest queued first, filtered and paged by {@code query}. */
    List<Run> list(RunQuery query);

    /** What the open runs of a task say about its status, and its highest attempt. */
    RunFacts facts(String taskId);

    /** Status of the task's latest finished run (highest attempt, then latest queued), if any. */
    RunStatus latestTerminal(String taskId);

    /** The task's open run (at most one exists), if any. */
    Optional<Run> open(String taskId);

    /** The open runs of many tasks at once (for lists). */
    List<Run> openOf(List<String> taskIds);

    /** True if the task has a run that is not completed, failed or canceled. */
    boolean hasOpen(String taskId);

    /** Inserts a queued run, copying the claim-relevant fields of its task. */
    void insert(Run run, Task task);

    /** Writes every mutable column of the run. */
    void update(Run run);

    /**
     * Writes the run only if it is still held under {@code expectedHash} by {@code expectedSession}
     * with a lease ending after {@code now}: the compare-and-set that fences stale workers.
     */
    boolean updateFenced(Run run, String expectedHash, String expectedSession, Instant now);

    /**
     * Copies the claim-relevant fields of {@code task} onto its open run, if it has one: a run that
     * is claimed now must carry the task's current fields when it returns to the queue.
     */
    void syncQueued(Task task);

    /**
     * Queued, claimable runs in claim order (priority, then age, then id) matching the filter, leaving out runs
     * delayed past {@code now}.
     */
    List<Run> claimCandidates(ClaimFilter filter, Instant now, int limit, int offset);

    /** When the first queued run delayed past {@code now} comes due, if one is. */
    Optional<Instant> nextDue(Instant now);

    /** Queued runs delayed past {@code now} (delayed starts and scheduled retries), soonest first. */
    List<Run> scheduled(Instant now, int limit);

    /** Runs bound to the session that were claimed with a lease, newest first. */
    List<Run> leasedBySession(String sessionId);

    /** Active runs whose lease ended at or before {@code now}, oldest lease first. */
    List<Run> expiredLeases(Instant now, int limit);

    /** The run an idempotency key already produced for this origin, if any. */
    Optional<Run> findIdempotent(String key, String originKind, String originRef);

    void saveIdempotent(String key, String originKind, String originRef, Run run);
}
