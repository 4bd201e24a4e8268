package dev.agh.app;

import dev.agh.domain.Actor;
import dev.agh.domain.OriginKind;
import dev.agh.service.Caller;
import dev.agh.service.LocalTaskService;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A command with the store opened in this process ({@code --embedded}, {@code --db}). Only {@link InProcessStore}
 * makes one, so a command that goes to a server never links the store's classes.
 */
public record InProcessBackend(LocalTaskService service, Caller caller, String where) implements Backend {
    @Override
    public Backend asSession(String sessionId, String token) {
        // Local file access is the trust boundary: the session acts by its id, through the same service.
        return new InProcessBackend(
                service, new Caller(Actor.agentSession(sessionId), OriginKind.CLI, sessionId), where);
    }

    @Override
    public Map<String, String> agentEnvironment(AppConfig config, String token) {
        Map<String, String> env = new HashMap<>();
        env.put("AGH_SESSION_ID", caller.sessionId());
        env.put("AGH_HOME", config.home().toString());
        if (config.dbUrl() != null) {
            env.put("AGH_DB", config.dbUrl());
        }
        return env;
    }

    @Override
    public Optional<LongSupplier> latestEventSequence() {
        return Optional.of(service::latestEventSequence);
    }

    @Override
    public boolean holdsTheStore() {
        return true;
    }
}
