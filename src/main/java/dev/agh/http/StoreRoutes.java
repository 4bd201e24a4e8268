package dev.agh.http;

import static dev.agh.http.Exchange.caller;
import static dev.agh.http.Exchange.json;

import dev.agh.api.Operation;
import dev.agh.api.Requests.BackupStore;
import dev.agh.api.Requests.PruneStore;
import dev.agh.service.TaskService;
import io.javalin.Javalin;

/** {@code /api/store}: the store's health, retention and backups, through the process that owns it (agh extension). */
final class StoreRoutes {
    private final TaskService service;

    StoreRoutes(TaskService service) {
        this.service = service;
    }

    void register(Javalin app) {
        Routes.on(app, Operation.CHECK_STORE, ctx -> json(ctx, 200, service.checkStore(caller(ctx))));
        Routes.on(
                app,
                Operation.PRUNE_STORE,
                ctx -> json(ctx, 200, service.pruneStore(caller(ctx), Exchange.body(ctx, PruneStore.class))));
        Routes.on(app, Operation.COMPACT_STORE, ctx -> json(ctx, 200, service.compactStore(caller(ctx))));
        Routes.on(
                app,
                Operation.BACKUP_STORE,
                ctx -> json(ctx, 201, service.backupStore(caller(ctx), Exchange.body(ctx, BackupStore.class))));
    }
}
