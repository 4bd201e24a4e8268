package dev.agh.domain;

/** Kinds of callers that perform writes. */
public enum ActorKind implements WireEnum {
    HUMAN,
    AGENT_SESSION,
    AUTOMATION,
    EXTENSION,
    NETWORK_PEER,
    DAEMON
}
