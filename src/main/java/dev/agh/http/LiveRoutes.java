package dev.agh.http;

import static dev.agh.http.Exchange.caller;
import static dev.agh.http.Exchange.json;

import dev.agh.api.Operation;
import dev.agh.api.TaskStream;
import dev.agh.domain.AghException;
import dev.agh.domain.ErrorCode;
import dev.agh.domain.OriginKind;
import dev.agh.domain.SessionState;
import dev.agh.service.Caller;
import dev.agh.service.TaskService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The live views of one task: timeline, tree, triage and the SSE stream (with its keepalives). */
final class LiveRoutes implements AutoCloseable {
    /** SPEC: a keepalive comment every 15 s on every open stream. */
    static final Duration KEEPALIVE = Duration.ofSeconds(15);

    /** Who reads a session's state for the checks of {@link #tick}: the server itself. */
    private static final Caller OPERATOR_VIEW = Caller.human("agh-serve", OriginKind.HTTP);

    private final TaskService service;
    private final Set<SseConnection> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService keepalives = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "agh-sse-keepalive");
        thread.setDaemon(true);
        return thread;
    });

    LiveRoutes(TaskService service, Duration keepalive) {
        this.service = service;
        long millis = keepalive.toMillis();
        keepalives.scheduleAtFixedRate(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Every keepalive period: a keepalive on each stream, and the end of streams whose agent session was stopped
     * (here, from another process or another node): a stopped session's token no longer authenticates, so its
     * open streams must not go on delivering either.
     */
    private void tick() {
        for (SseConnection connection : open) {
            String session = connection.sessionId();
            if (session != null && !sessionActive(session)) {
                endStreamsOf(session);
            } else {
                connection.requestKeepalive();
            }
        }
    }

    private boolean sessionActive(String sessionId) {
        try {
            return service.getSession(OPERATOR_VIEW, sessionId).session().state() == SessionState.ACTIVE;
        } catch (AghException e) {
            return e.code() != ErrorCode.SESSION_NOT_FOUND;
        } catch (RuntimeException e) {
            return true; // the store is failing: keep the stream, decide on a later tick
        }
    }

    /** Ends the open streams of one agent session at once (it was stopped). */
    void endStreamsOf(String sessionId) {
        for (SseConnection connection : List.copyOf(open)) {
            if (sessionId.equals(connection.sessionId())) {
                connection.close();
                connection.abortConnection();
            }
        }
    }

    void register(Javalin app) {
        Routes.on(
                app,
                Operation.GET_TASK_TIMELINE,
                ctx -> json(
                        ctx,
                        200,
                        service.timeline(
                                caller(ctx),
                                ctx.pathParam("id"),
                                Params.longValue(ctx, "after_sequence"),
                                Params.integer(ctx, "limit"))));
        Routes.on(app, Operation.GET_TASK_TREE, ctx -> json(ctx, 200, service.tree(caller(ctx), ctx.pathParam("id"))));
        Routes.on(
                app,
                Operation.MARK_TASK_READ,
                ctx -> json(ctx, 200, service.triageRead(caller(ctx), ctx.pathParam("id"))));
        Routes.on(
                app,
                Operation.DISMISS_TASK,
                ctx -> json(ctx, 200, service.triageDismiss(caller(ctx), ctx.pathParam("id"))));
        Routes.on(
                app,
                Operation.ARCHIVE_TASK,
                ctx -> json(ctx, 200, service.triageArchive(caller(ctx), ctx.pathParam("id"))));
        Routes.on(app, Operation.STREAM_TASK, this::stream);
    }

    /** Errors (unknown task, bad cursor) are JSON answers; once the stream is open, only events and keepalives. */
    private void stream(Context ctx) throws Exception {
        long after = cursor(ctx);
        var caller = caller(ctx);
        SseConnection connection = new SseConnection(ctx, open, caller == null ? null : caller.sessionId());
        TaskStream stream = service.stream(caller(ctx), ctx.pathParam("id"), after, connection);
        connection.start(stream);
        ctx.future(connection::done);
    }

    /** {@code Last-Event-ID}, when sent, overrides {@code after_sequence}; both must be integers. */
    private static long cursor(Context ctx) {
        String lastEventId = ctx.header("Last-Event-ID");
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                return Long.parseLong(lastEventId.trim());
            } catch (NumberFormatException e) {
                throw AghException.invalid(
                        "Last-Event-ID must be an event sequence (an integer), got \"" + lastEventId + "\"");
            }
        }
        Long after = Params.longValue(ctx, "after_sequence");
        return after == null ? 0 : after;
    }

    /** Ends every open stream, so the server can stop. */
    @Override
    public void close() {
        keepalives.shutdownNow();
        List.copyOf(open).forEach(SseConnection::close);
    }
}
