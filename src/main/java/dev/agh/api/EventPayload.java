package dev.agh.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agh.domain.Actor;
import dev.agh.domain.Event;
import dev.agh.domain.Origin;
import java.time.Instant;

/** An event as listed in task detail (without its sequence, as the contract has it). */
public record EventPayload(
        String id,
        String taskId,
        String runId,
        String eventType,
        Actor actor,
        Origin origin,
        JsonNode payload,
        Instant timestamp) {

    public static EventPayload of(Event e) {
        return new EventPayload(
                e.id(),
                e.taskId(),
                e.runId(),
                e.type(),
                e.actor(),
                e.origin(),
                RunPayload.tree(e.payloadJson()),
                e.timestamp());
    }
}
