package dev.agh.domain;

/** Whether an agent session may still claim and hold work. */
public enum SessionState implements WireEnum {
    ACTIVE,
    STOPPED
}
