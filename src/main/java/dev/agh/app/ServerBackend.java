package dev.agh.app;

import dev.agh.client.HttpTaskService;
import dev.agh.domain.Actor;
import dev.agh.domain.OriginKind;
import dev.agh.service.Caller;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/** A command that talks to an {@code agh serve}: the server decides who the caller is from the token. */
public record ServerBackend(HttpTaskService service, Caller caller, String where) implements Backend {
    @Override
    public Backend asSession(String sessionId, String token) {
        return new ServerBackend(
                service.withToken(token), new Caller(Actor.agentSession(sessionId), OriginKind.HTTP, sessionId), where);
    }

    @Override
    public Map<String, String> agentEnvironment(AppConfig config, String token) {
        Map<String, String> env = new HashMap<>();
        env.put("AGH_SESSION_ID", caller.sessionId());
        env.put("AGH_SERVER", service.server().toString());
        if (token != null) {
            env.put("AGH_TOKEN", token);
        }
        return env;
    }

    @Override
    public Optional<LongSupplier> latestEventSequence() {
        return Optional.empty();
    }

    @Override
    public boolean holdsTheStore() {
        return false;
    }
}
