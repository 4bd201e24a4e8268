package dev.agh.api;

/** Response envelopes of the observe read models. */
public final class ObserveResponses {
    private ObserveResponses() {}

    /** {@code {"dashboard": DashboardPayload}} */
    public record DashboardResponse(DashboardPayload dashboard) {}

    /** {@code {"inbox": InboxPayload}} */
    public record InboxResponse(InboxPayload inbox) {}
}
