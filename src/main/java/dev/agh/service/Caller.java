package dev.agh.service;

import dev.agh.domain.Actor;
import dev.agh.domain.Origin;
import dev.agh.domain.OriginKind;

/**
 * Who is calling and through which surface. Front ends build it from credentials (a bearer token,
 * the local user); the service turns it into the actor and origin stored with every write.
 *
 * @param sessionId the agent session the caller acts as, or null for a person
 */
public record Caller(Actor actor, OriginKind surface, String sessionId) {
    /** The origin of one action, e.g. {@code http / tasks.create}. */
    public Origin origin(String action) {
        return new Origin(surface, action);
    }

    public static Caller human(String name, OriginKind surface) {
        return new Caller(Actor.human(name), surface, null);
    }
}
