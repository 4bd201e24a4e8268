package dev.agh.store;

/**
 * Which queued runs a claimer may take.
 *
 * @param workspaceKey the workspace id, or "" for global tasks only
 * @param minPriorityRank lowest priority rank accepted (0 = all)
 * @param agentName the claimer's agent name, matched against {@code pool} owners
 * @param sessionId the claimer's session, matched against {@code agent_session} owners
 * @param channel when non-null, the run's coordination channel must equal it
 */
public record ClaimFilter(
        String workspaceKey, int minPriorityRank, String agentName, String sessionId, String channel) {}
