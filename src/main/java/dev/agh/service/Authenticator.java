package dev.agh.service;

import java.util.Optional;

/** Decides who a bearer token belongs to; empty means the token is unknown. */
@FunctionalInterface
public interface Authenticator {
    Optional<Caller> authenticate(String bearerToken);
}
