package dev.agh.domain;

/** The ingress surface of a write and the action it performed, e.g. {@code http / tasks.create}. */
public record Origin(OriginKind kind, String ref) {}
