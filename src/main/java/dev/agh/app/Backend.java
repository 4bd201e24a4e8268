package dev.agh.app;

import dev.agh.service.Caller;
import dev.agh.service.TaskService;

/**
 * The service a command talks to and who it acts as.
 *
 * @param where a short description for diagnostics: "embedded h2", "server http://..."
 */
public record Backend(TaskService service, Caller caller, String where) implements AutoCloseable {
    @Override
    public void close() {
        service.close();
    }
}
