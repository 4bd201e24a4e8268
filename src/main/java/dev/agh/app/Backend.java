package dev.agh.app;

import dev.agh.service.Caller;
import dev.agh.service.TaskService;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The service a command talks to and who it acts as: a client of a server ({@link ServerBackend}), or the store
 * opened in this process ({@link InProcessBackend}). What differs between the two is asked of the backend, never
 * found out by looking at the service's class.
 */
public sealed interface Backend extends AutoCloseable permits ServerBackend, InProcessBackend {
    TaskService service();

    Caller caller();

    /** A short description for diagnostics: "embedded h2", "server http://...". */
    String where();

    /**
     * This backend acting as the agent session {@code sessionId}: in process by its id (the same service: do not
     * close it separately), through a server by its token (a client of its own).
     */
    Backend asSession(String sessionId, String token);

    /**
     * The environment that lets a child process call {@code agh} as this backend's agent session: the same server
     * and the session's {@code token}, or the same data directory (and database) with the session's id.
     */
    Map<String, String> agentEnvironment(AppConfig config, String token);

    /**
     * The store's latest event sequence, when the store is in this process: a terminal UI reads it to notice
     * other processes' commits. Empty through a server, whose stream tells of every commit.
     */
    Optional<LongSupplier> latestEventSequence();

    /** Whether this process has the store open, so that an interrupted command must close it cleanly. */
    boolean holdsTheStore();

    @Override
    default void close() {
        service().close();
    }
}
