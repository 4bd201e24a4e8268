package dev.agh.api;

import dev.agh.domain.ApprovalPolicy;
import dev.agh.domain.ApprovalState;
import java.time.Instant;

/** One task in the inbox: its lane, why it waits, its latest run and the caller's effective triage. */
public record InboxItemPayload(
        TaskReference task,
        String lane,
        ApprovalPolicy approvalPolicy,
        ApprovalState approvalState,
        String blockingReason,
        Instant latestActivityAt,
        RunSummaryPayload run,
        InboxTriagePayload triage) {}
