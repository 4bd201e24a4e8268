package dev.agh.app.bench;

import dev.agh.app.AppConfig;
import dev.agh.client.HttpTaskService;
import dev.agh.domain.OriginKind;
import dev.agh.service.Caller;
import dev.agh.service.LocalTaskService;
import dev.agh.service.TaskService;
import dev.agh.store.jdbi.JdbiTaskStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * What a benchmark runs against: a fresh embedded store in a temporary directory (durable H2, as a
 * user gets it), or a running server. Agents get their own client so they are independent callers.
 */
public final class BenchTarget implements AutoCloseable {
    private final LocalTaskService local;
    private final URI server;
    private final String operatorToken;
    private final Path tempDir;
    private final Path storeFile;

    private BenchTarget(LocalTaskService local, URI server, String operatorToken, Path tempDir, Path storeFile) {
        this.local = local;
        this.server = server;
        this.operatorToken = operatorToken;
        this.tempDir = tempDir;
        this.storeFile = storeFile;
    }

    public static BenchTarget open(AppConfig config, int connections) {
        if (config.serverUrl() != null) {
            String token = config.token() != null
                    ? config.token()
                    : new dev.agh.app.DataDirectory(config.home()).existingOperatorToken();
            return new BenchTarget(null, URI.create(config.serverUrl()), token, null, null);
        }
        try {
            Path dir = Files.createTempDirectory("agh-bench");
            String url = config.dbUrl() != null
                    ? config.dbUrl()
                    : new AppConfig(dir, null, null, null, null, config.user()).ownerDbUrl();
            JdbiTaskStore store = JdbiTaskStore.open(url, connections);
            BenchTarget target =
                    new BenchTarget(new LocalTaskService(store, Clock.systemUTC()), null, null, dir, h2File(url));
            target.embeddedStore = store;
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The H2 file behind a {@code jdbc:h2:file:} URL, or null for any other database. */
    private static Path h2File(String url) {
        String prefix = "jdbc:h2:file:";
        if (!url.startsWith(prefix)) {
            return null;
        }
        int options = url.indexOf(';');
        return Path.of(url.substring(prefix.length(), options < 0 ? url.length() : options) + ".mv.db");
    }

    /** The embedded store, when the target is not a server (its write batches are counted). */
    private JdbiTaskStore embeddedStore;

    /** {write batches, writes} of the embedded store so far, when the target is one. */
    public Optional<long[]> writeBatchCounts() {
        return Optional.ofNullable(embeddedStore).map(JdbiTaskStore::writeBatchCounts);
    }

    /** The size of the embedded H2 file, when the target is one. */
    public OptionalLong storeFileBytes() {
        try {
            return storeFile != null && Files.exists(storeFile)
                    ? OptionalLong.of(Files.size(storeFile))
                    : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    public String describe() {
        return local != null ? "embedded" : "server " + server;
    }

    /** The embedded service, when the target is not a server. */
    public java.util.Optional<LocalTaskService> local() {
        return Optional.ofNullable(local);
    }

    /** The server, when the target is one. */
    public URI serverUrl() {
        return server;
    }

    /** The operator token for a server target. */
    public String operatorToken() {
        return operatorToken;
    }

    /** The operator's service. */
    public TaskService operator() {
        return local != null ? local : new HttpTaskService(server, operatorToken);
    }

    public Caller operatorCaller() {
        return Caller.human("bench", local != null ? OriginKind.CLI : OriginKind.HTTP);
    }

    /** The service an agent with this session (and token) uses. */
    public TaskService agent(String token) {
        return local != null ? local : new HttpTaskService(server, token);
    }

    public Caller agentCaller(String sessionId) {
        return new Caller(
                dev.agh.domain.Actor.agentSession(sessionId),
                local != null ? OriginKind.CLI : OriginKind.HTTP,
                sessionId);
    }

    @Override
    public void close() {
        if (local != null) {
            local.close();
        }
        if (tempDir != null) {
            try (Stream<Path> files = Files.walk(tempDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // A temporary directory left behind is harmless.
            }
        }
    }
}
