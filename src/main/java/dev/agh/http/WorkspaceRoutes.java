package dev.agh.http;

import static dev.agh.http.Exchange.caller;
import static dev.agh.http.Exchange.json;

import dev.agh.api.Operation;
import dev.agh.api.Requests.AddWorkspace;
import dev.agh.service.TaskService;
import io.javalin.Javalin;

/** {@code /api/workspaces}: an agh extension so remote CLIs can manage workspaces too. */
final class WorkspaceRoutes {
    private final TaskService service;

    WorkspaceRoutes(TaskService service) {
        this.service = service;
    }

    void register(Javalin app) {
        Routes.on(
                app,
                Operation.ADD_WORKSPACE,
                ctx -> json(ctx, 201, service.addWorkspace(caller(ctx), Exchange.body(ctx, AddWorkspace.class))));
        Routes.on(app, Operation.LIST_WORKSPACES, ctx -> json(ctx, 200, service.listWorkspaces(caller(ctx))));
        // The reference travels as a query parameter because a path reference contains slashes.
        Routes.on(app, Operation.REMOVE_WORKSPACE, ctx -> {
            String ref = Params.text(ctx, "ref");
            if (ref == null) {
                throw dev.agh.domain.AghException.invalid("ref is required (a workspace id, name or path)");
            }
            service.removeWorkspace(caller(ctx), ref);
            ctx.status(204);
        });
    }
}
