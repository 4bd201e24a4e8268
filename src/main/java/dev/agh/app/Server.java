package dev.agh.app;

import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.OriginKind;
import dev.agh.domain.RetryPolicy;
import dev.agh.http.Activity;
import dev.agh.http.HttpServer;
import dev.agh.service.Authenticator;
import dev.agh.service.Caller;
import dev.agh.service.LocalTaskService;
import dev.agh.store.jdbi.JdbiTaskStore;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code agh serve}: the store, the service and the HTTP server, wired and published. */
public final class Server implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    /** How callers prove who they are. */
    public enum AuthMode {
        TOKEN,
        NONE
    }

    private final LocalTaskService service;
    private final HttpServer http;
    private final DataDirectory dir;
    private final String url;

    private final LeaseSweep sweep;
    private final Activity activity;
    private volatile RetentionSweep retention;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final long storeOpenMillis;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Server(
            LocalTaskService service,
            HttpServer http,
            DataDirectory dir,
            String url,
            LeaseSweep sweep,
            Activity activity,
            long storeOpenMillis) {
        this.sweep = sweep;
        this.storeOpenMillis = storeOpenMillis;
        this.service = service;
        this.http = http;
        this.dir = dir;
        this.url = url;
        this.activity = activity;
    }

    public static Server start(AppConfig config, String bind, int port, AuthMode auth) {
        return start(config, bind, port, auth, null);
    }

    /**
     * Opens the store as its only owner and serves it on {@code bind:port}.
     *
     * @param idleExit stop after this long without a request in flight (an open stream and a waiting claim are
     *     in flight until they end), or null to serve until stopped
     */
    public static Server start(AppConfig config, String bind, int port, AuthMode auth, Duration idleExit) {
        return start(config, bind, port, auth, idleExit, RetryPolicy.NONE);
    }

    /** Like {@link #start(AppConfig, String, int, AuthMode, Duration)}, with the retry policy of tasks without one. */
    public static Server start(
            AppConfig config, String bind, int port, AuthMode auth, Duration idleExit, RetryPolicy defaultRetry) {
        if (auth == AuthMode.NONE && !isLoopback(bind)) {
            throw AghException.invalid("--auth none is only allowed on a loopback address, not " + bind);
        }
        DataDirectory dir = new DataDirectory(config.home());
        dir.ensureExists();
        String running = config.dbUrl() == null ? dir.publishedServer() : null;
        if (running != null && Backends.reachable(running)) {
            // A second server would share the embedded file and take over server.url; the first one keeps serving.
            throw new AghException(
                    ErrorCode.STORE_UNAVAILABLE,
                    "agh serve is already running for " + config.home() + " at " + running
                            + "; use it, or stop it first");
        }
        requirePortFree(bind, port);
        String operatorToken = dir.operatorToken();
        long openStart = System.nanoTime();
        JdbiTaskStore store = openOwned(config);
        long storeOpenNanos = System.nanoTime() - openStart;
        if (config.dbUrl() == null) {
            dir.restrictStoreFiles();
        }
        LocalTaskService service = new LocalTaskService(store, Clock.systemUTC());
        service.setDefaultRetryPolicy(defaultRetry);
        Caller operator = Caller.human(config.user(), OriginKind.HTTP);
        // Session tokens work in both modes: agents must be told apart even when people need no token.
        Authenticator authenticator = token -> {
            if (token != null && constantTimeEquals(token, operatorToken)) {
                return Optional.of(operator);
            }
            Optional<Caller> session =
                    token == null ? Optional.empty() : service.authenticateSession(token, OriginKind.HTTP);
            return session.isPresent() || auth == AuthMode.TOKEN ? session : Optional.of(operator);
        };
        Activity activity = new Activity();
        HttpServer http;
        try {
            http = HttpServer.start(service, authenticator, bind, port, HttpServer.STREAM_KEEPALIVE, activity);
        } catch (RuntimeException e) {
            service.close();
            if (e instanceof io.javalin.util.JavalinBindException) {
                throw new AghException(
                        ErrorCode.SERVER_UNAVAILABLE,
                        "cannot listen on " + bind + ":" + port
                                + ": the port is in use (pick another with --port, or 0 for any free one)",
                        e);
            }
            throw e;
        }
        String host = bind.contains(":") ? "[" + bind + "]" : bind;
        String url = "http://" + ("0.0.0.0".equals(bind) ? "127.0.0.1" : host) + ":" + http.port();
        dir.publishServer(url);
        Server server = new Server(
                service,
                http,
                dir,
                url,
                LeaseSweep.every(service, Duration.ofSeconds(1)),
                activity,
                storeOpenNanos / 1_000_000);
        if (idleExit != null) {
            server.exitWhenIdle(idleExit);
        }
        return server;
    }

    /** Checks a few times per idle period (at least once a second) whether the server may stop. */
    private void exitWhenIdle(Duration idle) {
        long checkMillis = Math.max(50, Math.min(1000, idle.toMillis() / 4));
        Thread watch = new Thread(
                () -> {
                    try {
                        while (!closed.get()) {
                            Thread.sleep(checkMillis);
                            if (activity.closeIfIdle(idle.toNanos())) {
                                LOG.info("idle for {}: stopping", idle);
                                close();
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "agh-idle-exit");
        watch.setDaemon(true);
        watch.start();
    }

    /** Waits until the server stopped: closed by a signal, {@code agh server stop} or its idle time. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    public String url() {
        return url;
    }

    public int port() {
        return http.port();
    }

    /** How long opening the store took (H2's recovery after a crash and the migrations included). */
    public long storeOpenMillis() {
        return storeOpenMillis;
    }

    /** Prunes finished task trees older than {@code age} once a minute from now on ({@code agh serve --retain}). */
    public void retain(Duration age) {
        if (retention == null) {
            retention = RetentionSweep.every(service, age, Duration.ofMinutes(1));
        }
    }

    /** Stops taking requests (new ones get 503 SERVER_STOPPING), finishes the open ones, closes the store. Once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            activity.close();
            dir.unpublishServer(url);
            sweep.close();
            if (retention != null) {
                retention.close();
            }
            http.close();
            service.close();
        } finally {
            stopped.countDown();
        }
    }

    /**
     * Fails with one clear line when the port is taken, before the store is opened and before Javalin would log a
     * stack trace of its own. (Another process may still take the port in between; then the bind error below says
     * the same.)
     */
    /**
     * Opens the store as its owner. A short embedded command may hold the file for a moment (H2 refuses a second
     * opener while it does): wait for it, up to 10 s; a long-running one (a worker or TUI opened embedded) is
     * reported as such.
     */
    private static JdbiTaskStore openOwned(AppConfig config) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return JdbiTaskStore.open(config.ownerDbUrl(), 10);
            } catch (AghException e) {
                boolean locked = e.code() == ErrorCode.STORE_UNAVAILABLE;
                if (!locked || config.dbUrl() != null) {
                    throw e;
                }
                if (System.nanoTime() > deadline) {
                    throw new AghException(
                            ErrorCode.STORE_UNAVAILABLE,
                            "the store in " + config.home() + " is open in another agh"
                                    + " process (a worker or terminal UI run without a server?); stop it, then start agh serve",
                            e);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static void requirePortFree(String bind, int port) {
        if (port == 0) {
            return;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(bind, port));
        } catch (java.io.IOException e) {
            throw new AghException(
                    ErrorCode.SERVER_UNAVAILABLE,
                    "cannot listen on " + bind + ":" + port
                            + ": the port is in use (pick another with --port, or 0 for any free one)",
                    e);
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
