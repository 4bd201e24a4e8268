package dev.agh.app;

import dev.agh.client.HttpTaskService;
import dev.agh.domain.Actor;
import dev.agh.domain.AghException;
import dev.agh.domain.OriginKind;
import dev.agh.service.Caller;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.function.Supplier;

/**
 * Chooses where a command runs. An embedded store has exactly one owner: its {@code agh serve}, started on
 * demand (see {@link LocalServer}), and every command on that data directory goes to it over HTTP. An
 * explicit {@code --server} is used as given; an explicit {@code --db} (PostgreSQL, which needs no owner)
 * is opened in this process; {@code --embedded} opens the embedded store in this process, alone.
 */
public final class Backends {
    private Backends() {}

    /** The command line's choice: the data directory's server, started if need be. */
    public static Backend open(AppConfig config) {
        DataDirectory dir = new DataDirectory(config.home());
        if (config.embedded()) {
            return embedded(config, dir);
        }
        if (config.serverUrl() != null) {
            return remote(config, dir, config.serverUrl(), null);
        }
        if (config.dbUrl() != null) {
            return local(config, dir);
        }
        String url = LocalServer.ensure(config, dir);
        return remote(config, dir, url, () -> parse(LocalServer.ensure(config, dir)));
    }

    /**
     * Like {@link #open} without starting a server: the data directory's live server if one runs, else the
     * store opened in this process (alone, as with {@code --embedded}). For tests and tools that run commands
     * inside one JVM, where a background server would outlive them.
     */
    public static Backend inProcess(AppConfig config) {
        DataDirectory dir = new DataDirectory(config.home());
        if (config.embedded()) {
            return embedded(config, dir);
        }
        if (config.serverUrl() != null) {
            return remote(config, dir, config.serverUrl(), null);
        }
        String live = config.dbUrl() == null ? LocalServer.live(dir) : null;
        return live != null ? remote(config, dir, live, null) : local(config, dir);
    }

    private static Backend embedded(AppConfig config, DataDirectory dir) {
        if (config.serverUrl() != null) {
            throw AghException.invalid("--embedded runs in this process; it cannot be combined with --server");
        }
        return local(config, dir);
    }

    private static URI parse(String url) {
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
        } catch (IllegalArgumentException e) {
            throw AghException.invalid("--server must be a URL like http://127.0.0.1:7433, got \"" + url + "\"");
        }
        return uri;
    }

    private static Backend remote(AppConfig config, DataDirectory dir, String url, Supplier<URI> relocator) {
        URI uri = parse(url);
        String token = config.token() != null ? config.token() : dir.existingOperatorToken();
        if (config.sessionId() != null) {
            // --session with the operator's token (or the session's own): the server acts as that session.
            Caller session = new Caller(Actor.agentSession(config.sessionId()), OriginKind.HTTP, config.sessionId());
            return new ServerBackend(
                    HttpTaskService.ofDataDirectory(uri, token, config.sessionId(), relocator),
                    session,
                    "server " + uri);
        }
        Caller caller = Caller.human(config.user(), OriginKind.HTTP);
        return new ServerBackend(HttpTaskService.ofDataDirectory(uri, token, null, relocator), caller, "server " + uri);
    }

    private static Backend local(AppConfig config, DataDirectory dir) {
        return InProcessStore.open(config, dir);
    }

    /** A quick TCP probe, so a server file left by a killed server does not stall every command. */
    public static boolean reachable(String url) {
        try {
            URI uri = URI.create(url);
            int port = uri.getPort() == -1 ? 80 : uri.getPort();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), port), 300);
                return true;
            }
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
