package dev.agh.domain;

/** Kinds of task owners; {@code pool} work is claimed by any agent of that name. */
public enum OwnerKind implements WireEnum {
    HUMAN,
    AGENT_SESSION,
    AUTOMATION,
    EXTENSION,
    NETWORK_PEER,
    POOL
}
