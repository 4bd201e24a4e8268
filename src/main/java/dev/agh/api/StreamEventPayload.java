package dev.agh.api;

/** The data of one server-sent event of a task stream ({@code TaskStreamEventPayload}). */
public record StreamEventPayload(long sequence, String type, TimelineItemPayload timeline) {
    public static StreamEventPayload of(TimelineItemPayload item) {
        return new StreamEventPayload(item.sequence(), item.eventType(), item);
    }
}
