package dev.agh.http;

import dev.agh.domain.ErrorKind;

/** Error kind to HTTP status, the one table the server answers by. */
final class ErrorMapping {
    private ErrorMapping() {}

    static int status(ErrorKind kind) {
        return switch (kind) {
            case INVALID -> 422;
            case TOO_LARGE -> 413;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case REFUSED -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case UNAVAILABLE -> 503;
            case STORE_FULL -> 507;
            case INTERNAL -> 500;
        };
    }
}
