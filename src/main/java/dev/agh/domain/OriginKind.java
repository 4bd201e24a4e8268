package dev.agh.domain;

/** The surface a write came in through. */
public enum OriginKind implements WireEnum {
    CLI,
    WEB,
    UDS,
    HTTP,
    AUTOMATION,
    EXTENSION,
    NETWORK,
    AGENT_SESSION,
    DAEMON
}
