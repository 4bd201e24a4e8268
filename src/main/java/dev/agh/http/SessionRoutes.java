package dev.agh.http;

import static dev.agh.http.Exchange.caller;
import static dev.agh.http.Exchange.json;

import dev.agh.api.Operation;
import dev.agh.api.Requests.NewSession;
import dev.agh.service.TaskService;
import io.javalin.Javalin;

/** {@code /api/sessions}: agent sessions (an agh extension; creating one needs the operator token). */
final class SessionRoutes {
    private final TaskService service;

    private final java.util.function.Consumer<String> onStopped;

    /** {@code onStopped}: told the id of each session stopped here, to end its open streams at once. */
    SessionRoutes(TaskService service, java.util.function.Consumer<String> onStopped) {
        this.service = service;
        this.onStopped = onStopped;
    }

    void register(Javalin app) {
        Routes.on(
                app,
                Operation.CREATE_SESSION,
                ctx -> json(ctx, 201, service.createSession(caller(ctx), Exchange.body(ctx, NewSession.class))));
        Routes.on(app, Operation.LIST_SESSIONS, ctx -> json(ctx, 200, service.listSessions(caller(ctx))));
        Routes.on(
                app,
                Operation.GET_SESSION,
                ctx -> json(ctx, 200, service.getSession(caller(ctx), ctx.pathParam("id"))));
        Routes.on(app, Operation.STOP_SESSION, ctx -> {
            var stopped = service.stopSession(caller(ctx), ctx.pathParam("id"));
            onStopped.accept(stopped.session().sessionId());
            json(ctx, 200, stopped);
        });
    }
}
