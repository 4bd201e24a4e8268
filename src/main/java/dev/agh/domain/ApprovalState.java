package dev.agh.domain;

/** Where a task stands in its approval. */
public enum ApprovalState implements WireEnum {
    NOT_REQUIRED,
    PENDING,
    APPROVED,
    REJECTED
}
