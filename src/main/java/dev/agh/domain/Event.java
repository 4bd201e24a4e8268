package dev.agh.domain;

import java.time.Instant;

/**
 * Something that happened to a task, written in the transaction of the change itself. {@code
 * sequence} is one global counter, strictly increasing in commit order.
 */
public record Event(
        long sequence,
        String id,
        String taskId,
        String runId,
        String type,
        Actor actor,
        Origin origin,
        String payloadJson,
        Instant timestamp) {}
