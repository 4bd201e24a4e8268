package dev.agh.api;

import dev.agh.domain.Dependency;
import java.time.Instant;

/** A dependency edge; {@code depends_on} is filled where the contract asks for the reference. */
public record DependencyPayload(
        String taskId, String dependsOnTaskId, String kind, Instant createdAt, TaskReference dependsOn) {

    public static DependencyPayload of(Dependency d) {
        return new DependencyPayload(d.taskId(), d.dependsOnTaskId(), d.kind(), d.createdAt(), null);
    }

    public static DependencyPayload of(Dependency d, TaskReference dependsOn) {
        return new DependencyPayload(d.taskId(), d.dependsOnTaskId(), d.kind(), d.createdAt(), dependsOn);
    }
}
