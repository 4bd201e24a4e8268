package dev.agh.api;

/** The dashboard's summary cards. */
public record DashboardCardsPayload(InProgress inProgress, Blocked blocked, Failed failed, LatencyCard latency) {

    public record InProgress(
            long tasks,
            long activeRuns,
            long runningRuns,
            long startingRuns,
            long claimedRuns,
            long queuedRuns,
            String healthStatus) {}

    public record Blocked(long tasks, long awaitingApproval, long awaitingDependencies, String healthStatus) {}

    /** {@code forced_stops} counts {@code task.run_force_stopped} events since the service started. */
    public record Failed(long tasks, long failedRuns, long forcedStops, String healthStatus) {}

    public record LatencyCard(Latency claimLatencyMs, Latency startLatencyMs) {}

    /** Samples, integer mean and maximum in milliseconds; all 0 without samples. */
    public record Latency(long samples, long averageMs, long maximumMs) {}
}
