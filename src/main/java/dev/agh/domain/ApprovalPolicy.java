package dev.agh.domain;

/** Whether a task needs an operator's approval before it may run. */
public enum ApprovalPolicy implements WireEnum {
    NONE,
    MANUAL;

    /** The approval state a task starts in (and returns to when the policy changes). */
    public ApprovalState initialState() {
        return this == NONE ? ApprovalState.NOT_REQUIRED : ApprovalState.PENDING;
    }
}
