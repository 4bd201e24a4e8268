package dev.agh.app;

import dev.agh.domain.Actor;
import dev.agh.domain.OriginKind;
import dev.agh.service.Caller;
import dev.agh.service.LocalTaskService;
import dev.agh.store.jdbi.JdbiTaskStore;
import java.time.Clock;

/**
 * The store opened in this process ({@code --embedded}, {@code --db}). A class of its own so that a command
 * going to a server never links the store's classes: {@link Backends} refers to this one by name only.
 */
final class InProcessStore {
    private InProcessStore() {}

    static Backend open(AppConfig config, DataDirectory dir) {
        if (config.dbUrl() == null) {
            dir.ensureExists();
        }
        JdbiTaskStore store = JdbiTaskStore.open(config.ownerDbUrl(), 2);
        if (config.dbUrl() == null) {
            dir.restrictStoreFiles();
        }
        // Local file access is the trust boundary: --session acts as that agent session directly.
        Caller caller = config.sessionId() != null
                ? new Caller(Actor.agentSession(config.sessionId()), OriginKind.CLI, config.sessionId())
                : Caller.human(config.user(), OriginKind.CLI);
        return new InProcessBackend(
                new LocalTaskService(store, Clock.systemUTC()), caller, "embedded " + store.engine());
    }
}
