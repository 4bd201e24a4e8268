package dev.agh.api;

import dev.agh.domain.Run;
import dev.agh.domain.Task;
import java.util.List;

/** The channel a workspace run coordinates on, spelled out in claim responses. */
public record CoordinationChannelPayload(
        String id,
        String channel,
        String displayName,
        String purpose,
        String workspaceId,
        String taskId,
        String runId,
        List<String> allowedMessageKinds) {

    private static final List<String> KINDS =
            List.of("status", "request", "reply", "blocker", "handoff", "result", "review_request");

    /** Null for runs without a channel (global tasks). */
    public static CoordinationChannelPayload of(Run run, Task task) {
        if (run.coordinationChannelId() == null) {
            return null;
        }
        return new CoordinationChannelPayload(
                run.coordinationChannelId(),
                run.coordinationChannelId(),
                run.coordinationChannelId(),
                "task_run_coordination",
                task.workspaceId(),
                task.id(),
                run.id(),
                KINDS);
    }
}
