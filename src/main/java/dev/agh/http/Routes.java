package dev.agh.http;

import dev.agh.api.Operation;
import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * Registers a handler for one {@link Operation}: its method and path come from the one table of operations. Who
 * may call it comes from the same table and is checked by the service ({@code service.Roles}), so the CLI and
 * the HTTP API refuse the same things.
 */
final class Routes {
    private Routes() {}

    static void on(Javalin app, Operation operation, Handler handler) {
        app.addHttpHandler(HandlerType.valueOf(operation.method()), operation.path(), handler);
    }
}
