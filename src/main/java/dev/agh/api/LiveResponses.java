package dev.agh.api;

import java.util.List;

/** The response envelopes of the live views: timeline, tree and triage. */
public final class LiveResponses {
    private LiveResponses() {}

    /** {@code {"timeline": [TimelineItemPayload]}} */
    public record TimelineResponse(List<TimelineItemPayload> timeline) {}

    /** {@code {"tree": TreePayload}} */
    public record TreeResponse(TreePayload tree) {}

    /** {@code {"triage": TriagePayload}} */
    public record TriageResponse(TriagePayload triage) {}
}
