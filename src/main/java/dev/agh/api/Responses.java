package dev.agh.api;

import java.util.List;

/** The response envelopes of the Tasks API, one record per body shape. */
public final class Responses {
    private Responses() {}

    /** {@code {"task": TaskPayload}} */
    public record TaskResponse(TaskPayload task) {}

    /** {@code {"task": TaskDetailPayload}} */
    public record TaskDetailResponse(TaskDetailPayload task) {}

    /** {@code {"tasks": [TaskSummaryPayload]}} */
    /** {@code {"tasks": [...], "next_cursor": "..."}}; {@code next_cursor} only when more tasks follow. */
    public record TaskListResponse(List<TaskSummaryPayload> tasks, String nextCursor) {}

    /** {@code {"task": TaskPayload, "run": TaskRunPayload}}: publish, start, approve. */
    public record TaskRunResponse(TaskPayload task, RunPayload run) {}

    /** {@code {"run": TaskRunPayload}} */
    public record RunResponse(RunPayload run) {}

    /** {@code {"runs": [TaskRunPayload]}} */
    public record RunListResponse(List<RunPayload> runs) {}

    /** {@code GET /api/task-runs}: a page of runs, newest queued first; {@code next_cursor} absent on the last one. */
    public record RunPageResponse(List<RunPayload> runs, String nextCursor) {}

    /** {@code {"run": RunDetailPayload}} */
    public record RunDetailResponse(RunDetailPayload run) {}

    /** {@code {"claim": ClaimPayload}} */
    public record ClaimResponse(ClaimPayload claim) {}

    /**
     * {@code {"lease": LeasePayload}}; {@code next} (agh extension): the run claimed by a completion or failure that
     * asked for one, absent when it did not ask or nothing was claimable.
     */
    public record LeaseResponse(LeasePayload lease, ClaimPayload next) {

        public LeaseResponse(LeasePayload lease) {
            this(lease, null);
        }
    }

    /** {@code {"session": SessionPayload, "token": "..."}}; the token only when the session is created. */
    public record SessionResponse(SessionPayload session, String token) {}

    /** {@code {"sessions": [SessionPayload]}} */
    public record SessionListResponse(List<SessionPayload> sessions) {}

    /** {@code {"workspace": WorkspacePayload}} (agh extension). */
    public record WorkspaceResponse(WorkspacePayload workspace) {}

    /** {@code {"workspaces": [WorkspacePayload]}} (agh extension). */
    public record WorkspaceListResponse(List<WorkspacePayload> workspaces) {}
}
