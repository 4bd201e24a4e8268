package dev.agh.api;

import dev.agh.domain.Owner;
import dev.agh.domain.Priority;
import dev.agh.domain.RunStatus;
import dev.agh.domain.Scope;
import dev.agh.domain.TaskStatus;
import java.time.Instant;
import java.util.List;

/**
 * Active runs (queued, claimed, starting, running): counters and the first few ({@code items} omitted when empty).
 * An item's {@code not_before} (a queued run delayed, or a scheduled retry) and {@code task_paused} are agh
 * extensions.
 */
public record DashboardActiveRunsPayload(
        long total, long running, long starting, long claimed, long queued, List<Item> items) {

    /** One active run with its task. */
    public record Item(
            String taskId,
            String taskIdentifier,
            String taskTitle,
            TaskStatus taskStatus,
            Priority taskPriority,
            Owner taskOwner,
            Scope scope,
            String workspaceId,
            long latestEventSeq,
            String runId,
            RunStatus runStatus,
            int attempt,
            int maxAttempts,
            String sessionId,
            String networkChannel,
            Instant lastActivityAt,
            long ageMs,
            String healthStatus,
            boolean stuck,
            String error,
            Instant notBefore,
            Boolean taskPaused) {

        public Item(
                String taskId,
                String taskIdentifier,
                String taskTitle,
                TaskStatus taskStatus,
                Priority taskPriority,
                Owner taskOwner,
                Scope scope,
                String workspaceId,
                long latestEventSeq,
                String runId,
                RunStatus runStatus,
                int attempt,
                int maxAttempts,
                String sessionId,
                String networkChannel,
                Instant lastActivityAt,
                long ageMs,
                String healthStatus,
                boolean stuck,
                String error) {
            this(
                    taskId,
                    taskIdentifier,
                    taskTitle,
                    taskStatus,
                    taskPriority,
                    taskOwner,
                    scope,
                    workspaceId,
                    latestEventSeq,
                    runId,
                    runStatus,
                    attempt,
                    maxAttempts,
                    sessionId,
                    networkChannel,
                    lastActivityAt,
                    ageMs,
                    healthStatus,
                    stuck,
                    error,
                    null,
                    null);
        }
    }
}
