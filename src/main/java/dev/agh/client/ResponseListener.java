package dev.agh.client;

/** Sees every HTTP response the client receives: for verbose tracing and for contract checks. */
@FunctionalInterface
public interface ResponseListener {
    ResponseListener NONE = (method, path, status, body) -> {};

    void received(String method, String path, int status, String body);
}
