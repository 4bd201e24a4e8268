package dev.agh.domain;

/** Whether a task belongs to one workspace or to none. */
public enum Scope implements WireEnum {
    GLOBAL,
    WORKSPACE
}
