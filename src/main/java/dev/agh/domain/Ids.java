package dev.agh.domain;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Server-generated ids: a prefix and 16 lowercase hex characters, e.g. {@code task-3f9a0c1d2e4b5a69}. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    public static String task() {
        return next("task-");
    }

    public static String run() {
        return next("run-");
    }

    public static String event() {
        return next("evt-");
    }

    public static String workspace() {
        return next("ws-");
    }

    public static String session() {
        return next("sess-");
    }

    private static String next(String prefix) {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}
