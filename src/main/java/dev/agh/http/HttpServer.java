package dev.agh.http;

import dev.agh.api.ErrorBody;
import dev.agh.api.OpenApiDocument;
import dev.agh.api.Operation;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.Limits;
import dev.agh.service.Authenticator;
import dev.agh.service.Caller;
import dev.agh.service.TaskService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The route table of {@code agh serve}, its bearer-token filter and its error mapping. */
public final class HttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    /** SPEC: a keepalive comment every 15 s on every open stream. */
    public static final Duration STREAM_KEEPALIVE = LiveRoutes.KEEPALIVE;

    private final Javalin app;
    private final LiveRoutes live;

    private HttpServer(Javalin app, LiveRoutes live) {
        this.app = app;
        this.live = live;
    }

    /** Starts serving {@code service} on {@code host:port} (port 0 picks a free one). */
    public static HttpServer start(TaskService service, Authenticator authenticator, String host, int port) {
        return start(service, authenticator, host, port, LiveRoutes.KEEPALIVE);
    }

    /** Like {@link #start(TaskService, Authenticator, String, int)} with another keepalive period for streams (tests). */
    public static HttpServer start(
            TaskService service, Authenticator authenticator, String host, int port, Duration streamKeepalive) {
        return start(service, authenticator, host, port, streamKeepalive, new Activity());
    }

    /**
     * Like {@link #start(TaskService, Authenticator, String, int, Duration)}, counting every request into
     * {@code activity} (for an exit after an idle time) and refusing new ones once it is closing.
     */
    public static HttpServer start(
            TaskService service,
            Authenticator authenticator,
            String host,
            int port,
            Duration streamKeepalive,
            Activity activity) {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            // Javalin refuses bodies over this with 413 before our handlers run; we answer in JSON below.
            config.http.maxRequestSize = Limits.MAX_REQUEST_BYTES;
            JsonErrorHandler errors = new JsonErrorHandler();
            config.jetty.modifyServer(server -> server.setErrorHandler(errors));
            config.jetty.modifyServletContextHandler(context -> {
                context.setErrorHandler(errors);
                context.addFilter(
                        new FilterHolder(new ActivityFilter(activity)), "/*", EnumSet.of(DispatcherType.REQUEST));
            });
        });
        BrowserGuard guard = BrowserGuard.forBind(host);
        app.before(ctx -> SecurityHeaders.apply(ctx::header));
        app.before("/api/*", ctx -> {
            guard.check(ctx);
            if (!ctx.path().equals(Operation.GET_OPENAPI_DOCUMENT.path())) {
                authenticate(ctx, authenticator, service);
            }
        });
        app.get(
                Operation.GET_OPENAPI_DOCUMENT.path(),
                ctx -> ctx.status(200).contentType("application/json").result(OpenApiDocument.bytes()));
        new TaskRoutes(service).register(app);
        new WorkspaceRoutes(service).register(app);
        new StoreRoutes(service).register(app);
        new RunRoutes(service).register(app);
        new AgentRoutes(service).register(app);
        LiveRoutes live = new LiveRoutes(service, streamKeepalive);
        new SessionRoutes(service, live::endStreamsOf).register(app);
        new ObserveRoutes(service).register(app);
        live.register(app);
        app.exception(AghException.class, (e, ctx) -> error(ctx, e.code(), e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 413) {
                error(
                        ctx,
                        ErrorCode.PAYLOAD_TOO_LARGE,
                        "request body too large (limit " + Limits.MAX_REQUEST_BYTES + " bytes)");
            } else if (e.getStatus() == 404) {
                error(ctx, ErrorCode.ROUTE_NOT_FOUND, "no route " + ctx.method() + " " + ctx.path());
            } else {
                ctx.status(e.getStatus()).json(new ErrorBody(e.getMessage(), "HTTP_" + e.getStatus()));
            }
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            error(ctx, ErrorCode.INTERNAL_ERROR, "internal error");
        });
        try {
            app.start(host, port);
        } catch (RuntimeException e) {
            live.close();
            throw e;
        }
        return new HttpServer(app, live);
    }

    public int port() {
        return app.port();
    }

    /**
     * Stops taking connections first, then ends the open streams, then stops. In the other order a
     * client whose stream just ended reconnects at once, reaches the stopping server, and is left
     * waiting for an answer that never comes until its own timeout.
     */
    @Override
    public void close() {
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            try {
                connector.stop();
            } catch (Exception e) {
                LOG.warn("stopping the listener on {} failed; stopping the server anyway", connector, e);
            }
        }
        live.close();
        app.stop();
    }

    private static void authenticate(Context ctx, Authenticator authenticator, TaskService service) {
        String header = ctx.header("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim()
                : null;
        Optional<Caller> caller =
                token == null || token.isEmpty() ? authenticator.authenticate(null) : authenticator.authenticate(token);
        if (caller.isEmpty()) {
            throw new AghException(
                    ErrorCode.UNAUTHENTICATED,
                    token == null ? "missing bearer token (Authorization: Bearer <token>)" : "invalid bearer token");
        }
        // With a session token, X-AGH-Session-ID is a cross-check. With the operator's, it says "act as this session
        // of mine" (agh --session ID against a server): the request then has that session's agent powers, no more.
        String claimedSession = ctx.header("X-AGH-Session-ID");
        Caller acting = caller.get();
        if (claimedSession != null && !claimedSession.isBlank()) {
            String claimed = claimedSession.trim();
            if (acting.sessionId() == null) {
                acting = actingAs(service, claimed);
            } else if (!claimed.equals(acting.sessionId())) {
                throw new AghException(ErrorCode.UNAUTHENTICATED, "X-AGH-Session-ID does not match the bearer token");
            }
        }
        ctx.attribute(Exchange.CALLER, acting);
    }

    /** The operator acting as its session {@code sessionId}, which must exist and be active. */
    private static Caller actingAs(TaskService service, String sessionId) {
        dev.agh.api.SessionPayload session;
        try {
            session = service.getSession(Caller.human("agh-serve", dev.agh.domain.OriginKind.HTTP), sessionId)
                    .session();
        } catch (AghException e) {
            if (e.code() != ErrorCode.SESSION_NOT_FOUND) {
                throw e;
            }
            throw new AghException(ErrorCode.UNAUTHENTICATED, "X-AGH-Session-ID names no session: " + sessionId);
        }
        if (session.state() != dev.agh.domain.SessionState.ACTIVE) {
            throw new AghException(
                    ErrorCode.UNAUTHENTICATED,
                    "session \"" + sessionId + "\" is " + session.state().wire() + "; it can no longer act");
        }
        return new Caller(dev.agh.domain.Actor.agentSession(sessionId), dev.agh.domain.OriginKind.HTTP, sessionId);
    }

    private static void error(Context ctx, ErrorCode code, String message) {
        Exchange.json(ctx, ErrorMapping.status(code.kind()), new ErrorBody(message, code.name()));
    }
}
