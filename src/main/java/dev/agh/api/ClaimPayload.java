package dev.agh.api;

/** What claim-next hands an agent: the task, the run, its lease, and where to coordinate. */
public record ClaimPayload(
        TaskReference task, RunPayload run, LeasePayload lease, CoordinationChannelPayload coordinationChannel) {}
