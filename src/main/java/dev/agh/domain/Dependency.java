package dev.agh.domain;

import java.time.Instant;

/** "{@code taskId} waits for {@code dependsOnTaskId}"; the only kind is {@code blocks}. */
public record Dependency(String taskId, String dependsOnTaskId, String kind, Instant createdAt) {
    public static final String BLOCKS = "blocks";
}
