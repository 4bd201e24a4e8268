package dev.agh.store;

import dev.agh.domain.RunStatus;

/**
 * A page of all runs, newest queued first: each filter is optional (null), {@code limit} rows at most, and
 * the page starts strictly after {@code after} when given.
 */
public record RunQuery(
        RunStatus status,
        String taskId,
        String sessionId,
        String networkChannel,
        String workspaceId,
        int limit,
        RunCursor after) {}
