package dev.agh.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agh.domain.Actor;
import dev.agh.domain.Event;
import dev.agh.domain.Origin;
import java.time.Instant;

/**
 * One event as the timeline and the stream show it ({@code TaskTimelineItemPayload}): with its
 * sequence, its task and its run as they are now.
 */
public record TimelineItemPayload(
        long sequence,
        String eventId,
        TaskReference task,
        RunSummaryPayload run,
        String eventType,
        Actor actor,
        Origin origin,
        JsonNode payload,
        Instant timestamp) {

    public static TimelineItemPayload of(Event e, TaskReference task, RunSummaryPayload run) {
        return new TimelineItemPayload(
                e.sequence(),
                e.id(),
                task,
                run,
                e.type(),
                e.actor(),
                e.origin(),
                RunPayload.tree(e.payloadJson()),
                e.timestamp());
    }
}
