package dev.agh.domain;

import java.time.Instant;

/** A named project directory that workspace-scoped tasks belong to. */
public record Workspace(String id, String name, String path, Instant createdAt) {}
