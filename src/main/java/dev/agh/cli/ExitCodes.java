package dev.agh.cli;

import dev.agh.domain.ErrorKind;

/** Process exit codes; scripts rely on them, so they never change meaning. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int UNEXPECTED = 1;
    public static final int USAGE = 2;
    public static final int NOT_FOUND = 3;
    public static final int CONFLICT = 4;
    public static final int INVALID = 5;
    public static final int DENIED = 6;
    public static final int UNAVAILABLE = 7;
    public static final int NO_WORK = 8;

    private ExitCodes() {}

    public static int of(ErrorKind kind) {
        return switch (kind) {
            case INVALID, TOO_LARGE, REFUSED, UNSUPPORTED_MEDIA_TYPE -> INVALID;
            case NOT_FOUND -> NOT_FOUND;
            case CONFLICT -> CONFLICT;
            case UNAUTHENTICATED, FORBIDDEN -> DENIED;
            case UNAVAILABLE, STORE_FULL -> UNAVAILABLE;
            case INTERNAL -> UNEXPECTED;
        };
    }
}
