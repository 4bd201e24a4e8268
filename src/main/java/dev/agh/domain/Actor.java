package dev.agh.domain;

/** Who performed a write, derived from the caller's credentials, never from a request body. */
public record Actor(ActorKind kind, String ref) {
    public static Actor human(String name) {
        return new Actor(ActorKind.HUMAN, name);
    }

    public static Actor agentSession(String sessionId) {
        return new Actor(ActorKind.AGENT_SESSION, sessionId);
    }
}
